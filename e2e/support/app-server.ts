// One real homey-admin server per Playwright worker: its own SQLite file (real migrations),
// its own data dir, the production build run by the compiled server (dist/server.js) with
// plain node, exactly as `npm start` and the Nix package run it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHomeyRemote, type HomeyRemote } from "./homey-remote";

export interface AppServer {
  url: string;
  dataDir: string;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  /** The bare remote of the app's homey repo (absent when the caller brought its own repo). */
  remote?: HomeyRemote;
  stop(): Promise<void>;
}

const root = path.resolve(__dirname, "../..");

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`homey-admin exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`homey-admin did not become healthy:\n${log()}`);
}

/** Shifts every fixed e2e port, so two checkouts can run their suites side by side. */
const PORT_OFFSET = Number(process.env.HOMEY_E2E_PORT_OFFSET ?? 0);

/** The port a server asked for on `requested` really listens on. */
export function effectivePort(requested: number): number {
  return requested + PORT_OFFSET;
}

export async function startAppServer(requestedPort: number, extraEnv: Record<string, string> = {}, args: string[] = []): Promise<AppServer> {
  const port = effectivePort(requestedPort);
  const dataDir = mkdtempSync(path.join(tmpdir(), "homey-e2e-"));
  const databaseUrl = `file:${path.join(dataDir, "homey-admin.db")}`;
  const remote = extraEnv.HOMEY_REPO_PATH || args.includes("--demo") ? undefined : createHomeyRemote(dataDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOMEY_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    // homey runs in homelabs, often offline: Next.js must never phone home, in tests neither.
    NEXT_TELEMETRY_DISABLED: "1",
    // No Prometheus unless a spec starts one (e2e/support/live-rig.ts): port 9 never answers,
    // so a Prometheus on this machine's 9090 cannot leak into a test.
    HOMEY_PROMETHEUS_URL: "http://127.0.0.1:9",
    ...(remote ? { HOMEY_REPO_REMOTE: remote.bare, HOMEY_REPO_PATH: path.join(dataDir, "homey") } : {}),
    ...extraEnv,
  };
  const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], { cwd: root, env, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`);

  const server = path.join(root, "dist", "server.js");
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` (it builds Next and compiles server.ts).`);
  let output = "";
  // The production start command's V8 flags (package.json config.nodeFlags, as `npm start` and the Nix wrapper).
  const nodeFlags = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { config: { nodeFlags: string } }).config.nodeFlags.split(" ");
  const child = spawn(process.execPath, [...nodeFlags, server, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output);
  return {
    url,
    dataDir,
    databaseUrl,
    env,
    remote,
    async stop() {
      if (child.exitCode === null) {
        process.kill(-child.pid!, "SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
