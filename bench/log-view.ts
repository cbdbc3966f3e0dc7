// The deploy log path with a 200,000-line log, stage by stage, on real parts: Nix's
// captured internal-json output through the parser, lines persisted through the log bus
// into a real SQLite file (migrated like production), replayed from it as a reconnecting
// browser would get them, encoded as SSE batches, and taken in by the browser-side buffer
// and search. Prints figures; asserts nothing.
//
// Run: node --conditions=react-server --import tsx bench/log-view.ts
// (react-server: the server-only imports resolve to nothing outside Next.)
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { NixLogParser } from "@/lib/deploy/internal-json";
import { LogBus, type LogLineStore } from "@/lib/deploy/log-bus";
import { prismaLogStore, sqliteLogStore } from "@/lib/deploy/log-store";
import { createTestDatabase } from "@/lib/testing/test-db";
import { LINES_PER_EVENT, sseEvent } from "@/lib/deploy/live-events";
import { LogBuffer } from "@/components/deploy/live/log-buffer";
import { benchLine } from "./report";

const LINES = 200_000;
const FIXTURES = path.join(__dirname, "..", "lib", "deploy", "__fixtures__");

function ms(start: number): string {
  return `${(performance.now() - start).toFixed(0)} ms`;
}

function rate(count: number, start: number): string {
  const seconds = (performance.now() - start) / 1000;
  return `${Math.round(count / seconds).toLocaleString("en-US")} lines/s`;
}

function fixture(name: string): string[] {
  return readFileSync(path.join(FIXTURES, name), "utf8").split("\n").filter(Boolean);
}

/**
 * One big deploy: the captured stand-in switch (real Nix 2.8 internal-json), its build log
 * lines (result type 101) repeated with a counter until the log has 200,000 lines, as a
 * chatty compile would make it.
 */
function oneBigDeploy(): string[] {
  const source = fixture("standin-switch-success.log");
  const logLines = source.filter((l) => l.includes('"action":"result"') && l.includes('"type":101'));
  const copies = Math.ceil((LINES - source.length) / logLines.length) + 1;
  const lines: string[] = [];
  for (const line of source) {
    if (!logLines.includes(line)) lines.push(line);
    else for (let i = 0; i < copies; i++) lines.push(line.replace(/"fields":\["([^"]*)"\]/, (_, text: string) => `"fields":["${text} #${i}"]`));
  }
  return lines.slice(0, LINES);
}

/**
 * Many short Nix runs in one log: the captured deploys repeated, each copy with its own
 * activity ids (thousands of Nix processes — far more than a real deploy has).
 */
function manyNixRuns(): string[] {
  const sources = ["standin-switch-success.log", "standin-build-failure.log", "nix-substitute-copy.log"].map(fixture);
  const lines: string[] = [];
  for (let copy = 0; lines.length < LINES; copy++) {
    for (const line of sources[copy % sources.length]) {
      lines.push(line.replace(/"id":(\d+)/, (_, id: string) => `"id":${Number(id) + copy * 1_000_003}`));
      if (lines.length === LINES) break;
    }
  }
  return lines;
}

function parse(label: string, raw: string[]): { shown: string[]; parser: NixLogParser } {
  const nixShare = raw.filter((l) => l.startsWith("@nix ")).length / raw.length;
  const parser = new NixLogParser();
  const t = performance.now();
  const shown: string[] = [];
  for (const line of raw) for (const out of parser.push(line)) shown.push(out.text);
  parser.finish();
  console.log(
    `parse, ${label}: ${raw.length.toLocaleString("en-US")} lines (${Math.round(nixShare * 100)}% @nix JSON) in ${ms(t)} = ${rate(raw.length, t)}; ` +
      `${shown.length.toLocaleString("en-US")} lines to show, ${parser.snapshot().buildsStarted.toLocaleString("en-US")} builds`,
  );
  return { shown, parser };
}

async function main() {
  console.log(`deploy log path, ${LINES.toLocaleString("en-US")} lines (Node ${process.version})`);

  // 1. Parser: raw nixos-rebuild output → shown lines + progress.
  const { shown, parser } = parse("one big deploy (captured switch, build log lines repeated)", oneBigDeploy());
  parse("3,000 captured Nix runs back to back (pathological)", manyNixRuns());
  let t = performance.now();
  for (let i = 0; i < 1000; i++) parser.snapshot();
  console.log(`progress snapshot (structuredClone, sent at most 4×/s): ${((performance.now() - t) / 1000).toFixed(3)} ms each`);

  // The log as persisted: 200,000 lines of what the parser shows (build log lines mostly).
  const text = Array.from({ length: LINES }, (_, i) => shown[i % shown.length]);
  const avgBytes = text.reduce((n, l) => n + Buffer.byteLength(l), 0) / LINES;

  // 2. Persist through the bus into a real SQLite file. Output arrives in pipe reads of
  //    64 KiB (~700 lines here); the bus persists in batches of up to 500 in the background.
  // Not deploy-harness.ts's createTempDb: that module imports vitest, which refuses to load outside a test run.
  const db = await createTestDatabase().then(({ db: prisma, url, cleanup }) => ({ prisma, url, cleanup }));
  const sqliteStore = sqliteLogStore(db.url);
  try {
    const newDeploy = () =>
      db.prisma.deploy.create({
        data: { commitSha: "0".repeat(40), action: "switch", status: "running", actor: "bench", transport: "local", target: "local" },
      });
    const linesPerRead = Math.floor(65_536 / (avgBytes + 1));
    // Target (issue 12): >= 100,000 lines/s live + persisted. The old Prisma store runs first as the "before".
    const liveAndPersist = async (label: string, store: LogLineStore): Promise<{ id: number; perSecond: number }> => {
      const bus = new LogBus(store);
      const deploy = await newDeploy();
      bus.open(deploy.id);
      let received = 0;
      bus.subscribe(deploy.id, 1, () => received++);
      await new Promise((r) => setImmediate(r));
      const t = performance.now();
      let liveLag = 0;
      for (let i = 0; i < LINES; i++) {
        bus.append(deploy.id, text[i]);
        if (i % linesPerRead === linesPerRead - 1) {
          liveLag = Math.max(liveLag, i + 1 - received);
          await new Promise((r) => setImmediate(r));
        }
      }
      const appended = performance.now() - t;
      await db.prisma.deploy.update({ where: { id: deploy.id }, data: { status: "succeeded", finishedAt: new Date() } });
      await bus.close(deploy.id, { status: "succeeded", exitCode: 0, error: null });
      const perSecond = LINES / ((performance.now() - t) / 1000);
      console.log(
        `live + persist, ${label}: ${LINES.toLocaleString("en-US")} lines (avg ${avgBytes.toFixed(0)} B, ${linesPerRead} per pipe read) to a live subscriber in ${appended.toFixed(0)} ms ` +
          `(max lag ${liveLag} lines), all in SQLite after ${ms(t)} = ${rate(LINES, t)} ` +
          `(target >= 100,000 lines/s: ${perSecond >= 100_000 ? "✔" : "✘"})`,
      );
      return { id: deploy.id, perSecond };
    };
    // BENCH_LOG_PRISMA=0 skips the old store (tens of seconds under load; `npm run bench` skips it).
    const before = process.env.BENCH_LOG_PRISMA === "0" ? null : await liveAndPersist("Prisma createMany (before)", prismaLogStore(db.prisma));
    const now = await liveAndPersist("better-sqlite3 prepared, one transaction per batch (now)", sqliteStore);
    const deployId = now.id;
    const deploy = { id: deployId };
    const bus = new LogBus(sqliteStore);
    const store = prismaLogStore(db.prisma);

    // Where the persisting time goes: one 500-line batch through Prisma vs. plain better-sqlite3.
    const probe = await newDeploy();
    const batch = text.slice(0, 500).map((line, i) => ({ seq: i + 1, text: line }));
    t = performance.now();
    await store.appendLines(probe.id, batch);
    const prismaBatch = performance.now() - t;
    const sqlite = new Database(db.url.replace(/^file:/, ""));
    const insert = sqlite.prepare('INSERT INTO "DeployLogLine" ("deployId", "seq", "text") VALUES (?, ?, ?)');
    t = performance.now();
    sqlite.transaction(() => {
      for (const line of batch) insert.run(probe.id, line.seq + 500, line.text);
    })();
    const rawBatch = performance.now() - t;
    sqlite.close();
    console.log(`one 500-line batch: Prisma createMany ${prismaBatch.toFixed(1)} ms, better-sqlite3 prepared inserts in a transaction ${rawBatch.toFixed(1)} ms`);
    benchLine({
      id: "log-live-persisted",
      figure: "deploy log, live + persisted (200,000 lines)",
      value: Math.round(now.perSecond),
      unit: "lines/s",
      anchor: "raw prepared inserts alone (one 500-line batch)",
      anchorValue: Math.round(500 / (rawBatch / 1000)),
      ...(before ? { note: `the old Prisma store: ${Math.round(before.perSecond).toLocaleString("en-US")} lines/s` } : {}),
      target: "≥ 100,000 lines/s",
      ok: now.perSecond >= 100_000,
    });

    // 3. Replay a finished deploy from SQLite, as the SSE route does for a fresh page load.
    for (const from of [1, 150_001]) {
      t = performance.now();
      let count = 0;
      await new Promise<void>((resolve) => {
        const unsubscribe = bus.subscribe(deploy.id, from, (event) => {
          if (event.type === "line") count++;
          else if (event.type === "end") {
            unsubscribe();
            resolve();
          }
        });
      });
      console.log(`replay from seq ${from.toLocaleString("en-US")}: ${count.toLocaleString("en-US")} lines from SQLite in ${ms(t)} = ${rate(count, t)}`);
    }

    // 4. SSE: the same lines as batched events (what the browser downloads).
    t = performance.now();
    let bytes = 0;
    let events = 0;
    for (let from = 0; from < LINES; from += LINES_PER_EVENT) {
      const batch = text.slice(from, from + LINES_PER_EVENT);
      bytes += Buffer.byteLength(sseEvent("lines", { from: from + 1, lines: batch }, from + batch.length));
      events++;
    }
    console.log(`SSE encode: ${events} events, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${ms(t)} (${(bytes / LINES).toFixed(0)} B per line on the wire)`);

    // 5. Browser side, in Node: the buffer (defensive escape stripping) and a search scan.
    const buffer = new LogBuffer();
    t = performance.now();
    for (let from = 0; from < LINES; from += LINES_PER_EVENT) buffer.append(from + 1, text.slice(from, from + LINES_PER_EVENT));
    console.log(`buffer: ${buffer.lines.length.toLocaleString("en-US")} lines appended (escapes stripped) in ${ms(t)}`);
    t = performance.now();
    const needle = "homey-services";
    let matches = 0;
    for (const line of buffer.lines) if (line.toLowerCase().includes(needle)) matches++;
    console.log(`search: "${needle}" over ${LINES.toLocaleString("en-US")} lines, ${matches.toLocaleString("en-US")} matches in ${ms(t)}`);
  } finally {
    sqliteStore.close();
    await db.cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
