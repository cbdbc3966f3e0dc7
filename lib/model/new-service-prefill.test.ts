import { describe, expect, it } from "vitest";
import { suggestions } from "./new-service-prefill";

describe("suggestions", () => {
  it("fills every field that follows the name, through the chain", () => {
    const out = suggestions({ name: "paperless-ngx", title: "", "rules.access": "admins" }, new Set(["name"]), [20, 21, 22, 23, 24, 25]);
    expect(out).toEqual({
      title: "Paperless Ngx",
      stateDir: "/var/lib/paperless-ngx",
      "vhost.subdomain": "paperless-ngx",
      "monitor.name": "Paperless Ngx",
      "monitor.target": "paperless-ngx/",
      "backup.path": "/var/lib/paperless-ngx",
      "rules.priority": "26",
    });
  });

  it("watches a signed-in vhost at its upstream, an open one through Caddy", () => {
    const base = { name: "paperless", "with.vhost": "on", "vhost.subdomain": "paperless", "vhost.upstreamHost": "127.0.0.1", "vhost.upstreamPort": "8010" };
    expect(suggestions({ ...base, "vhost.auth": "authelia" }, new Set(["name"]), [])["monitor.target"]).toBe("http://127.0.0.1:8010/");
    expect(suggestions({ ...base, "vhost.auth": "authelia", "vhost.upstreamHost": "::1" }, new Set(["name"]), [])["monitor.target"]).toBe("http://[::1]:8010/");
    expect(suggestions({ ...base, "vhost.auth": "none" }, new Set(["name"]), [])["monitor.target"]).toBe("paperless/");
    // Until the port is typed (and valid), the subdomain.
    expect(suggestions({ ...base, "vhost.auth": "authelia", "vhost.upstreamPort": "70000" }, new Set(["name"]), [])["monitor.target"]).toBe("paperless/");
    expect(suggestions({ ...base, "vhost.auth": "authelia", "vhost.upstreamPort": "" }, new Set(["name"]), [])["monitor.target"]).toBe("paperless/");
  });

  it("keeps what the admin typed, and follows it", () => {
    const out = suggestions({ name: "paperless", title: "Paperless", "vhost.subdomain": "docs", stateDir: "/srv/paperless", "rules.access": "open" }, new Set(["name", "title", "vhost.subdomain", "stateDir"]), [50]);
    expect(out).toEqual({ "monitor.name": "Paperless", "monitor.target": "docs/", "backup.path": "/srv/paperless", "rules.priority": "51" });
  });

  it("suggests nothing from a name that is not a slug yet", () => {
    expect(suggestions({ name: "Paper less" }, new Set(["name"]), [])).toMatchObject({ stateDir: "", "vhost.subdomain": "", "backup.path": "" });
  });
});
