-- AlterTable
ALTER TABLE "Deploy" ADD COLUMN "health" TEXT;

