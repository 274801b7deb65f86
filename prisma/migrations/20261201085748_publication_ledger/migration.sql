-- CreateTable
CREATE TABLE "PublicationRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "familyKey" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "totalPublished" BOOLEAN NOT NULL,
    "parts" TEXT NOT NULL,
    "minN" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PublicationRecord_organisationId_idx" ON "PublicationRecord"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "PublicationRecord_familyKey_stateHash_key" ON "PublicationRecord"("familyKey", "stateHash");
