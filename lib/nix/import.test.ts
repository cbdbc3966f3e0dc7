import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { withGeneratedDir } from "./check";
import { NixError } from "./errors";
import { IMPORT_SENTINEL_DOMAIN, importGenerated, monitorTargetOf, subdomainOf } from "./import";
import { canonicalSnapshot, renderGeneratedFiles } from "./render";
import { homeySnapshot } from "./test-fixtures";

const savedBinary = process.env.HOMEY_NIX_INSTANTIATE;
afterEach(() => {
  if (savedBinary === undefined) delete process.env.HOMEY_NIX_INSTANTIATE;
  else process.env.HOMEY_NIX_INSTANTIATE = savedBinary;
});

describe("importGenerated", () => {
  it("reads back exactly what was rendered", async () => {
    const files = renderGeneratedFiles(homeySnapshot);
    const imported = await withGeneratedDir(files, importGenerated);
    expect(imported).toEqual(canonicalSnapshot(homeySnapshot));
  });

  it("reads the golden files", async () => {
    const golden = path.join(__dirname, "__golden__");
    expect(await importGenerated(golden)).toEqual(canonicalSnapshot(homeySnapshot));
    expect(fs.existsSync(path.join(golden, "default.nix"))).toBe(true);
  });

  it("reads an empty draft", async () => {
    const empty = { services: [], virtualHosts: [], accessRules: [], monitors: [], backup: { extraPaths: [], exclude: [] } };
    expect(await withGeneratedDir(renderGeneratedFiles(empty), importGenerated)).toEqual(empty);
  });

  it("fails with NIX_EVAL_FAILED and Nix's message on a broken folder", async () => {
    const files = { ...renderGeneratedFiles(homeySnapshot), "vhosts.nix": "{ domain, ... }: { homey.caddy = 1 }" };
    const error = await withGeneratedDir(files, importGenerated).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NixError);
    expect(error).toMatchObject({ code: "NIX_EVAL_FAILED", message: expect.stringMatching(/syntax error/) });
  });

  it("fails with IMPORT_INVALID on values of the wrong shape", async () => {
    const files = {
      ...renderGeneratedFiles(homeySnapshot),
      "vhosts.nix": '{ domain, ... }: { homey.caddy.virtualHosts.x = { port = "80"; }; }',
    };
    await expect(withGeneratedDir(files, importGenerated)).rejects.toMatchObject({ code: "IMPORT_INVALID" });
  });

  it("fails with NIX_UNAVAILABLE when Nix is absent", async () => {
    process.env.HOMEY_NIX_INSTANTIATE = "/nonexistent/nix-instantiate";
    await expect(importGenerated(path.join(__dirname, "__golden__"))).rejects.toMatchObject({ code: "NIX_UNAVAILABLE" });
  });
});

describe("inverse mappings", () => {
  const d = IMPORT_SENTINEL_DOMAIN;

  it("maps hosts back to subdomain labels", () => {
    expect(subdomainOf(d, d)).toBe("@");
    expect(subdomainOf(`grafana.${d}`, d)).toBe("grafana");
    expect(subdomainOf(`*.${d}`, d)).toBe("*");
    expect(() => subdomainOf("grafana.example.org", d)).toThrow(/not under the domain/);
  });

  it("maps URLs back to monitor targets", () => {
    expect(monitorTargetOf(`https://cloud.${d}/status.php`, d)).toBe("cloud/status.php");
    expect(monitorTargetOf(`https://${d}/`, d)).toBe("@/");
    expect(monitorTargetOf(`https://${d}`, d)).toBe("@");
    expect(monitorTargetOf("https://example.org/x", d)).toBe("https://example.org/x");
    expect(monitorTargetOf("http://example.org", d)).toBe("http://example.org");
  });
});
