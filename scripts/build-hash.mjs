// What the production build was made from: one hash over every source file git knows
// (tracked, plus new files that are not ignored) and package-lock.json, with the Node version
// and the build's own settings. `npm run demo` builds only when this differs from the hash
// stored next to the last build, so a second start serves in seconds instead of minutes.
//
//   node scripts/build-hash.mjs            prints the hash of the sources now
//   node scripts/build-hash.mjs --check    exit 0 when the last build is from these sources
//   node scripts/build-hash.mjs --write    records the current hash as the last build's
// Outside a git checkout there is no file list: --check always says "build".
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The folder next.build writes (HOMEY_NEXT_DIST_DIR overrides it, as next.config.ts does). */
export function distDir(root, env = process.env) {
  return path.resolve(root, env.HOMEY_NEXT_DIST_DIR || ".next");
}

export function hashFile(root, env = process.env) {
  return path.join(distDir(root, env), "homey-build-hash");
}

/** null when `root` is not a git checkout (nothing to compare: always build). */
export function sourceHash(root, env = process.env) {
  let listing;
  try {
    listing = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return null;
  }
  const files = [...new Set(listing.split("\0").filter(Boolean))].sort();
  if (!files.includes("package-lock.json") && existsSync(path.join(root, "package-lock.json"))) files.push("package-lock.json");
  const hash = createHash("sha256");
  hash.update(`node ${process.version}\0dist ${env.HOMEY_NEXT_DIST_DIR ?? ""}\0`);
  for (const file of files) {
    hash.update(file).update("\0");
    // A tracked file deleted on disk changes the hash too.
    try {
      hash.update(readFileSync(path.join(root, file)));
    } catch {
      hash.update("\u0000(missing)");
    }
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** True when the last build (its outputs still present) was made from these sources. */
export function buildIsCurrent(root, env = process.env) {
  const current = sourceHash(root, env);
  if (!current) return false;
  const outputs = [path.join(distDir(root, env), "BUILD_ID"), path.join(root, "dist", "server.js")];
  if (!outputs.every((file) => existsSync(file))) return false;
  try {
    return readFileSync(hashFile(root, env), "utf8").trim() === current;
  } catch {
    return false;
  }
}

export function recordBuild(root, hash, env = process.env) {
  mkdirSync(distDir(root, env), { recursive: true });
  writeFileSync(hashFile(root, env), `${hash}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const mode = process.argv[2];
  if (mode === "--check") {
    process.exit(buildIsCurrent(root) ? 0 : 1);
  } else if (mode === "--write") {
    const hash = process.argv[3] || sourceHash(root);
    if (hash) recordBuild(root, hash);
  } else {
    process.stdout.write(`${sourceHash(root) ?? ""}\n`);
  }
}
