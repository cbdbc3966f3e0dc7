// The body cap on a real node:http server: declared and chunked bodies over the limit get 413
// and the message; bodies under it reach the handler whole.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyTooLargeMessage, enforceBodyLimit } from "./body-limit";

const LIMIT = 64 * 1024;
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (!enforceBodyLimit(req, res, LIMIT)) return;
    let size = 0;
    req.on("data", (d: Buffer) => (size += d.length));
    req.on("end", () => {
      if (!res.headersSent) res.end(`received ${size}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(body: Buffer, chunked: boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = chunked ? { "transfer-encoding": "chunked" } : { "content-length": body.length };
    const req = request({ host: "127.0.0.1", port, method: "POST", path: "/", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    if (chunked) {
      // Several chunks, as a streaming client sends them.
      for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.subarray(i, i + 16 * 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

describe("enforceBodyLimit", () => {
  it("passes bodies up to the limit to the handler, whole", async () => {
    expect(await send(Buffer.alloc(LIMIT), false)).toEqual({ status: 200, text: `received ${LIMIT}` });
    expect(await send(Buffer.alloc(LIMIT), true)).toEqual({ status: 200, text: `received ${LIMIT}` });
  });

  it("refuses a declared Content-Length over the limit with 413 and the message", async () => {
    const answer = await send(Buffer.alloc(LIMIT * 4), false);
    expect(answer.status).toBe(413);
    expect(answer.text).toBe(`${bodyTooLargeMessage(LIMIT)}\n`);
    expect(answer.text).toMatch(/^Request body too large \(limit 64 KB\)\. Nothing was saved\./);
    expect(bodyTooLargeMessage()).toMatch(/^Request body too large \(limit 1 MB\)/);
  });

  it("counts a chunked body as it arrives and refuses it past the limit", async () => {
    const answer = await send(Buffer.alloc(LIMIT * 4), true);
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("Request body too large");
  });
});
