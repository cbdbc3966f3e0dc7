// Next's own settings as `next build` resolved them, handed to the production server the way
// Next's standalone server.js does (the __NEXT_PRIVATE_STANDALONE_CONFIG variable). Without it
// Next finds next.config.ts at every start and transpiles it with its native SWC binary: a
// ~100 MB shared object mapped for the life of the process (bench/footprint.sh measured ~25 MB
// of resident memory), only to read settings the build already wrote to
// <distDir>/required-server-files.json. The server then also runs with exactly the config it
// was built with.
import { readFileSync } from "node:fs";
import path from "node:path";

export function useBuiltNextConfig(distDir: string): void {
  const file = path.join(distDir, "required-server-files.json");
  let config: unknown;
  try {
    config = (JSON.parse(readFileSync(file, "utf8")) as { config?: unknown }).config;
  } catch (error) {
    throw new Error(`homey-admin cannot start: ${file} is missing or unreadable (${error instanceof Error ? error.message : String(error)}). Run \`npm run build\` first.`, { cause: error });
  }
  if (typeof config !== "object" || config === null) {
    throw new Error(`homey-admin cannot start: ${file} has no "config" object. Rebuild with \`npm run build\`.`);
  }
  // A setting for Next itself (lib/config is where the environment is handled).
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}
