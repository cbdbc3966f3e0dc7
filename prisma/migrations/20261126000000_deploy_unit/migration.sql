-- AlterTable
ALTER TABLE "Deploy" ADD COLUMN "unit" TEXT;
ALTER TABLE "Deploy" ADD COLUMN "unitLogFrom" INTEGER;
