import { describe, expect, it } from "vitest";
import { LineSplitter, MAX_LINE_CHARS } from "./line-splitter";

function split(chunks: (string | Buffer)[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  chunks.forEach((chunk) => splitter.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk));
  splitter.end();
  return lines;
}

describe("LineSplitter", () => {
  it("normalises pty line ends and joins lines cut across chunks", () => {
    expect(split(["one\r\ntw", "o\r", "\nthree\n", "four"])).toEqual(["one", "two", "three", "four"]);
  });

  it("keeps a UTF-8 character split between chunks whole", () => {
    const bytes = Buffer.from("✓ done\n");
    expect(split([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual(["✓ done"]);
  });

  it("keeps only the last redraw of a line rewritten with bare \\r", () => {
    expect(split(["10%\r50%\r100% done\r\n"])).toEqual(["100% done"]);
  });

  it("cuts a runaway line instead of buffering it forever", () => {
    const lines = split(["x".repeat(MAX_LINE_CHARS + 10), "\n"]);
    expect(lines.map((l) => l.length)).toEqual([MAX_LINE_CHARS, 10]);
  });

  it("keeps empty lines", () => {
    expect(split(["a\n\nb\n"])).toEqual(["a", "", "b"]);
  });
});
