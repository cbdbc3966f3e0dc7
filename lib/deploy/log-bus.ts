// The live side of a deploy log: lines get a sequence number, go to every subscriber at
// once, and are persisted in batches. A subscriber names the first seq it wants and gets
// everything from there in order, nothing twice — replayed from the store, then from
// memory, then live — so a browser that reconnects (SSE Last-Event-ID) or opens the page
// mid-deploy misses nothing. Seqs start at 1.
import "server-only";
import type { ProgressState } from "./internal-json";
import type { DeployStatus } from "./status";

export interface LogLine {
  seq: number;
  text: string;
}

export interface EndInfo {
  status: DeployStatus;
  exitCode: number | null;
  error: string | null;
}

export type BusEvent =
  | { type: "line"; seq: number; text: string }
  | { type: "progress"; progress: ProgressState }
  /** No more lines will come. `end` is null when the deploy does not exist. */
  | { type: "end"; end: EndInfo | null };

export type BusListener = (event: BusEvent) => void;

/** Where lines are kept for good (DeployLogLine). */
export interface LogLineStore {
  /** Lines with fromSeq <= seq < beforeSeq (no upper bound when undefined), ascending. */
  readLines(deployId: number, fromSeq: number, beforeSeq: number | undefined, limit: number): Promise<LogLine[]>;
  appendLines(deployId: number, lines: LogLine[]): Promise<void>;
  readEnd(deployId: number): Promise<EndInfo | null>;
}

export interface LogBusOptions {
  /** Persist at least this often while lines arrive... */
  flushIntervalMs?: number;
  /** ...or as soon as this many are waiting. */
  flushMaxLines?: number;
  /** Persisted lines kept in memory for fast replay; older ones are read back from the store. */
  retainLines?: number;
  /** Page size when replaying from the store. */
  readPageSize?: number;
}

interface Subscriber {
  next: number;
  listener: BusListener;
  closed: boolean;
}

interface Channel {
  nextSeq: number;
  /** Contiguous lines, oldest first: a persisted tail plus everything not yet persisted. */
  retained: LogLine[];
  /** Every seq below this is in the store. */
  persistedBelow: number;
  live: Set<Subscriber>;
  progress: ProgressState | null;
  flushTimer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
  closing: boolean;
}

export class LogBus {
  private readonly channels = new Map<number, Channel>();
  private readonly flushIntervalMs: number;
  private readonly flushMaxLines: number;
  private readonly retainLines: number;
  private readonly readPageSize: number;

  constructor(
    private readonly store: LogLineStore,
    options: LogBusOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 200;
    this.flushMaxLines = options.flushMaxLines ?? 500;
    this.retainLines = options.retainLines ?? 20_000;
    this.readPageSize = options.readPageSize ?? 5_000;
  }

  /**
   * Starts a live log for a deploy (the runner calls it right after creating the row).
   * `firstSeq` > 1 continues a log whose earlier lines are already stored (a deploy
   * reattached after a restart).
   */
  open(deployId: number, firstSeq = 1): void {
    if (this.channels.has(deployId)) throw new Error(`deploy ${deployId} already has a live log`);
    this.channels.set(deployId, {
      nextSeq: firstSeq,
      retained: [],
      persistedBelow: firstSeq,
      live: new Set(),
      progress: null,
      flushTimer: null,
      flushing: null,
      closing: false,
    });
  }

  isOpen(deployId: number): boolean {
    return this.channels.has(deployId);
  }

  /** Adds a line; returns its seq. */
  append(deployId: number, text: string): number {
    const channel = this.openChannel(deployId);
    const line = { seq: channel.nextSeq++, text };
    channel.retained.push(line);
    for (const subscriber of channel.live) deliver(subscriber, { type: "line", ...line });
    const waiting = channel.nextSeq - channel.persistedBelow;
    // While a write is in flight, the lines wait for the timer: one flush per batch, not per line.
    if (waiting >= this.flushMaxLines && !channel.flushing) void this.flush(deployId).catch(() => undefined);
    else if (!channel.flushTimer) {
      channel.flushTimer = setTimeout(() => void this.flush(deployId).catch(() => undefined), this.flushIntervalMs);
    }
    return line.seq;
  }

  /** Latest progress: sent to live subscribers now and to new ones after their replay. */
  publishProgress(deployId: number, progress: ProgressState): void {
    const channel = this.openChannel(deployId);
    channel.progress = progress;
    for (const subscriber of channel.live) deliver(subscriber, { type: "progress", progress });
  }

  progress(deployId: number): ProgressState | null {
    return this.channels.get(deployId)?.progress ?? null;
  }

  /** Writes waiting lines to the store (one write at a time per deploy). */
  async flush(deployId: number): Promise<void> {
    const channel = this.channels.get(deployId);
    if (!channel) return;
    if (channel.flushTimer) {
      clearTimeout(channel.flushTimer);
      channel.flushTimer = null;
    }
    // One write at a time; a failed earlier write is retried by this one.
    while (channel.flushing) await channel.flushing.catch(() => undefined);
    const first = channel.retained.findIndex((l) => l.seq >= channel.persistedBelow);
    if (first === -1) return;
    const batch = channel.retained.slice(first);
    channel.flushing = this.store
      .appendLines(deployId, batch)
      .then(() => {
        channel.persistedBelow = batch[batch.length - 1].seq + 1;
        this.evict(channel);
      })
      .finally(() => {
        channel.flushing = null;
      });
    try {
      await channel.flushing;
    } catch (error) {
      // Keep the lines and try again later: losing a deploy log is worse than a late write.
      console.error(`homey-admin: persisting deploy ${deployId} log lines failed; will retry`, error);
      if (!channel.flushTimer && !channel.closing) {
        channel.flushTimer = setTimeout(() => void this.flush(deployId).catch(() => undefined), this.flushIntervalMs * 5);
      }
      throw error;
    }
  }

  /**
   * Ends a live log: persists what is left, tells subscribers, forgets the deploy (later
   * subscribers replay from the store). Call after the Deploy row has its final status.
   */
  async close(deployId: number, end: EndInfo): Promise<void> {
    const channel = this.channels.get(deployId);
    if (!channel) return;
    channel.closing = true;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.flush(deployId);
        break;
      } catch (error) {
        if (attempt >= 3) {
          console.error(`homey-admin: giving up persisting the end of deploy ${deployId}'s log`, error);
          break;
        }
        await new Promise((r) => setTimeout(r, this.flushIntervalMs));
      }
    }
    if (channel.flushTimer) clearTimeout(channel.flushTimer);
    this.channels.delete(deployId);
    for (const subscriber of channel.live) deliver(subscriber, { type: "end", end });
    channel.live.clear();
  }

  /**
   * Stops the live log without an end (this process lets go of a deploy that goes on
   * elsewhere): persists what it can, then forgets the deploy. Subscribers get no end event.
   */
  async abandon(deployId: number): Promise<void> {
    const channel = this.channels.get(deployId);
    if (!channel) return;
    channel.closing = true;
    await this.flush(deployId).catch(() => undefined);
    if (channel.flushTimer) clearTimeout(channel.flushTimer);
    this.channels.delete(deployId);
    channel.live.clear();
  }

  /**
   * Everything from `fromSeq` on, in order, once; then live events until the end event.
   * Returns the unsubscribe function (call it when the client goes away).
   */
  subscribe(deployId: number, fromSeq: number, listener: BusListener): () => void {
    const subscriber: Subscriber = { next: Math.max(1, Math.floor(fromSeq)), listener, closed: false };
    void this.replay(deployId, subscriber).catch((error) => {
      console.error(`homey-admin: replaying deploy ${deployId}'s log failed`, error);
      if (!subscriber.closed) deliver(subscriber, { type: "end", end: null });
    });
    return () => {
      subscriber.closed = true;
      this.channels.get(deployId)?.live.delete(subscriber);
    };
  }

  private async replay(deployId: number, subscriber: Subscriber): Promise<void> {
    while (!subscriber.closed) {
      const channel = this.channels.get(deployId);
      if (!channel) {
        // Not live (finished, or from before a restart): the store has all of it.
        await this.replayFromStore(deployId, subscriber, undefined);
        if (subscriber.closed) return;
        if (this.channels.has(deployId)) continue;
        const end = await this.store.readEnd(deployId);
        if (!subscriber.closed) deliver(subscriber, { type: "end", end });
        return;
      }
      const inMemoryFrom = channel.retained[0]?.seq ?? channel.nextSeq;
      if (subscriber.next < inMemoryFrom) {
        // Older than memory: those lines are persisted (only persisted lines are evicted).
        // Memory may move on while we read, so check again afterwards.
        await this.replayFromStore(deployId, subscriber, inMemoryFrom);
        subscriber.next = Math.max(subscriber.next, inMemoryFrom);
        continue;
      }
      // From here on synchronous: no line can slip in between replay and going live.
      for (const line of channel.retained) {
        if (line.seq >= subscriber.next) deliver(subscriber, { type: "line", ...line });
      }
      if (channel.progress) deliver(subscriber, { type: "progress", progress: channel.progress });
      channel.live.add(subscriber);
      return;
    }
  }

  private async replayFromStore(deployId: number, subscriber: Subscriber, beforeSeq: number | undefined): Promise<void> {
    for (;;) {
      const page = await this.store.readLines(deployId, subscriber.next, beforeSeq, this.readPageSize);
      if (subscriber.closed) return;
      for (const line of page) {
        if (line.seq >= subscriber.next) deliver(subscriber, { type: "line", ...line });
      }
      if (page.length < this.readPageSize) return;
    }
  }

  private evict(channel: Channel): void {
    let persisted = 0;
    while (persisted < channel.retained.length && channel.retained[persisted].seq < channel.persistedBelow) persisted++;
    const excess = persisted - this.retainLines;
    if (excess > 0) channel.retained.splice(0, excess);
  }

  private openChannel(deployId: number): Channel {
    const channel = this.channels.get(deployId);
    if (!channel) throw new Error(`deploy ${deployId} has no live log`);
    return channel;
  }
}

/** In order, once: `next` only moves forward. One failing listener cannot break the bus. */
function deliver(subscriber: Subscriber, event: BusEvent): void {
  if (subscriber.closed) return;
  if (event.type === "line") {
    if (event.seq < subscriber.next) return;
    subscriber.next = event.seq + 1;
  }
  try {
    subscriber.listener(event);
  } catch (error) {
    console.error("homey-admin: a deploy log listener threw", error);
  }
}
