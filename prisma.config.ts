// Prisma CLI config: the JS engine with the better-sqlite3 driver adapter, so no native
// Prisma binary is ever downloaded (offline machines, NixOS on aarch64).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/homey-admin.db" });
  },
});
