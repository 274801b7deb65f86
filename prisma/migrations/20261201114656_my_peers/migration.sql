-- AlterTable
ALTER TABLE "User" ADD COLUMN "scopeIcb" TEXT;
ALTER TABLE "User" ADD COLUMN "scopeRegion" TEXT;

-- CreateTable
CREATE TABLE "PeerList" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PeerList_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PeerListMember" (
    "peerListId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,

    PRIMARY KEY ("peerListId", "organisationId"),
    CONSTRAINT "PeerListMember_peerListId_fkey" FOREIGN KEY ("peerListId") REFERENCES "PeerList" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PeerListMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PeerList_userId_name_key" ON "PeerList"("userId", "name");

-- CreateIndex
CREATE INDEX "PeerListMember_organisationId_idx" ON "PeerListMember"("organisationId");
