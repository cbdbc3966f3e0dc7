// nix/lock-urls.nix on our real package-lock.json and on a lock with every kind of entry
// npm writes, evaluated by real Nix: registry entries get the URL the registry serves
// them at and keep their integrity; everything else is left exactly as it was.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, evalNixError, evalNixJson, nixString } from "./testing/nix-eval";

// `.invalid` can never resolve: a test can't fetch from it by accident.
const BASE = "https://registry.invalid";

type LockEntry = Record<string, unknown>;
interface Lock {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

function patch(lock: unknown, registry: string = BASE): Lock {
  return evalNixJson(
    `import ./nix/lock-urls.nix { registry = ${nixString(registry)}; packageLock = builtins.fromJSON ${nixString(JSON.stringify(lock))}; }`,
  ) as Lock;
}

describe("lock-urls.nix", () => {
  it("gives every registry entry of our package-lock.json its URL and keeps its integrity", () => {
    const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as Lock;
    // Read by Nix from the file itself, as the package does.
    const patched = evalNixJson(
      `import ./nix/lock-urls.nix { registry = "${BASE}/"; packageLock = builtins.fromJSON (builtins.readFile ./package-lock.json); }`,
    ) as Lock;

    expect(Object.keys(patched.packages).sort()).toEqual(Object.keys(lock.packages).sort());
    let registryEntries = 0;
    for (const [key, entry] of Object.entries(lock.packages)) {
      const after = patched.packages[key];
      const { resolved, ...rest } = after;
      expect(rest).toEqual(entry); // nothing else changed, integrity included
      if (key === "" || entry.inBundle) {
        expect(resolved, key).toBeUndefined();
        continue;
      }
      registryEntries += 1;
      expect(entry.integrity, key).toMatch(/^sha(1|256|512)-/);
      expect(typeof resolved, key).toBe("string");
      expect(String(resolved).startsWith(`${BASE}/`), key).toBe(true);
      expect(String(resolved).endsWith(`-${String(entry.version)}.tgz`), key).toBe(true);
    }
    expect(registryEntries).toBeGreaterThan(250);
    // Spot checks written out by hand: scoped, nested under another package, plain.
    expect(patched.packages["node_modules/@prisma/client"].resolved).toBe(`${BASE}/@prisma/client/-/client-6.19.3.tgz`);
    expect(patched.packages["node_modules/next"].resolved).toBe(`${BASE}/next/-/next-16.4.6.tgz`);
    const nested = "node_modules/@prisma/adapter-better-sqlite3/node_modules/better-sqlite3";
    expect(patched.packages[nested].resolved).toBe(
      `${BASE}/better-sqlite3/-/better-sqlite3-${String(lock.packages[nested].version)}.tgz`,
    );
  });

  it("handles scoped, nested, aliased, linked, workspace, bundled and already-resolved entries", () => {
    const sha = "sha512-" + "A".repeat(86) + "==";
    const lock = {
      name: "demo",
      lockfileVersion: 3,
      requires: true,
      packages: {
        "": { name: "demo", version: "1.0.0", workspaces: ["packages/*"] },
        "node_modules/plain": { version: "1.2.3", integrity: sha },
        "node_modules/@scope/pkg": { version: "2.0.0", integrity: sha, license: "MIT" },
        "node_modules/a/node_modules/b": { version: "0.1.0", integrity: sha, dev: true },
        "node_modules/a/node_modules/@s/c": { version: "3.0.0-rc.1", integrity: sha },
        "node_modules/my-alias": { name: "@real/thing", version: "4.5.6", integrity: sha },
        "node_modules/ws-pkg": { resolved: "packages/ws-pkg", link: true },
        "packages/ws-pkg": { name: "ws-pkg", version: "0.0.1" },
        "node_modules/parent/node_modules/bundled": { version: "1.0.0", inBundle: true },
        "node_modules/from-git": { version: "1.0.0", resolved: "git+ssh://git@example.invalid/x.git#abc", integrity: sha },
        "node_modules/from-tarball": { version: "1.0.0", resolved: "file:vendor/t.tgz", integrity: sha },
      },
    };
    const patched = patch(lock, `${BASE}/npm//`);
    const url = (key: string) => patched.packages[key].resolved;
    const base = `${BASE}/npm`;
    expect(url("node_modules/plain")).toBe(`${base}/plain/-/plain-1.2.3.tgz`);
    expect(url("node_modules/@scope/pkg")).toBe(`${base}/@scope/pkg/-/pkg-2.0.0.tgz`);
    expect(url("node_modules/a/node_modules/b")).toBe(`${base}/b/-/b-0.1.0.tgz`);
    expect(url("node_modules/a/node_modules/@s/c")).toBe(`${base}/@s/c/-/c-3.0.0-rc.1.tgz`);
    expect(url("node_modules/my-alias")).toBe(`${base}/@real/thing/-/thing-4.5.6.tgz`);
    for (const untouched of [
      "",
      "node_modules/ws-pkg",
      "packages/ws-pkg",
      "node_modules/parent/node_modules/bundled",
      "node_modules/from-git",
      "node_modules/from-tarball",
    ]) {
      expect(patched.packages[untouched], untouched).toEqual(lock.packages[untouched as keyof typeof lock.packages]);
    }
    expect(patched.packages["node_modules/@scope/pkg"]).toMatchObject({ integrity: sha, license: "MIT" });
    expect({ ...patched, packages: undefined }).toEqual({ ...lock, packages: undefined });
  });

  it("refuses a registry base that is not an http(s) URL, and a lock without packages", () => {
    expect(evalNixError(`import ./nix/lock-urls.nix { registry = "registry.invalid"; packageLock = { packages = { }; }; }`)).toContain(
      "the npm registry base must be an http(s) URL",
    );
    expect(evalNixError(`import ./nix/lock-urls.nix { registry = "${BASE}"; packageLock = { lockfileVersion = 1; }; }`)).toContain(
      "regenerate it with npm 7 or later",
    );
  });
});
