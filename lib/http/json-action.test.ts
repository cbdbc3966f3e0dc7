import { describe, expect, it } from "vitest";
import { crossSiteReason } from "./json-action";

const post = (headers: Record<string, string>) => new Request("http://127.0.0.1:3000/api/quick/toggle", { method: "POST", headers });

describe("crossSiteReason", () => {
  it("lets a post from a page of the same host through", () => {
    expect(crossSiteReason(post({ host: "admin.example.org", origin: "https://admin.example.org" }))).toBeNull();
  });

  it("compares with the forwarded host when the proxy sets one", () => {
    expect(crossSiteReason(post({ host: "127.0.0.1:3000", "x-forwarded-host": "admin.example.org", origin: "https://admin.example.org" }))).toBeNull();
    expect(crossSiteReason(post({ host: "admin.example.org", "x-forwarded-host": "127.0.0.1:3000", origin: "https://admin.example.org" }))).toMatch(/not from this dashboard/);
  });

  it("refuses another site, naming it", () => {
    expect(crossSiteReason(post({ host: "admin.example.org", origin: "https://evil.example" }))).toBe(
      "The request comes from evil.example, not from this dashboard (admin.example.org); nothing was changed.",
    );
  });

  it("refuses a post without an Origin, and one whose Origin is not a URL", () => {
    expect(crossSiteReason(post({ host: "admin.example.org" }))).toMatch(/no Origin header/);
    expect(crossSiteReason(post({ host: "admin.example.org", origin: "null" }))).toMatch(/"null" is not a URL/);
  });
});
