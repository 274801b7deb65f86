-- AlterTable
ALTER TABLE "Invite" ADD COLUMN "scopeIcb" TEXT;
ALTER TABLE "Invite" ADD COLUMN "scopeRegion" TEXT;
