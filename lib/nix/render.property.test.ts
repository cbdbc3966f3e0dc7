// Property: any text a user can type — full Unicode, `${`, `''`, `\`, `"`, newlines, control
// characters (all but NUL) — in any field of a draft comes back unchanged after
// render → real Nix evaluation (eval-modules.nix, with `domain`) → import mapping.
// Snapshots are checked in batches: one nix-instantiate call evaluates a whole batch.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DraftSnapshot } from "@/lib/model/snapshot";
import { evalGeneratedDirs } from "./check";
import { IMPORT_SENTINEL_DOMAIN, snapshotFromConfig } from "./import";
import { canonicalSnapshot, renderGeneratedFiles } from "./render";
import { loadTemplates } from "./template";

const tricky = fc.constantFrom(
  "${", "${domain}", "''", "''${", "'''", "\\", "\\${", '"', "$", "$$", "a$", "\n", "\r\n", "\r", "\t",
  "\u0001", "\u001b[31m", "\u007f", "\u2028", "😀", "𝔘", ".", "a.b", " ", "@", "*", "/", "or", "if", "__proto__",
);
const anyText = fc.string({ unit: "binary", maxLength: 12 }).map((s) => s.replaceAll("\0", ""));
// Mostly the hard cases, glued to random text so they meet each other and ends of strings.
const piece = fc.oneof({ arbitrary: tricky, weight: 3 }, { arbitrary: anyText, weight: 1 });
const text = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(""));
const texts = fc.array(text, { maxLength: 3 });
const int = fc.oneof(fc.integer({ min: -1000, max: 100_000 }), fc.maxSafeInteger(), fc.constant(-Number.MAX_SAFE_INTEGER));

const snapshotArb: fc.Arbitrary<DraftSnapshot> = fc.record({
  services: fc.uniqueArray(fc.record({ name: text, enabled: fc.boolean() }), { selector: (s) => s.name, maxLength: 4 }),
  virtualHosts: fc.uniqueArray(
    fc.record({
      subdomain: text,
      upstreamHost: text,
      upstreamPort: int,
      auth: fc.constantFrom("authelia" as const, "none" as const),
    }),
    { selector: (v) => v.subdomain, maxLength: 4 },
  ),
  accessRules: fc.array(
    fc.record({
      priority: int,
      domains: texts,
      resources: texts,
      subjects: fc.array(texts, { maxLength: 3 }),
      policy: fc.constantFrom("bypass" as const, "one_factor" as const, "two_factor" as const, "deny" as const),
      methods: texts,
      networks: texts,
    }),
    { maxLength: 4 },
  ),
  monitors: fc.array(
    fc.record({
      name: text,
      type: fc.constantFrom("http" as const, "keyword" as const),
      target: fc.oneof(
        text,
        fc.array(text, { minLength: 2, maxLength: 4 }).map((parts) => parts.join("/")), // "sub/path/..."
        fc.tuple(fc.constantFrom("http://", "https://", "HTTPS://"), text).map(([scheme, rest]) => scheme + rest),
      ),
      interval: int,
      keyword: text,
      maxretries: int,
    }),
    { maxLength: 4 },
  ),
  backup: fc.record({ extraPaths: texts, exclude: texts }),
});

const BATCHES = 4;
const PER_BATCH = 100;

describe("render → nix eval → import round-trips arbitrary text", () => {
  const templates = loadTemplates();

  for (let batch = 0; batch < BATCHES; batch++) {
    it(`batch ${batch + 1} of ${PER_BATCH} random drafts`, async () => {
      const seed = Number(process.env.FC_SEED ?? Date.now()) + batch;
      const drafts = fc.sample(snapshotArb, { numRuns: PER_BATCH, seed });
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "homey-prop-"));
      try {
        const dirs = drafts.map((draft, i) => {
          const dir = path.join(root, String(i));
          fs.mkdirSync(dir);
          for (const [file, content] of Object.entries(renderGeneratedFiles(draft, templates))) {
            fs.writeFileSync(path.join(dir, file), content);
          }
          return dir;
        });
        const configs = await evalGeneratedDirs(dirs, IMPORT_SENTINEL_DOMAIN);
        drafts.forEach((draft, i) => {
          const back = snapshotFromConfig(configs[i], IMPORT_SENTINEL_DOMAIN, templates);
          // Replay a failure with FC_SEED=<seed> (and this batch number).
          expect(back, `seed ${seed}, draft ${i}`).toEqual(canonicalSnapshot(draft));
        });
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});
