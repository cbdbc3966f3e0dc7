import { describe, expect, it } from "vitest";
import type { DraftSnapshot } from "@/lib/model/snapshot";
import { RIG_DRAFT } from "@/lib/repo/test-rig";
import { defaultCommitMessage } from "./commit-message";
import { diffFile, diffFolders } from "./file-diff";
import { matchItems } from "./match-items";
import { EMPTY_SNAPSHOT, summarizeChanges } from "./summary";

const edit = (change: (s: DraftSnapshot) => void): DraftSnapshot => {
  const copy = structuredClone(RIG_DRAFT);
  change(copy);
  return copy;
};

describe("summarizeChanges", () => {
  it("is empty for equal snapshots", () => {
    expect(summarizeChanges(RIG_DRAFT, structuredClone(RIG_DRAFT))).toEqual([]);
  });

  it("lists field changes as before → after, in form terms", () => {
    const after = edit((s) => {
      s.virtualHosts[1].auth = "none";
      s.virtualHosts[1].upstreamPort = 3003;
      s.services[2].enabled = true;
      s.monitors[1].keyword = "";
    });
    expect(summarizeChanges(RIG_DRAFT, after)).toEqual([
      {
        area: "services",
        title: "Services",
        noun: "service",
        changes: [{ kind: "changed", label: "uptime-kuma", fields: [{ field: "enabled", before: "disabled", after: "enabled" }] }],
      },
      {
        area: "virtualHosts",
        title: "Virtual hosts",
        noun: "vhost",
        changes: [
          {
            kind: "changed",
            label: "grafana",
            fields: [
              { field: "port", before: "3002", after: "3003" },
              { field: "auth", before: "Authelia", after: "no auth" },
            ],
          },
        ],
      },
      {
        area: "monitors",
        title: "Monitors",
        noun: "monitor",
        changes: [{ kind: "changed", label: "Nextcloud", fields: [{ field: "keyword", before: '"installed":true', after: "(none)" }] }],
      },
    ]);
  });

  it("pairs access rules by priority and domains, else added/removed", () => {
    const after = edit((s) => {
      s.accessRules[1].subjects = [["group:admins"], ["user:anna"]];
      s.accessRules[2].priority = 22;
    });
    const [rules] = summarizeChanges(RIG_DRAFT, after);
    expect(rules.changes).toEqual([
      { kind: "added", label: "#22 grafana → deny", detail: "subjects (anyone)", fields: [] },
      {
        kind: "changed",
        label: "#20 grafana → two_factor",
        fields: [{ field: "subjects", before: "group:admins", after: "group:admins or user:anna" }],
      },
      { kind: "removed", label: "#21 grafana → deny", detail: "subjects (anyone)", fields: [] },
    ]);
  });

  it("treats everything as added against an empty repo", () => {
    const areas = summarizeChanges(EMPTY_SNAPSHOT, RIG_DRAFT);
    expect(areas.map((a) => [a.area, a.changes.every((c) => c.kind === "added"), a.changes.length])).toEqual([
      ["services", true, 3],
      ["virtualHosts", true, 2],
      ["accessRules", true, 3],
      ["monitors", true, 2],
      ["backup", true, 2],
    ]);
  });

  it("matchItems keeps duplicates apart", () => {
    const m = matchItems(["a", "a", "b"], ["a", "c"], (s) => s);
    expect(m).toEqual({ unchanged: [["a", "a"]], changed: [], added: ["c"], removed: ["a", "b"] });
  });
});

describe("defaultCommitMessage", () => {
  it("names a single change in the subject and lists details in the body", () => {
    const after = edit((s) => void (s.virtualHosts[1].upstreamPort = 3003));
    expect(defaultCommitMessage(summarizeChanges(RIG_DRAFT, after), [])).toBe(
      "homey-admin: change vhost grafana\n\nVirtual hosts:\n- change grafana: port 3002 → 3003\n",
    );
  });

  it("keeps the subject short when many things change", () => {
    const message = defaultCommitMessage(summarizeChanges(EMPTY_SNAPSHOT, RIG_DRAFT), []);
    const subject = message.split("\n")[0];
    expect(subject.length).toBeLessThanOrEqual(72);
    expect(subject).toBe("homey-admin: 12 changes");
    expect(message).toContain("- add grafana (127.0.0.1:3002, Authelia)");
  });

  it("says which way a switch went: opposite changes never share a subject", () => {
    const grafana = RIG_DRAFT.services.findIndex((s) => s.name === "grafana");
    const off = edit((s) => void (s.services[grafana].enabled = false));
    const on = edit((s) => void (s.services[grafana].enabled = true));
    const disable = defaultCommitMessage(summarizeChanges(on, off), []);
    const enable = defaultCommitMessage(summarizeChanges(off, on), []);
    expect(disable.split("\n")[0]).toBe("homey-admin: disable grafana");
    expect(enable.split("\n")[0]).toBe("homey-admin: enable grafana");
    expect(disable).toContain("- disable grafana\n");
  });

  it("keeps the direction when a switch takes its vhosts and monitors with it", () => {
    // Disabled vhosts and monitors are left out of the snapshot (the renderer drops them).
    const withDependents = (enabled: boolean) =>
      edit((s) => {
        for (const x of s.services) x.enabled = enabled;
        if (!enabled) {
          s.virtualHosts = [];
          s.monitors = [];
        }
      });
    const subjects = [
      defaultCommitMessage(summarizeChanges(withDependents(true), withDependents(false)), []).split("\n")[0],
      defaultCommitMessage(summarizeChanges(withDependents(false), withDependents(true)), []).split("\n")[0],
    ];
    expect(subjects[0]).not.toBe(subjects[1]);
    expect(subjects[0]).toMatch(/disabled/);
    expect(subjects[1]).toMatch(/enabled/);
    for (const subject of subjects) expect(subject.length).toBeLessThanOrEqual(72);
  });

  it("falls back to file names without a form-level summary", () => {
    const files = diffFolders("generated", { "a.nix": "x\n" }, { "a.nix": "y\n", "b.nix": "z\n" });
    expect(defaultCommitMessage(null, files)).toBe(
      "homey-admin: update a.nix, b.nix\n\n- changed generated/a.nix (+1 −1)\n- added generated/b.nix (+1 −0)\n",
    );
  });
});

describe("diffFile", () => {
  it("numbers lines on both sides", () => {
    const change = diffFile("generated/x.nix", "a\nb\nc\n", "a\nB\nc\nd\n");
    expect(change.status).toBe("changed");
    expect(change.hunks[0].lines).toEqual([
      { kind: "context", text: "a", oldNumber: 1, newNumber: 1 },
      { kind: "del", text: "b", oldNumber: 2, newNumber: null },
      { kind: "add", text: "B", oldNumber: null, newNumber: 2 },
      { kind: "context", text: "c", oldNumber: 3, newNumber: 3 },
      { kind: "add", text: "d", oldNumber: null, newNumber: 4 },
    ]);
    expect(change.patch).toContain("--- a/generated/x.nix\n+++ b/generated/x.nix");
  });

  it("marks added and removed files", () => {
    expect(diffFile("generated/new.nix", null, "x\n")).toMatchObject({ status: "added", additions: 1, deletions: 0 });
    expect(diffFile("generated/old.nix", "x\ny\n", null)).toMatchObject({ status: "removed", additions: 0, deletions: 2 });
  });
});
