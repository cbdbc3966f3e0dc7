// Whether a SQLite database already has every migration in prisma/migrations applied, read
// straight from Prisma's own `_prisma_migrations` table (name and checksum, the sha256 of each
// migration.sql). `npm run demo` skips `prisma migrate deploy` (seconds of CLI start-up) when
// it has: a second start then serves in seconds. Anything unusual (no file, a relative or
// non-file URL, a failed or edited migration) answers "no", and migrate deploy runs as before.
//
//   node scripts/migrations-current.mjs <migrations dir> <DATABASE_URL>   exit 0 = up to date
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export function migrationsCurrent(migrationsDir, databaseUrl) {
  if (!databaseUrl?.startsWith("file:/")) return false; // relative URLs resolve differently in Prisma's CLI
  const file = databaseUrl.slice("file:".length).replace(/\?.*$/, "");
  if (!existsSync(file)) return false;
  const wanted = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(migrationsDir, e.name, "migration.sql")))
    .map((e) => ({ name: e.name, checksum: createHash("sha256").update(readFileSync(path.join(migrationsDir, e.name, "migration.sql"))).digest("hex") }));
  const Database = createRequire(import.meta.url)("better-sqlite3");
  let db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const applied = db
      .prepare("SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
      .all();
    const failed = db.prepare("SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL").get().n;
    if (failed > 0) return false;
    const done = new Map(applied.map((m) => [m.name, m.checksum]));
    return wanted.every((m) => done.get(m.name) === m.checksum);
  } catch {
    return false; // no table yet, not a database, locked: let Prisma decide
  } finally {
    db?.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, url] = process.argv.slice(2);
  process.exit(migrationsCurrent(dir, url) ? 0 : 1);
}
