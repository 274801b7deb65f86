-- AlterTable
ALTER TABLE "Invite" ADD COLUMN     "scopeIcb" TEXT,
ADD COLUMN     "scopeRegion" TEXT;
