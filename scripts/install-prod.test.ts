// The built output, laid out as the Nix package installs it (scripts/install-prod.sh), and
// started with the package wrapper's own command — `node dist/server.js` in that folder, no
// tsx, npm or npx — answers a request without identity headers with the sign-in page (401).
// Needs a production build: `npm run build` (scripts/test-all.sh builds before the tests).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/ports";

const root = path.resolve(__dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "homey-install-"));
const installDir = path.join(work, "lib", "homey-admin");
let server: ChildProcess | undefined;
let output = "";
let url = "";
/** The production start command's V8 flags: `npm start` and bin/homey-admin both pass them. */
const nodeFlags = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { config: { nodeFlags: string } }).config.nodeFlags.split(" ");


/** PIDs whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]?.split(" ")[1] === String(pid);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

beforeAll(async () => {
  if (!existsSync(path.join(root, "dist", "server.js"))) {
    throw new Error("No production build: run `npm run build` first (it builds Next and compiles server.ts).");
  }
  const install = spawnSync("bash", [path.join(root, "scripts", "install-prod.sh"), installDir], { encoding: "utf8" });
  expect(install.status, install.stderr).toBe(0);

  const env = {
    PATH: process.env.PATH,
    HOME: work,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    HOMEY_DATA_DIR: path.join(work, "state"),
    DATABASE_URL: `file:${path.join(work, "state", "homey-admin.db")}`,
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    HOMEY_DOMAIN: "example.org",
  };
  // systemd's StateDirectory creates it in production; SQLite creates only the file.
  mkdirSync(env.HOMEY_DATA_DIR, { recursive: true });
  // bin/homey-admin-migrate's command, in the installed folder.
  const migrate = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    cwd: installDir,
    env,
    encoding: "utf8",
  });
  expect(migrate.status, migrate.stdout + migrate.stderr).toBe(0);

  // bin/homey-admin's command: plain node with the V8 flags of package.json config.nodeFlags
  // (nix/package.nix passes the same) on the compiled server, in the installed folder.
  const child = spawn(process.execPath, [...nodeFlags, path.join(installDir, "dist", "server.js")], { cwd: installDir, env, stdio: ["ignore", "pipe", "pipe"] });
  server = child;
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the installed server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`the installed server did not answer:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  rmSync(work, { recursive: true, force: true });
});

describe("the installed production build", () => {
  it("answers an unauthenticated request with the sign-in page", async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("Sign in through Authelia");
  });

  it("is one node process, with production dependencies only", () => {
    expect(childrenOf(server!.pid!)).toEqual([]);
    expect(readFileSync(`/proc/${server!.pid}/cmdline`, "utf8").split("\0").filter(Boolean)).toEqual([
      process.execPath,
      ...nodeFlags,
      path.join(installDir, "dist", "server.js"),
    ]);
    // Pruned: the test and build tools are not shipped.
    for (const devOnly of ["vitest", "@tailwindcss/postcss", "fast-check", "tsx", "esbuild"]) {
      expect(existsSync(path.join(installDir, "node_modules", devOnly)), devOnly).toBe(false);
    }
    expect(existsSync(path.join(installDir, ".next", "cache"))).toBe(false);
  });
});
