// 200,000 log lines into a real Chromium tab: the built server (demo mode, the production
// start command's V8 flags) serves a finished deploy whose log is 200,000 lines in SQLite;
// Debian's Chromium opens its page, which replays the log over SSE into the windowed view.
// Figures: time from navigation until the page counts every line, whether the last line is
// the last one written (in order, nothing lost), and the tab's longest task meanwhile
// (PerformanceObserver "longtask"). Needs `npm run build`. Prints figures; asserts nothing.
//
// Run: npm run bench:browser-log
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { chromium } from "@playwright/test";
import { createTestDatabase } from "@/lib/testing/test-db";
import { benchLine } from "./report";

const LINES = 200_000;
const PORT = Number(process.env.BENCH_PORT ?? 3970 + Number(process.env.HOMEY_E2E_PORT_OFFSET ?? 0));
const ROOT = path.join(__dirname, "..");

async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer ${base}/api/health within 60 s`);
}

async function main() {
  const { db, url, cleanup } = await createTestDatabase();
  const data = mkdtempSync(path.join(os.tmpdir(), "homey-bench-browser-"));
  const deploy = await db.deploy.create({
    data: { commitSha: "0".repeat(40), action: "switch", status: "succeeded", actor: "bench", transport: "local", target: "local", finishedAt: new Date(), exitCode: 0 },
  });
  await db.$disconnect();
  const sqlite = new Database(url.replace(/^file:/, ""));
  const insert = sqlite.prepare('INSERT INTO "DeployLogLine" ("deployId", "seq", "text") VALUES (?, ?, ?)');
  sqlite.transaction(() => {
    for (let i = 1; i <= LINES; i++) insert.run(deploy.id, i, `homey-services> bulk line ${i} building \x1b[32m/nix/store/…-unit-${i % 977}\x1b[0m`);
  })();
  sqlite.close();

  const flags = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { config: { nodeFlags: string } }).config.nodeFlags.split(/\s+/).filter(Boolean);
  const server = spawn("node", [...flags, "dist/server.js", "--demo"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", HOMEY_DATA_DIR: data, DATABASE_URL: url, PORT: String(PORT), HOST: "127.0.0.1" },
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${PORT}`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    await waitForHealth(base);
    const page = await browser.newPage();
    await page.goto(`${base}/deploys/${deploy.id}`); // warm: first render of the route
    await page.addInitScript(() => {
      const w = window as Window & { longestTask?: number };
      w.longestTask = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longestTask = Math.max(w.longestTask ?? 0, entry.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    const started = Date.now();
    await page.goto(`${base}/deploys/${deploy.id}`);
    await page.locator(`[data-testid="log-line-count"][data-count="${LINES}"]`).waitFor({ timeout: 120_000 });
    const ms = Date.now() - started;
    const last = (await page.getByTestId("log-line").last().textContent()) ?? "";
    const inOrder = last.includes(`bulk line ${LINES} `);
    const longest = await page.evaluate(() => (window as Window & { longestTask?: number }).longestTask ?? 0);
    console.log(`200,000-line log in Chromium: every line counted ${ms} ms after navigation; last line ${inOrder ? "is the last written ✔" : `is "${last}" ✘`}; longest task ${longest.toFixed(0)} ms (target < 100 ms)`);
    benchLine({ id: "log-browser", figure: "200,000 lines reach a Chromium tab", value: ms, unit: "ms", note: inOrder ? "in order" : "NOT in order", target: "in order", ok: inOrder });
    benchLine({ id: "log-browser-longtask", figure: "the tab's longest task meanwhile", value: Math.round(longest), unit: "ms", target: "< 100 ms", ok: longest < 100 });
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await cleanup();
    rmSync(data, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
