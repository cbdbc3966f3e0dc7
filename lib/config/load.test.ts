// The start-up check: one error naming every bad variable, with how to fix it.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./load";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected the environment to be refused");
}

describe("loadConfig", () => {
  it("gives the documented defaults for an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      HOMEY_DOMAIN: "zakobar.com",
      HOMEY_ADMIN_GROUP: "admins",
      HOMEY_TRUSTED_PROXIES: ["127.0.0.1", "::1"],
      HOMEY_PROXY_SECRET_HEADER: "x-homey-proxy-secret",
      HOMEY_REPO_BRANCH: "main",
      HOMEY_GENERATED_DIR: "generated",
      HOMEY_DEPLOY_PORT: 22,
      demoMode: false,
    });
    expect(config.dataDir).toBe(path.resolve("data"));
    expect(config.databaseUrl).toBe(`file:${path.resolve("data", "homey-admin.db")}`);
    expect(config.repoPath).toBe(path.resolve("data", "homey"));
  });

  it("treats empty variables as unset and parses the set ones", () => {
    const config = loadConfig({ PORT: "", HOMEY_TRUSTED_PROXIES: " 10.0.0.1 , 192.168.0.0/16 ,", HOMEY_PROXY_SECRET_HEADER: "X-Proxy-Key", HOMEY_DEPLOY_PORT: "2222" });
    expect(config.PORT).toBe(3000);
    expect(config.HOMEY_TRUSTED_PROXIES).toEqual(["10.0.0.1", "192.168.0.0/16"]);
    expect(config.HOMEY_PROXY_SECRET_HEADER).toBe("x-proxy-key");
    expect(config.HOMEY_DEPLOY_PORT).toBe(2222);
  });

  it("lists every bad variable in one error, each with its value and how to fix it", () => {
    const error = (() => {
      try {
        loadConfig({ PORT: "eighty", HOMEY_TRUSTED_PROXIES: "127.0.0.1,proxy.lan", HOMEY_DEPLOY_PORT: "70000", DATABASE_URL: "postgres://x", HOMEY_GENERATED_DIR: "../etc" });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error("expected a ConfigError");
    })();
    expect(error.problems).toEqual([
      'DATABASE_URL must be a SQLite file URL, file:/path/to/homey-admin.db (is "postgres://x")',
      'PORT must be a number from 1 to 65535 (is "eighty")',
      'HOMEY_TRUSTED_PROXIES must be comma-separated IP addresses or IPv4 CIDR ranges (e.g. 127.0.0.1,::1,10.0.0.0/8); not: proxy.lan (is "127.0.0.1,proxy.lan")',
      'HOMEY_GENERATED_DIR must be a folder inside the repo (relative, no ..) (is "../etc")',
      'HOMEY_DEPLOY_PORT must be at most 65535 (is "70000")',
    ]);
    expect(error.message).toMatch(/^homey-admin cannot start: 5 settings are invalid\. Fix these environment variables/);
    expect(error.message.split("\n").slice(1)).toEqual(error.problems.map((p) => `  - ${p}`));
  });

  it("refuses a secret file it cannot read, and both forms of one secret, without showing the secret", () => {
    const problems = problemsOf({ HOMEY_PROXY_SECRET: "hunter2-hunter2", HOMEY_PROXY_SECRET_FILE: "/nonexistent/proxy-secret" });
    expect(problems).toEqual([
      'HOMEY_PROXY_SECRET_FILE names "/nonexistent/proxy-secret", which does not exist or is not readable by this user: point it at the file, or unset it',
      "set only one of HOMEY_PROXY_SECRET and HOMEY_PROXY_SECRET_FILE (the _FILE form keeps the secret out of the environment)",
    ]);
    expect(problems.join("\n")).not.toContain("hunter2");
  });

  it("accepts a readable secret file", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "homey-config-")), "secret");
    writeFileSync(file, "s3cret\n");
    expect(loadConfig({ NEXTAUTH_SECRET_FILE: file }).NEXTAUTH_SECRET_FILE).toBe(file);
  });

  it("refuses an inherited demo flag value other than server.ts's", () => {
    expect(problemsOf({ HOMEY_INTERNAL_DEMO_MODE: "yes" })).toEqual(['HOMEY_INTERNAL_DEMO_MODE is set by `server.ts --demo` only: unset it (is "yes")']);
  });
});
