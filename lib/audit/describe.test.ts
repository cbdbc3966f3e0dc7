import { describe, expect, it } from "vitest";
import { describeAuditEvent, describeDeploy, type AuditRow } from "./describe";

const at = new Date("2026-12-01T10:00:00Z");
const row = (over: Partial<AuditRow>): AuditRow => ({ id: 1, actor: "anna", action: "update", entityType: "service", entityId: "3", before: null, after: null, createdAt: at, ...over });
const json = (v: unknown) => JSON.stringify(v);

describe("describeAuditEvent", () => {
  it("names a rename, an unlink and a monitor the way the forms do", () => {
    const renamed = describeAuditEvent(row({ entityType: "virtualHost", before: json({ subdomain: "jelly", upstreamPort: 8096 }), after: json({ subdomain: "jellyfin", upstreamPort: 8096 }) }));
    expect(renamed.text).toBe("changed vhost jelly (now jellyfin)");
    expect(renamed.fields).toEqual([{ field: "subdomain", before: "jelly", after: "jellyfin" }]);

    const names = new Map([[7, "jellyfin"]]);
    const unlinked = describeAuditEvent(row({ entityType: "monitor", action: "unlink", before: json({ name: "Jellyfin", serviceId: 7 }), after: json({ name: "Jellyfin", serviceId: null }) }), names);
    expect(unlinked.text).toBe("unlinked monitor Jellyfin from jellyfin (the service was removed)");

    const monitor = describeAuditEvent(row({ entityType: "monitor", action: "create", after: json({ name: "Vote", type: "keyword", target: "vote/", keyword: "Eurovision", serviceId: 7 }) }), names);
    expect(monitor.text).toBe("added monitor Vote (keyword vote/)");
  });

  it("shows lists, switches and empty values in form terms, never as JSON", () => {
    const rule = describeAuditEvent(
      row({ entityType: "accessRule", before: json({ priority: 20, domains: ["grafana"], subjects: [["group:admins"]], policy: "two_factor", networks: [] }), after: json({ priority: 20, domains: ["grafana"], subjects: [["group:admins", "user:anna"], ["group:ops"]], policy: "two_factor", networks: ["10.0.0.0/8"] }) }),
    );
    expect(rule.text).toBe("changed access rule #20 grafana");
    expect(rule.fields).toEqual([
      { field: "subjects", before: "group:admins", after: "group:admins + user:anna, group:ops" },
      { field: "networks", before: "—", after: "10.0.0.0/8" },
    ]);
  });

  it("tells break-glass sign-ins apart, keeping their codes searchable", () => {
    expect(describeAuditEvent(row({ actor: "break-glass", action: "break-glass-failed", entityType: "session", after: json({ detail: "wrong password", address: "10.0.0.5" }) })).text).toBe(
      "tried the break-glass password and failed (break-glass-failed) from 10.0.0.5",
    );
  });
});

describe("preview and confirm on the timeline", () => {
  const sha = "abc1234".padEnd(40, "0");
  it("a preview says what it would do to units, its confirm what it switched to; both link their deploy", () => {
    const preview = describeAuditEvent(row({ actor: "alice", action: "preview", entityType: "deploy", entityId: "12", after: json({ commitSha: sha, stop: ["grafana.service"], start: [], restart: [], reload: [], outages: [] }) }));
    expect(preview).toMatchObject({ actor: "alice", text: "previewed deploy of abc1234: stops grafana.service", target: { kind: "deploy", id: 12 }, label: "deploy #12" });
    const many = describeAuditEvent(
      row({ action: "preview", entityType: "deploy", entityId: "12", after: json({ commitSha: sha, stop: ["a.service"], start: ["b.service"], restart: ["caddy.service", "c.service"], reload: ["d.service"], outages: ["caddy.service"] }) }),
    );
    expect(many.text).toBe("previewed deploy of abc1234: stops a.service; restarts caddy.service, c.service; reloads d.service; starts b.service (short outage: caddy.service)");
    const none = describeAuditEvent(row({ action: "preview", entityType: "deploy", entityId: "12", after: json({ commitSha: sha, stop: [], start: [], restart: [], reload: [], outages: [] }) }));
    expect(none.text).toBe("previewed deploy of abc1234: no unit would start, stop, restart or reload");
    const confirm = describeAuditEvent(row({ actor: "alice", actorName: "Alice A.", action: "confirm", entityType: "deploy", entityId: "13", after: json({ commitSha: sha, previewId: 12, outPath: "/nix/store/x" }) }));
    expect(confirm).toMatchObject({ actor: "Alice A.", text: "confirmed the switch to abc1234 (built by preview #12) · deploy #13", target: { kind: "deploy", id: 13 } });
  });
});

describe("describeDeploy", () => {
  it("says what ran, how it ended and links the deploy", () => {
    const base = { id: 9, actor: "anna", commitSha: "f".repeat(40), target: "local", error: null, startedAt: at, finishedAt: at };
    expect(describeDeploy({ ...base, action: "test", status: "timed_out" })).toMatchObject({ text: "deployed fffffff (test): timed out · deploy #9", tone: "bad", target: { kind: "deploy", id: 9 } });
    expect(describeDeploy({ ...base, action: "rollback", status: "succeeded", commitSha: "" }).text).toBe("rolled back to the previous generation: succeeded · deploy #9");
    expect(describeDeploy({ ...base, action: "dry-activate", status: "failed", error: "build failed" }).text).toBe("previewed deploy of fffffff: failed — build failed · deploy #9");
  });
});
