import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evalGenerated, parseCheck, withGeneratedDir } from "./check";
import { NixError } from "./errors";
import { canonicalSnapshot, renderGeneratedFiles } from "./render";
import { homeySnapshot } from "./test-fixtures";

// UPDATE_GOLDEN=1 npx vitest run lib/nix/render.test.ts rewrites the expected files.
const GOLDEN_DIR = path.join(__dirname, "__golden__");

describe("renderGeneratedFiles", () => {
  const files = renderGeneratedFiles(homeySnapshot);

  it("matches the golden files", () => {
    if (process.env.UPDATE_GOLDEN) {
      fs.rmSync(GOLDEN_DIR, { recursive: true, force: true });
      fs.mkdirSync(GOLDEN_DIR, { recursive: true });
      for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(GOLDEN_DIR, file), text);
    }
    const golden = Object.fromEntries(
      fs.readdirSync(GOLDEN_DIR).map((file) => [file, fs.readFileSync(path.join(GOLDEN_DIR, file), "utf8")]),
    );
    expect(files).toEqual(golden);
  });

  it("is byte-identical whatever the input order", () => {
    const shuffled = {
      ...homeySnapshot,
      services: [...homeySnapshot.services].reverse(),
      virtualHosts: [...homeySnapshot.virtualHosts].reverse(),
      accessRules: [...homeySnapshot.accessRules].reverse(),
      monitors: [...homeySnapshot.monitors].reverse(),
    };
    expect(renderGeneratedFiles(shuffled)).toEqual(files);
  });

  it("orders rules by priority", () => {
    const priorities = [...files["access-rules.nix"].matchAll(/priority = (\d+);/g)].map((m) => Number(m[1]));
    expect(priorities).toEqual([0, 20, 21, 50, 65]);
  });

  it("never writes a domain literally", () => {
    const all = Object.values(files).join("\n");
    expect(all).toContain('"grafana.${domain}"');
    expect(all).toContain('"*.${domain}"');
    expect(all).toContain('"https://${domain}/"');
    expect(all).not.toMatch(/zakobar|example\.org/);
  });

  it("refuses duplicate attribute names", () => {
    const twice = { ...homeySnapshot, services: [...homeySnapshot.services, { name: "grafana", enabled: false }] };
    expect(() => renderGeneratedFiles(twice)).toThrow(NixError);
    const vhost = homeySnapshot.virtualHosts[0];
    expect(() => renderGeneratedFiles({ ...homeySnapshot, virtualHosts: [vhost, vhost] })).toThrow(/Duplicate/);
  });

  it("parses", async () => {
    expect(await parseCheck(files)).toEqual({ ok: true });
  });

  it("evaluates to homey's options with the domain filled in", async () => {
    const domain = 'odd "domain" ${x}';
    const config = (await withGeneratedDir(files, (dir) => evalGenerated(dir, domain))) as {
      homey: Record<string, Record<string, unknown>>;
    };
    expect(config.homey.services.grafana).toEqual({ enable: true });
    expect(config.homey.caddy.virtualHosts).toMatchObject({
      "@": { host: "127.0.0.1", port: 8082, auth: false },
      grafana: { host: "127.0.0.1", port: 3002, auth: true },
    });
    const rules = config.homey.authelia.accessControlRules as Array<Record<string, unknown>>;
    expect(rules[3]).toEqual({
      priority: 50,
      domain: [`*.${domain}`],
      policy: "one_factor",
      subject: [["group:family", "user:anna"], ["group:admins"]],
      networks: ["192.168.1.0/24"],
    });
    const monitors = config.homey.monitoring.monitors as Array<Record<string, unknown>>;
    expect(monitors.map((m) => m.url)).toEqual([
      "https://www.cloudflare.com/cdn-cgi/trace",
      `https://grafana.${domain}/api/health`,
      `https://${domain}/`,
      `https://cloud.${domain}/status.php`,
    ]);
    expect(config.homey.backup).toEqual(homeySnapshot.backup);
  });

  it("canonical order is stable", () => {
    expect(canonicalSnapshot(canonicalSnapshot(homeySnapshot))).toEqual(canonicalSnapshot(homeySnapshot));
  });
});
