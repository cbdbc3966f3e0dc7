import { describe, expect, it } from "vitest";
import { deniedResponse, isPublicPath, requestKind } from "./request-gate";

const headers = (h: Record<string, string>) => new Headers(h);

describe("the request gate", () => {
  it("lists exactly the public routes", () => {
    for (const p of ["/break-glass", "/api/auth/session", "/api/auth/callback/credentials", "/api/health", "/_next/static/chunks/a.js", "/favicon.ico"]) {
      expect(isPublicPath(p), p).toBe(true);
    }
    // Installing to a home screen: the manifest and the icons it names, exactly these files.
    for (const p of ["/manifest.webmanifest", "/icon.svg", "/apple-icon.png", "/icons/icon-192.png", "/icons/icon-512.png"]) {
      expect(isPublicPath(p), p).toBe(true);
    }
    for (const p of ["/icons", "/icons/", "/icons/other.png", "/icon.svg/x", "/manifest.json", "/manifest.webmanifest/x", "/public/icons/icon-192.png"]) {
      expect(isPublicPath(p), p).toBe(false);
    }
    for (const p of ["/", "/services", "/break-glass/x", "/api/healthz", "/api/deploys/1/log", "/api/authx", "/_next/image", "/audit"]) {
      expect(isPublicPath(p), p).toBe(false);
    }
  });

  it("tells pages, API calls and server actions apart", () => {
    expect(requestKind("GET", "/services", headers({}))).toBe("page");
    expect(requestKind("GET", "/api/deploys/1/events", headers({}))).toBe("api");
    expect(requestKind("POST", "/services/new", headers({ "next-action": "abc" }))).toBe("action");
    expect(requestKind("POST", "/services/new", headers({}))).toBe("page");
  });

  it("answers a page with the explanation, an action or API call with JSON, and nothing else", async () => {
    const anonymous = deniedResponse({ status: "anonymous", reason: "no Remote-User header" }, "page");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toMatch(/text\/html/);
    const html = await anonymous.text();
    expect(html).toContain("Sign in through Authelia");
    expect(html).not.toContain("no Remote-User header");
    // The sign-in page has the app's icon and colour too (favicon everywhere), from public files.
    expect(html).toContain('<link rel="icon" href="/icon.svg" type="image/svg+xml">');
    expect(isPublicPath("/icon.svg")).toBe(true);

    const forbidden = deniedResponse({ status: "forbidden", identity: { user: "bob", groups: ["users"], name: "<b>", email: "", source: "proxy" }, group: "ad<mins>" }, "action");
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ code: "FORBIDDEN", error: expect.stringContaining('members of the ad<mins> group') });

    const page = await deniedResponse({ status: "forbidden", identity: { user: "bob", groups: [], name: "", email: "", source: "proxy" }, group: "ad<mins>" }, "page").text();
    expect(page).toContain("<strong>ad&lt;mins&gt;</strong>");
  });
});
