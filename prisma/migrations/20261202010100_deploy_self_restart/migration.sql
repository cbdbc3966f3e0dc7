-- AlterTable
ALTER TABLE "Deploy" ADD COLUMN "selfRestartTo" TEXT;
