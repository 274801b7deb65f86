-- AlterTable
ALTER TABLE "ImportBatchChange" ADD COLUMN     "lastEntityId" INTEGER;
