// The live view's log: a plain array that grows as SSE batches arrive, outside React
// state. Readers re-render at most once per animation frame (useSyncExternalStore on
// `version`), not once per line, so a 200,000-line replay stays cheap.
import { stripAnsi } from "@/lib/deploy/ansi";

export class LogBuffer {
  /** lines[i] is the line with seq i + 1 (the buffer always starts at seq 1). */
  readonly lines: string[] = [];
  private version = 0;
  private frame: number | null = null;
  private readonly listeners = new Set<() => void>();
  /** The last search: lines added since are scanned on the next call, not the whole log again. */
  private matchCache = { query: "", scanned: 0, indices: [] as number[] };

  /** The next seq wanted from the server. */
  get nextSeq(): number {
    return this.lines.length + 1;
  }

  /**
   * Adds a batch starting at seq `from`. Lines already held are skipped (nothing twice);
   * a batch that starts past the end would leave a hole, so it is refused: "gap".
   */
  append(from: number, lines: string[]): "ok" | "gap" {
    if (from > this.nextSeq) return "gap";
    for (let i = this.nextSeq - from; i < lines.length; i++) {
      // The server strips escapes already; a stray one must still never show as text.
      this.lines.push(stripAnsi(lines[i]));
    }
    this.schedule();
    return "ok";
  }

  /** Indices of lines containing `query` (case-insensitive); a new array whenever it grows. */
  matchesOf(query: string): readonly number[] {
    if (this.matchCache.query !== query) this.matchCache = { query, scanned: 0, indices: [] };
    const cache = this.matchCache;
    if (cache.scanned < this.lines.length) {
      const needle = query.toLowerCase();
      const indices = cache.indices.slice();
      for (let i = cache.scanned; i < this.lines.length; i++) {
        if (this.lines[i].toLowerCase().includes(needle)) indices.push(i);
      }
      this.matchCache = { query, scanned: this.lines.length, indices };
    }
    return this.matchCache.indices;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private schedule(): void {
    if (this.frame !== null) return;
    const run = () => {
      this.frame = null;
      this.version++;
      for (const listener of this.listeners) listener();
    };
    this.frame = typeof requestAnimationFrame === "function" ? requestAnimationFrame(run) : (setTimeout(run, 16) as unknown as number);
  }
}
