// The checker over everything "New service" would create, mapped to the form's fields.
import { describe, expect, it } from "vitest";
import { HOMEY_VIEWER, homeyDraft } from "@/lib/checks/homey-fixture";
import { newServiceFindings } from "./live-draft";

const all = () => true;
const codesAt = (found: ReturnType<typeof newServiceFindings>, field: string) => (found.byField[field] ?? []).map((f) => f.code);

const paperless: Record<string, string> = {
  name: "paperless",
  title: "Paperless",
  kind: "container",
  enabled: "on",
  stateDir: "/var/lib/paperless",
  "with.vhost": "on",
  "vhost.subdomain": "paperless",
  "vhost.upstreamHost": "127.0.0.1",
  "vhost.upstreamPort": "8010",
  "vhost.auth": "authelia",
  "with.rules": "on",
  "rules.access": "admins",
  "rules.priority": "26",
  "with.monitor": "on",
  "monitor.name": "Paperless",
  "monitor.type": "http",
  "monitor.target": "http://127.0.0.1:8010/",
  "monitor.interval": "60",
  "monitor.maxretries": "1",
  "with.backup": "on",
  "backup.path": "/var/lib/paperless",
};

describe("newServiceFindings", () => {
  it("says nothing about a service made the conventional way", () => {
    expect(newServiceFindings(homeyDraft(), HOMEY_VIEWER, paperless, all)).toEqual({ byField: {}, other: [] });
  });

  it("puts each finding at the field of its section", () => {
    const found = newServiceFindings(
      homeyDraft(),
      HOMEY_VIEWER,
      { ...paperless, "vhost.upstreamPort": "3002", "rules.priority": "22", "monitor.target": "paperless/", "with.backup": "" },
      all,
    );
    expect(codesAt(found, "vhost.upstreamPort")).toEqual(["vhost.upstream-shared"]);
    expect(codesAt(found, "rules.priority")).toContain("rule.priority-duplicate");
    expect(codesAt(found, "monitor.target")).toEqual(["monitor.behind-login"]);
    expect(codesAt(found, "stateDir")).toEqual(["backup.state-not-covered"]);
  });

  it("sees that a vhost without rules admits nobody, and that skipped sections are not judged", () => {
    const found = newServiceFindings(homeyDraft(), HOMEY_VIEWER, { ...paperless, "with.rules": "", "with.monitor": "", "monitor.target": "nowhere/" }, all);
    expect(codesAt(found, "vhost.auth")).toEqual(["vhost.no-rule-admits"]);
    expect(found.byField["monitor.target"]).toBeUndefined();
  });
});
