// The decision proxy.ts makes for every request before anything renders: which routes are
// public, and what a refused request gets back. Denial bodies are fixed text built here —
// nothing from the draft, the audit log, the repo or the deploys can be in them.
import "server-only";
import type { Viewer } from "./viewer";

/**
 * What a browser fetches to install the app and show its icon, before (or without) signing in:
 * fixed files (app/manifest.ts, app/icon.svg, public/icons/), nothing from the draft.
 */
export const PUBLIC_FILES: ReadonlySet<string> = new Set([
  "/favicon.ico",
  "/icon.svg",
  "/apple-icon.png",
  "/manifest.webmanifest",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
]);

/** Routes anyone may reach: the break-glass login, its next-auth endpoints, liveness, static assets, the app's icons. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/break-glass" ||
    pathname.startsWith("/api/auth/") ||
    pathname === "/api/health" ||
    pathname.startsWith("/_next/static/") ||
    PUBLIC_FILES.has(pathname)
  );
}

export type RequestKind = "page" | "api" | "action";

export function requestKind(method: string, pathname: string, headers: { get(name: string): string | null }): RequestKind {
  if (pathname === "/api" || pathname.startsWith("/api/")) return "api";
  // Server actions are POSTs to a page URL carrying the action id header.
  if (method !== "GET" && method !== "HEAD" && headers.get("next-action") !== null) return "action";
  return "page";
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

interface Denial {
  status: 401 | 403;
  code: "UNAUTHENTICATED" | "FORBIDDEN";
  title: string;
  /** Plain text; `emphasis` (if any) is shown in bold where it occurs. */
  message: string;
  emphasis?: string;
  hint: string;
}

function denialFor(viewer: Exclude<Viewer, { status: "admin" }>): Denial {
  if (viewer.status === "forbidden") {
    return {
      status: 403,
      code: "FORBIDDEN",
      title: "Admins only",
      message: `You are signed in, but homey-admin is only for members of the ${viewer.group} group.`,
      emphasis: viewer.group,
      hint: "Ask an administrator to add you to it in LDAP.",
    };
  }
  return {
    status: 401,
    code: "UNAUTHENTICATED",
    title: "Sign in through Authelia",
    message: "homey-admin is reached through homey's proxy: open admin.<your domain> and sign in with Authelia.",
    hint: "Requests that do not come through the trusted proxy carry no identity. If Authelia itself is down, an administrator can use the break-glass login when it is configured.",
  };
}

function emphasise(text: string, emphasis: string | undefined): string {
  if (!emphasis || !text.includes(emphasis)) return escapeHtml(text);
  const at = text.indexOf(emphasis);
  return `${escapeHtml(text.slice(0, at))}<strong>${escapeHtml(emphasis)}</strong>${escapeHtml(text.slice(at + emphasis.length))}`;
}

/** A page that only says something (a refusal, a failure), styled without the app's stylesheet. */
export type PlainNotice = Pick<Denial, "title" | "message" | "emphasis" | "hint"> & { status: number };

export function plainNoticePage(denial: PlainNotice): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="/icon.svg" type="image/svg+xml"><meta name="theme-color" content="#0f172a">
<title>${escapeHtml(denial.title)} · homey-admin</title><meta name="robots" content="noindex">
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f8fafc;color:#0f172a}main{max-width:32rem;margin:0 auto;min-height:100vh;display:flex;flex-direction:column;justify-content:center;padding:1.5rem}
.code{font-size:.875rem;font-weight:600;color:#64748b}h1{font-size:1.5rem;margin:.5rem 0 1rem}.hint{font-size:.875rem;color:#475569}
@media (prefers-color-scheme:dark){body{background:#020617;color:#f1f5f9}.hint{color:#94a3b8}}</style></head>
<body><main><p class="code">homey-admin · ${denial.status}</p><h1>${escapeHtml(denial.title)}</h1>
<p>${emphasise(denial.message, denial.emphasis)}</p><p class="hint">${escapeHtml(denial.hint)}</p></main></body></html>`;
}

/** The whole response to a refused request: HTML for pages, JSON for the API and for server actions. */
export function deniedResponse(viewer: Exclude<Viewer, { status: "admin" }>, kind: RequestKind): Response {
  const denial = denialFor(viewer);
  const headers = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
  if (kind === "page") {
    return new Response(plainNoticePage(denial), { status: denial.status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
  }
  return Response.json({ error: `${denial.message} ${denial.hint}`, code: denial.code }, { status: denial.status, headers });
}

