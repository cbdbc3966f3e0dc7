import { describe, expect, it } from "vitest";
import { diffMatrix, matrix, simulate } from "./simulator";
import { homeyDraft } from "./homey-fixture";
import { checkDraftFromSnapshot } from "./from-snapshot";

describe("simulate", () => {
  it("answers for a URL with the first matching rule and the misses before it", () => {
    const a = simulate(homeyDraft(), { url: "https://vote.zakobar.com/admin/?next=/", user: { name: "bob", groups: ["users"] } });
    if ("problem" in a) throw new Error(a.problem);
    expect(a.decision).toBe("deny");
    expect(a.matchedRule).toBe(12); // priority 66: deny /admin for everyone not in admins
    expect(a.object?.path).toBe("/admin/?next=/");
    expect(a.trace.find((t) => t.ruleId === 11)).toMatchObject({ reason: "subject" });
    expect(a.trace.find((t) => t.ruleId === 1)).toMatchObject({ reason: "domain" });
    expect(a.behindAuthelia).toBe(true);
  });
  it("says when Caddy does not ask Authelia", () => {
    const a = simulate(homeyDraft(), { host: "cloud.zakobar.com", path: "/remote.php/dav", method: "PROPFIND" });
    expect(a).toMatchObject({ decision: "bypass", behindAuthelia: false });
  });
  it("explains a URL it cannot read", () => {
    expect(simulate(homeyDraft(), { url: "grafana" })).toEqual({ problem: expect.stringMatching(/is not a URL/) });
  });
});

describe("matrix and its diff against HEAD", () => {
  it("gives each enabled vhost × persona a decision", () => {
    const rows = matrix(homeyDraft());
    const grafana = rows.find((r) => r.host === "grafana.zakobar.com")!;
    expect(grafana.cells.anonymous).toMatchObject({ decision: "two_factor", outcome: "sign-in" });
    expect(grafana.cells.admin).toMatchObject({ decision: "two_factor", outcome: "allowed" });
    expect(grafana.cells.member).toMatchObject({ decision: "deny", outcome: "forbidden" });
    expect(rows.find((r) => r.host === "status.zakobar.com")!.cells.anonymous.decision).toBe("open");
  });
  it("marks the cells a change flips, with a sentence", () => {
    const head = homeyDraft();
    const draft = homeyDraft();
    draft.accessRules.push({ id: 99, priority: 13, domains: ["grafana"], resources: [], subjects: [], policy: "bypass", methods: [], networks: [], note: "" });
    const changes = diffMatrix(matrix(draft), matrix(head));
    expect(changes.map((c) => `${c.host} ${c.persona}`).sort()).toEqual(["grafana.zakobar.com admin", "grafana.zakobar.com anonymous", "grafana.zakobar.com member"]);
    expect(changes.find((c) => c.persona === "anonymous")!.sentence).toBe(
      "this change lets anonymous users reach grafana.zakobar.com (let through without sign-in (bypass); before: asked to sign in (two_factor)).",
    );
    expect(diffMatrix(matrix(head), matrix(homeyDraft()))).toEqual([]);
  });
  it("compares with HEAD read back from Nix (no ids) by host", () => {
    const d = homeyDraft();
    const head = checkDraftFromSnapshot(
      {
        services: d.services.map((s) => ({ name: s.name, enabled: s.enabled })),
        virtualHosts: d.virtualHosts.filter((v) => v.subdomain !== "vote").map(({ subdomain, upstreamHost, upstreamPort, auth }) => ({ subdomain, upstreamHost, upstreamPort, auth })),
        accessRules: d.accessRules.map(({ id: _i, note: _n, ...r }) => r),
        monitors: [],
        backup: { extraPaths: [], exclude: [] },
      },
      d,
    );
    const changes = diffMatrix(matrix(d), matrix(head));
    expect(changes.map((c) => c.host)).toEqual(["vote.zakobar.com", "vote.zakobar.com", "vote.zakobar.com"]);
    expect(changes[0].sentence).toMatch(/^vote\.zakobar\.com is new: anonymous users will be asked to sign in \(one_factor\)\.$/);
  });
});
