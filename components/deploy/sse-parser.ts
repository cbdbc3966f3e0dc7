// An incremental Server-Sent Events parser (the event-stream format of the HTML spec: id,
// event, data, retry; comments; LF, CR or CRLF line ends), fed decoded text in slices of
// any size. follow-deploy reads the stream with fetch instead of EventSource so that it
// decides how much of a multi-megabyte replay chunk is handled per task; this does the
// parsing. Pure.

export interface SseMessage {
  /** The stream's last event id as of this message (what Last-Event-ID resends). */
  lastEventId: string;
  event: string;
  data: string;
}

export class SseParser {
  /** A line cut by the end of a slice, in pieces (joined once, when its end arrives). */
  private partial: string[] = [];
  /** The previous slice ended in CR: an LF opening the next one belongs to that line end. */
  private afterCr = false;
  private event = "";
  private data: string[] = [];
  private lastEventId = "";
  /** Milliseconds from the last `retry:` field, or null if none was sent. */
  retry: number | null = null;

  /** Parses one more slice; returns the messages it completed, in order. */
  feed(text: string): SseMessage[] {
    const out: SseMessage[] = [];
    let at = 0;
    if (this.afterCr && text.startsWith("\n")) at = 1;
    this.afterCr = false;
    while (at < text.length) {
      const lf = text.indexOf("\n", at);
      const cr = text.indexOf("\r", at);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) {
        this.partial.push(text.slice(at));
        break;
      }
      let line = text.slice(at, end);
      if (this.partial.length > 0) {
        this.partial.push(line);
        line = this.partial.join("");
        this.partial = [];
      }
      if (text[end] === "\r") {
        if (end + 1 === text.length) this.afterCr = true;
        at = text[end + 1] === "\n" ? end + 2 : end + 1;
      } else at = end + 1;
      this.line(line, out);
    }
    return out;
  }

  private line(line: string, out: SseMessage[]): void {
    if (line === "") {
      // A blank line dispatches; without data there is nothing to dispatch (spec).
      if (this.data.length > 0) out.push({ lastEventId: this.lastEventId, event: this.event || "message", data: this.data.join("\n") });
      this.data = [];
      this.event = "";
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
    else if (field === "id" && !value.includes("\0")) this.lastEventId = value;
    else if (field === "retry" && /^\d+$/.test(value)) this.retry = Number(value);
  }
}
