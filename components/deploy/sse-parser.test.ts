import { describe, expect, it } from "vitest";
import { sseEvent } from "@/lib/deploy/live-events";
import { SseParser, type SseMessage } from "./sse-parser";

/** Feeds `text` cut into slices of `size` characters and collects every message. */
function parseIn(text: string, size: number): { messages: SseMessage[]; parser: SseParser } {
  const parser = new SseParser();
  const messages: SseMessage[] = [];
  for (let at = 0; at < text.length; at += size) messages.push(...parser.feed(text.slice(at, at + size)));
  return { messages, parser };
}

describe("SseParser", () => {
  const stream =
    "retry: 3000\n\n" +
    sseEvent("lines", { from: 1, lines: ["a", "b: c"] }, 2) +
    ": keepalive\n\n" +
    sseEvent("progress", { done: 1 }) +
    sseEvent("lines", { from: 3, lines: ["d"] }, 3) +
    sseEvent("end", { status: "succeeded" });

  it("parses the server's stream the same whatever the slice size", () => {
    const whole = parseIn(stream, stream.length);
    expect(whole.messages).toEqual([
      { lastEventId: "2", event: "lines", data: '{"from":1,"lines":["a","b: c"]}' },
      // An event without id: keeps the stream's last id, as Last-Event-ID would resend it.
      { lastEventId: "2", event: "progress", data: '{"done":1}' },
      { lastEventId: "3", event: "lines", data: '{"from":3,"lines":["d"]}' },
      { lastEventId: "3", event: "end", data: '{"status":"succeeded"}' },
    ]);
    expect(whole.parser.retry).toBe(3000);
    for (const size of [1, 2, 3, 7, 64]) expect(parseIn(stream, size).messages).toEqual(whole.messages);
  });

  it("accepts CRLF and CR line ends, also cut between CR and LF, and joins data lines", () => {
    const text = "id: 9\r\nevent: x\r\ndata: one\r\ndata: two\r\n\r\ndata:bare\r\rdata\n\n";
    const expected = [
      { lastEventId: "9", event: "x", data: "one\ntwo" },
      { lastEventId: "9", event: "message", data: "bare" },
      { lastEventId: "9", event: "message", data: "" },
    ];
    expect(parseIn(text, text.length).messages).toEqual(expected);
    for (const size of [1, 2, 5]) expect(parseIn(text, size).messages).toEqual(expected);
  });

  it("dispatches nothing for a block without data or an unfinished one", () => {
    expect(parseIn("event: lines\n\nid: 4\n\ndata: half", 100).messages).toEqual([]);
  });
});
