// A hard cap on request bodies, enforced by server.ts before Next sees the request. Next has
// its own Server Actions limit (next.config.ts), but it answers an over-limit body with 500 and
// a stack-trace message; here the client gets 413 and a sentence. Plain node:http, no Next.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Same as next.config.ts's serverActions.bodySizeLimit: no form of homey-admin comes close. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`;
}

export function bodyTooLargeMessage(limit = BODY_LIMIT_BYTES): string {
  return `Request body too large (limit ${sizeLabel(limit)}). Nothing was saved. homey-admin's forms never send this much: check what was pasted into the form.`;
}

function refuse(res: ServerResponse, limit: number): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `${bodyTooLargeMessage(limit)}\n`;
  // No "Connection: close": the socket stays open while the rest of the body is drained, so a
  // client still uploading reads this answer instead of a reset (EPIPE).
  res.writeHead(413, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/**
 * true when the request may go on to Next. A declared Content-Length over the limit is refused
 * at once; a body without one (chunked) is counted as it arrives, without consuming it, and
 * refused the moment it passes the limit.
 */
export function enforceBodyLimit(req: IncomingMessage, res: ServerResponse, limit = BODY_LIMIT_BYTES): boolean {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) {
    refuse(res, limit);
    req.resume(); // drain (and discard) what the client still sends
    return false;
  }
  if (declared !== undefined) return true; // Node's parser stops at the declared length
  let seen = 0;
  let refused = false;
  // Node's HTTP parser hands every body chunk to push(): counting there leaves the stream untouched for Next.
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk !== null && (typeof chunk === "string" || chunk instanceof Uint8Array)) {
      if (refused) return true; // past the limit: drop the rest, Next never sees it
      seen += typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
      if (seen > limit) {
        refused = true;
        // Next still holds the request and may try to answer its cut-off body: those late
        // writes fail, and must not crash the process.
        res.on("error", () => {});
        refuse(res, limit);
        return true;
      }
    }
    return push(chunk, encoding);
  };
  return true;
}
