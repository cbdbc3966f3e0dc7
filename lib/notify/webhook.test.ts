// The webhook against a real HTTP receiver on 127.0.0.1: one ntfy-style POST per notice, with
// the deploy link and the token as a Bearer; nothing at all when HOMEY_NOTIFY_URL is unset;
// a refusal is logged without the token.
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { configuredWebhook, notifyWebhook, postNotice } from "./webhook";

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let base: string;
let received: Received[] = [];
let answer = 200;
const TOKEN = "tk_secret-token-123";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  received = [];
  answer = 200;
  delete process.env.HOMEY_NOTIFY_URL;
  delete process.env.HOMEY_NOTIFY_TOKEN_FILE;
  delete process.env.NEXTAUTH_URL;
  vi.restoreAllMocks();
});

const notice = { kind: "auto_rollback" as const, deployId: 42, title: "Deploy #42 rolled back — grafana", message: "Rolled back to abc1234 because the health gate failed: Grafana (HTTP 502)." };

describe("webhook notices", () => {
  it("posts once, ntfy-style, with the deploy link and the token from the file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "homey-notify-"));
    writeFileSync(path.join(dir, "token"), `${TOKEN}\n`);
    process.env.HOMEY_NOTIFY_URL = `${base}/homey`;
    process.env.HOMEY_NOTIFY_TOKEN_FILE = path.join(dir, "token");
    process.env.NEXTAUTH_URL = "https://admin.example.org";
    await notifyWebhook(notice);
    expect(received).toHaveLength(1);
    const [post] = received;
    expect([post.method, post.url]).toEqual(["POST", "/homey"]);
    expect(post.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(post.headers.title).toBe("Deploy #42 rolled back - grafana");
    expect(post.headers.click).toBe("https://admin.example.org/deploys/42");
    expect(post.headers.tags).toBe("rewind");
    expect(post.body).toBe(`${notice.message}\nhttps://admin.example.org/deploys/42`);
  });

  it("sends nothing when HOMEY_NOTIFY_URL is not set", async () => {
    expect(configuredWebhook()).toBeNull();
    await notifyWebhook(notice);
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual([]);
  });

  it("a refusal is logged (never with the token) and does not throw", async () => {
    answer = 403;
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await postNotice({ url: base, token: TOKEN, baseUrl: "https://admin.example.org" }, notice)).toBe(false);
    expect(errors).toHaveBeenCalledTimes(1);
    const logged = errors.mock.calls.flat().join(" ");
    expect(logged).toContain("HTTP 403");
    expect(logged).not.toContain(TOKEN);
    // Nobody listening: logged the same way.
    expect(await postNotice({ url: "http://127.0.0.1:1/", token: TOKEN, baseUrl: "https://x" }, notice)).toBe(false);
    expect(errors.mock.calls.flat().join(" ")).not.toContain(TOKEN);
  });
});
