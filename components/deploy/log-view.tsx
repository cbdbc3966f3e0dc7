"use client";
// The deploy log, windowed: a spacer as tall as all rows and only the rows in view (plus a
// margin) in the DOM, at a fixed row height, so 200,000 lines scroll like 200. Follows the
// tail until the admin scrolls up ("Jump to latest" brings it back). Search highlights
// matches (Enter / Shift+Enter step through them) or shows only matching lines. Copy puts
// the whole log on the clipboard; Download fetches it from the server as a file.
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import type { LogBuffer } from "./live/log-buffer";
import { formatCount } from "./format";

export const LOG_ROW_HEIGHT = 20;
const NO_MATCHES: readonly number[] = [];
const OVERSCAN = 40;

function lineTone(text: string): string {
  if (text.startsWith("homey-admin: ")) return "text-sky-800 dark:text-sky-300 font-semibold";
  if (text.startsWith("$ ")) return "text-slate-900 dark:text-slate-100 font-semibold";
  if (/(^|> |\s)error:/i.test(text) || /^error\b/i.test(text)) return "text-red-700 dark:text-red-400";
  if (/(^|> )warning:/i.test(text)) return "text-amber-800 dark:text-amber-300";
  return "";
}

function Highlighted({ text, query }: { text: string; query: string }) {
  if (!query) return <>{text}</>;
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (let hit = lower.indexOf(needle); hit !== -1; hit = lower.indexOf(needle, hit + needle.length)) {
    if (hit > at) parts.push(text.slice(at, hit));
    parts.push(
      <mark key={hit} className="rounded-sm bg-yellow-200 text-inherit dark:bg-yellow-700">
        {text.slice(hit, hit + needle.length)}
      </mark>,
    );
    at = hit + needle.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

export function LogView({ buffer, deployId }: { buffer: LogBuffer; deployId: number }) {
  useSyncExternalStore(buffer.subscribe, buffer.getVersion, () => 0);
  const count = buffer.lines.length;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(480);
  const followingRef = useRef(true);
  const [following, setFollowing] = useState(true);
  const [queryInput, setQueryInput] = useState("");
  const query = useDeferredValue(queryInput.trim());
  const [onlyMatches, setOnlyMatches] = useState(false);
  // The match the admin stepped to, for the search it was made in: a new query (or the
  // "only matches" switch) starts again from none, without an effect resetting it.
  const [stepped, setStepped] = useState({ query: "", onlyMatches: false, index: -1 });
  const currentMatch = stepped.query === query && stepped.onlyMatches === onlyMatches ? stepped.index : -1;
  const [copyNote, setCopyNote] = useState("");
  const matches = query ? buffer.matchesOf(query) : NO_MATCHES;
  const filtered = onlyMatches && query !== "";
  const rowCount = filtered ? matches.length : count;

  // Keep the tail in view while following: before paint, so rows never flash at the wrong place.
  // The rows rendered already are the tail's (see `top` below): no second render per batch.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || !followingRef.current) return;
    el.scrollTop = el.scrollHeight;
  }, [rowCount]);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewHeight(el.clientHeight));
    observer.observe(el);
    setViewHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  const frame = useRef<number | null>(null);
  const onScroll = useCallback(() => {
    const el = viewport.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= LOG_ROW_HEIGHT * 1.5;
    if (followingRef.current !== atBottom) {
      followingRef.current = atBottom;
      setFollowing(atBottom);
      // Leaving the tail: render from where the view is now, not from the last frame's position.
      setScrollTop(el.scrollTop);
    }
    if (frame.current === null) {
      frame.current = requestAnimationFrame(() => {
        frame.current = null;
        if (viewport.current) setScrollTop(viewport.current.scrollTop);
      });
    }
  }, []);

  const scrollToRow = (row: number) => {
    const el = viewport.current;
    if (!el) return;
    followingRef.current = false;
    setFollowing(false);
    el.scrollTop = Math.max(0, row * LOG_ROW_HEIGHT - el.clientHeight / 2);
    setScrollTop(el.scrollTop);
  };

  const jumpToLatest = () => {
    const el = viewport.current;
    if (!el) return;
    followingRef.current = true;
    setFollowing(true);
    el.scrollTop = el.scrollHeight;
    setScrollTop(el.scrollTop);
  };

  const step = (direction: 1 | -1) => {
    if (matches.length === 0) return;
    const next = currentMatch === -1 ? (direction === 1 ? 0 : matches.length - 1) : (currentMatch + direction + matches.length) % matches.length;
    setStepped({ query, onlyMatches, index: next });
    scrollToRow(filtered ? next : matches[next]);
  };

  const copyAll = async () => {
    const text = buffer.lines.join("\n");
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard API (plain http, old browser): the textarea route.
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      if (!ok) {
        setCopyNote("Copying is blocked by this browser; use Download instead.");
        return;
      }
    }
    setCopyNote(`Copied ${formatCount(buffer.lines.length)} lines.`);
  };

  // Following, the view is at the tail whatever the last scroll event said.
  const top = following ? Math.max(0, rowCount * LOG_ROW_HEIGHT - viewHeight) : scrollTop;
  const first = Math.max(0, Math.floor(top / LOG_ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((top + viewHeight) / LOG_ROW_HEIGHT) + OVERSCAN);
  const gutter = `${String(Math.max(count, 1)).length + 1}ch`;
  const currentLine = currentMatch >= 0 ? matches[currentMatch] : -1;
  const rows: React.ReactNode[] = [];
  for (let row = first; row < last; row++) {
    const index = filtered ? matches[row] : row;
    const text = buffer.lines[index];
    rows.push(
      <div
        key={index}
        data-testid="log-line"
        data-seq={index + 1}
        className={`flex whitespace-pre ${index === currentLine ? "bg-yellow-100 dark:bg-yellow-900/50" : ""}`}
        style={{ height: LOG_ROW_HEIGHT }}
      >
        {/* The number is CSS content: not in the text, so selecting and copying lines leaves it out. */}
        <span
          aria-hidden="true"
          data-n={index + 1}
          className="shrink-0 pr-3 text-right text-slate-400 select-none before:content-[attr(data-n)] dark:text-slate-600"
          style={{ width: gutter }}
        />
        <span className={lineTone(text)}>
          <Highlighted text={text} query={query} />
        </span>
      </div>,
    );
  }

  return (
    <section aria-labelledby="log-heading" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="log-heading" className="text-lg font-semibold">
          Log{" "}
          <span className="text-sm font-normal text-slate-600 dark:text-slate-400" data-testid="log-line-count" data-count={count}>
            {formatCount(count)} lines
          </span>
        </h2>
        <div className="flex flex-wrap gap-2">
          <button type="button" onClick={copyAll} className="min-h-9 rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            Copy all
          </button>
          <a
            href={`/api/deploys/${deployId}/log`}
            // No `download` attribute: the route's Content-Disposition names the file, and
            // a plain navigation keeps the request like any other (headers, cookies).
            className="inline-flex min-h-9 items-center rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Download
          </a>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm" role="search" aria-label="Search the log">
        <label htmlFor="log-search" className="sr-only">
          Search the log
        </label>
        <input
          id="log-search"
          type="search"
          value={queryInput}
          placeholder="Search the log"
          onChange={(e) => setQueryInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              step(e.shiftKey ? -1 : 1);
            }
          }}
          className="min-h-9 w-56 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
        />
        <button type="button" onClick={() => step(-1)} disabled={matches.length === 0} className="min-h-9 rounded-md border border-slate-300 px-2 disabled:opacity-50 dark:border-slate-700">
          Previous
        </button>
        <button type="button" onClick={() => step(1)} disabled={matches.length === 0} className="min-h-9 rounded-md border border-slate-300 px-2 disabled:opacity-50 dark:border-slate-700">
          Next
        </button>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={onlyMatches} onChange={(e) => setOnlyMatches(e.target.checked)} /> Only matching lines
        </label>
        <span aria-live="polite" data-testid="log-search-status" className="text-slate-600 dark:text-slate-400">
          {query ? (matches.length === 0 ? "no matches" : `${currentMatch >= 0 ? `${formatCount(currentMatch + 1)} of ` : ""}${formatCount(matches.length)} matching lines`) : ""}
        </span>
        <span aria-live="polite" className="text-slate-600 dark:text-slate-400">
          {copyNote}
        </span>
      </div>
      <div className="relative">
        <div
          ref={viewport}
          onScroll={onScroll}
          tabIndex={0}
          role="log"
          aria-live="off"
          aria-label="Deploy log"
          data-testid="log-view"
          className="h-[60vh] min-h-64 overflow-auto rounded-lg border border-slate-200 bg-slate-50 font-mono text-xs leading-5 dark:border-slate-800 dark:bg-slate-950"
        >
          <div className="relative min-w-full" style={{ height: Math.max(rowCount * LOG_ROW_HEIGHT, LOG_ROW_HEIGHT) }}>
            <div className="absolute top-0 left-0 w-max min-w-full px-2" style={{ transform: `translateY(${first * LOG_ROW_HEIGHT}px)` }}>
              {rows}
            </div>
          </div>
          {rowCount === 0 && (
            <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-500">{filtered ? "No line matches." : "Waiting for output…"}</p>
          )}
        </div>
        {!following && rowCount > 0 && (
          <button
            type="button"
            onClick={jumpToLatest}
            className="absolute right-4 bottom-4 min-h-9 rounded-full bg-slate-900 px-4 py-1.5 text-sm font-semibold text-white shadow-lg dark:bg-sky-500 dark:text-slate-950"
          >
            Jump to latest ↓
          </button>
        )}
      </div>
    </section>
  );
}
