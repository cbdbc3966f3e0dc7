import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "nix/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // server-only throws outside a React server bundle; tests import server modules directly.
    alias: { "server-only": path.resolve(__dirname, "lib/testing/server-only-noop.ts") },
    pool: "forks",
  },
});
