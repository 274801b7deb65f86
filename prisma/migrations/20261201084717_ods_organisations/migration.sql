-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "closedOn" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "openedOn" TEXT;

-- CreateTable
CREATE TABLE "Icb" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
