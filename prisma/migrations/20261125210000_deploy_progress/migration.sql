-- AlterTable
ALTER TABLE "Deploy" ADD COLUMN "progress" TEXT;

