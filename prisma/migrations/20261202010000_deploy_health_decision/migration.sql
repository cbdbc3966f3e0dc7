-- AlterTable
ALTER TABLE "Deploy" ADD COLUMN "healthDecision" TEXT;
ALTER TABLE "Deploy" ADD COLUMN "healthDecisionNote" TEXT;
ALTER TABLE "Deploy" ADD COLUMN "rolledBackBy" INTEGER;
ALTER TABLE "Deploy" ADD COLUMN "revertSha" TEXT;
