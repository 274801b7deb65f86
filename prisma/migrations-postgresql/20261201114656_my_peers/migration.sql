-- AlterTable
ALTER TABLE "User" ADD COLUMN     "scopeIcb" TEXT,
ADD COLUMN     "scopeRegion" TEXT;

-- CreateTable
CREATE TABLE "PeerList" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PeerList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PeerListMember" (
    "peerListId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,

    CONSTRAINT "PeerListMember_pkey" PRIMARY KEY ("peerListId","organisationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "PeerList_userId_name_key" ON "PeerList"("userId", "name");

-- CreateIndex
CREATE INDEX "PeerListMember_organisationId_idx" ON "PeerListMember"("organisationId");

-- AddForeignKey
ALTER TABLE "PeerList" ADD CONSTRAINT "PeerList_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PeerListMember" ADD CONSTRAINT "PeerListMember_peerListId_fkey" FOREIGN KEY ("peerListId") REFERENCES "PeerList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PeerListMember" ADD CONSTRAINT "PeerListMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
