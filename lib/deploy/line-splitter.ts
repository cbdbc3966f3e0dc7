// Byte chunks → text lines. UTF-8 sequences split across chunks are kept whole; "\r\n"
// (every line under a pty) and "\n" both end a line; a bare "\r" means the writer redrew
// the line, so only the text after the last one is kept. Overlong lines are cut so one
// runaway writer cannot exhaust memory.
import { StringDecoder } from "node:string_decoder";

export const MAX_LINE_CHARS = 1 << 20;

export class LineSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private partial = "";

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    const text = typeof chunk === "string" ? chunk : this.decoder.write(chunk);
    let start = 0;
    let newline = text.indexOf("\n", start);
    while (newline !== -1) {
      this.emit(this.partial + text.slice(start, newline));
      this.partial = "";
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    this.partial += text.slice(start);
    while (this.partial.length > MAX_LINE_CHARS) {
      this.emit(this.partial.slice(0, MAX_LINE_CHARS));
      this.partial = this.partial.slice(MAX_LINE_CHARS);
    }
  }

  /** Emits a last line that had no newline. */
  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = "";
    if (rest.length > 0) this.emit(rest);
  }

  private emit(raw: string): void {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const redraw = line.lastIndexOf("\r");
    this.onLine(redraw === -1 ? line : line.slice(redraw + 1));
  }
}
