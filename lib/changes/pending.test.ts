// The pending page's data, drift, and import-into-draft, against real git and real Nix.
import fs from "node:fs/promises";
import path from "node:path";
import { adminAs } from "@/lib/testing/admin-context";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { loadDraftSnapshot } from "@/lib/model/draft";
import { applyDraft } from "@/lib/apply/apply-draft";
import { createRepoRig, git, RIG_ADMIN, RIG_DRAFT, withHomeyCore, writeDraft, type RepoRig } from "@/lib/repo/test-rig";
import { createTestDatabase } from "@/lib/testing/test-db";
import { clearCommitCache } from "@/lib/repo/commit-cache";
import { importRepoIntoDraft } from "./import-into-draft";
import { getPendingChanges } from "./pending";

let db: PrismaClient;
let cleanupDb: () => Promise<void>;
let rig: RepoRig;

beforeAll(async () => {
  ({ db, cleanup: cleanupDb } = await createTestDatabase());
});
afterAll(() => cleanupDb());

beforeEach(async () => {
  await db.$transaction([
    db.auditEvent.deleteMany(),
    db.virtualHost.deleteMany(),
    db.monitor.deleteMany(),
    db.backupPath.deleteMany(),
    db.accessRule.deleteMany(),
    db.service.deleteMany(),
  ]);
  await writeDraft(db, withHomeyCore(RIG_DRAFT));
  rig = await createRepoRig();
});
afterEach(() => rig.cleanup());

const apply = () => applyDraft({ admin: adminAs(db, RIG_ADMIN.user, RIG_ADMIN.name), settings: rig.settings, demo: false });

/** Someone edits generated/vhosts.nix by hand and commits it. */
async function handEditVhostPort(from: number, to: number, commit = true) {
  const file = path.join(rig.clone, "generated", "vhosts.nix");
  const text = await fs.readFile(file, "utf8");
  expect(text).toContain(`port = ${from};`);
  await fs.writeFile(file, text.replace(`port = ${from};`, `port = ${to};`));
  if (commit) git(rig.clone, "commit", "--quiet", "-am", "grafana moved to another port");
}

describe("pending changes", () => {
  it("shows every area as added against the demo repo's empty generated/", async () => {
    const pending = await getPendingChanges(adminAs(db), rig.settings);
    expect(pending.setupNeeded).toBe(false);
    expect(pending.head?.authorName).toBe("homey-admin demo");
    expect(pending.nothingToApply).toBe(false);
    expect(pending.foreignChanges).toEqual([]);
    expect(pending.check).toEqual({ ok: true });
    expect(pending.files.map((f) => [f.path, f.status])).toEqual([
      ["generated/access-rules.nix", "added"],
      ["generated/backup.nix", "added"],
      ["generated/default.nix", "changed"],
      ["generated/monitors.nix", "added"],
      ["generated/services.nix", "added"],
      ["generated/vhosts.nix", "added"],
    ]);
    expect(pending.summary.status).toBe("ok");
    if (pending.summary.status !== "ok") return;
    const vhosts = pending.summary.areas.find((a) => a.area === "virtualHosts");
    expect(vhosts?.changes).toEqual([
      { kind: "added", label: "admin", detail: "127.0.0.1:3000, Authelia", fields: [] },
      { kind: "added", label: "cloud", detail: "127.0.0.1:8080, no auth", fields: [] },
      { kind: "added", label: "grafana", detail: "127.0.0.1:3002, Authelia", fields: [] },
    ]);
    expect(pending.defaultMessage).toMatch(/^homey-admin: /);
    expect(pending.drift).toBeNull();
  });

  it("shows field-level changes and a unified diff after an edit", async () => {
    await apply();
    await db.virtualHost.updateMany({ where: { subdomain: "grafana" }, data: { upstreamPort: 3003 } });
    await db.monitor.deleteMany({ where: { name: "Grafana" } });

    const pending = await getPendingChanges(adminAs(db), rig.settings);
    expect(pending.files.map((f) => f.path)).toEqual(["generated/monitors.nix", "generated/vhosts.nix"]);
    const vhostsDiff = pending.files[1];
    expect(vhostsDiff.additions).toBe(1);
    expect(vhostsDiff.deletions).toBe(1);
    expect(vhostsDiff.patch).toContain("-      port = 3002;\n+      port = 3003;");
    expect(pending.summary).toEqual({
      status: "ok",
      headHadFiles: true,
      areas: [
        {
          area: "virtualHosts",
          title: "Virtual hosts",
          noun: "vhost",
          changes: [{ kind: "changed", label: "grafana", fields: [{ field: "port", before: "3002", after: "3003" }] }],
        },
        {
          area: "monitors",
          title: "Monitors",
          noun: "monitor",
          changes: [{ kind: "removed", label: "Grafana", detail: "http grafana/api/health every 60s", fields: [] }],
        },
      ],
    });
    expect(pending.defaultMessage.split("\n")[0]).toBe("homey-admin: change vhost grafana; remove monitor Grafana");
    expect(pending.defaultMessage).toContain("- change grafana: port 3002 → 3003");
  });

  it("reports an empty state once applied", async () => {
    const result = await apply();
    const pending = await getPendingChanges(adminAs(db), rig.settings);
    expect(pending.nothingToApply).toBe(true);
    expect(pending.files).toEqual([]);
    expect(pending.head?.sha).toBe(result.status === "committed" ? result.commit.sha : "");
    expect(pending.drift).toBeNull();
  });

  it("shows the setup notice when flake.nix does not import ./generated", async () => {
    const flake = path.join(rig.clone, "flake.nix");
    await fs.writeFile(flake, (await fs.readFile(flake, "utf8")).replace("./generated\n", "# ./generated\n"));
    expect((await getPendingChanges(adminAs(db), rig.settings)).setupNeeded).toBe(true);
  });

  it("says so, and still shows the file diff, where Nix is absent", async () => {
    // Nix is gone before the apply: otherwise the apply's background evaluation of its new
    // commit (cached per SHA, rightly) could answer the summary below with Nix's values.
    clearCommitCache();
    process.env.HOMEY_NIX_INSTANTIATE = path.join(rig.root, "no-such-nix-instantiate");
    try {
      await apply();
      await db.virtualHost.updateMany({ where: { subdomain: "grafana" }, data: { upstreamPort: 3003 } });
      const pending = await getPendingChanges(adminAs(db), rig.settings);
      expect(pending.summary).toEqual({ status: "unavailable", reason: expect.stringMatching(/Nix .* not installed/) });
      expect(pending.files.map((f) => f.path)).toEqual(["generated/vhosts.nix"]);
      expect(pending.check).toEqual({ ok: true, skipped: true });
      expect(pending.defaultMessage.split("\n")[0]).toBe("homey-admin: update vhosts.nix");

      const error = await importRepoIntoDraft(adminAs(db, "anna"), rig.settings).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("NIX_UNAVAILABLE");
      expect((error as AppError).message).toMatch(/nix-instantiate is not installed/);
    } finally {
      delete process.env.HOMEY_NIX_INSTANTIATE;
    }
  });
});

describe("drift", () => {
  it("detects a hand-made commit to generated/ and shows its diff", async () => {
    const applied = await apply();
    await handEditVhostPort(3002, 4000);

    const pending = await getPendingChanges(adminAs(db), rig.settings);
    expect(pending.drift).not.toBeNull();
    const drift = pending.drift!;
    expect(drift.baseline?.sha).toBe(applied.status === "committed" ? applied.commit.sha : "");
    expect(drift.commits.map((c) => c.subject)).toEqual(["grafana moved to another port"]);
    expect(drift.uncommitted).toEqual([]);
    expect(drift.files.map((f) => f.path)).toEqual(["generated/vhosts.nix"]);
    expect(drift.files[0].patch).toContain("+      port = 4000;");
    expect(drift.draftMatches).toBe(false);
    // The pending diff (draft vs HEAD) now shows the draft would put 3002 back.
    expect(pending.summary.status === "ok" && pending.summary.areas[0].changes[0].fields).toEqual([
      { field: "port", before: "4000", after: "3002" },
    ]);
  });

  it("detects uncommitted hand edits to the app's files", async () => {
    await apply();
    await handEditVhostPort(3002, 4000, false);
    const pending = await getPendingChanges(adminAs(db), rig.settings);
    expect(pending.foreignChanges).toEqual([]);
    expect(pending.drift?.uncommitted).toEqual(["generated/vhosts.nix"]);
    expect(pending.drift?.commits).toEqual([]);
    expect(pending.nothingToApply).toBe(false);
    // The pending diff is against HEAD: the draft equals HEAD, only the disk differs.
    expect(pending.files).toEqual([]);

    // "Overwrite with the draft" is the normal Apply: nothing to commit, edits replaced.
    const result = await apply();
    expect(result).toMatchObject({ status: "nothing", overwroteHandEdits: true });
    expect(git(rig.clone, "status", "--porcelain")).toBe("");
    expect((await getPendingChanges(adminAs(db), rig.settings)).drift).toBeNull();
  });

  it("treats generated/ written before homey-admin ever committed as drift", async () => {
    // A repo whose generated/ was set up by hand: the demo's initial trailer is not there.
    git(rig.clone, "commit", "--quiet", "--amend", "-m", "homey: hand-made initial commit");
    const pending = await getPendingChanges(adminAs(db), rig.settings);
    expect(pending.drift?.baseline).toBeNull();
    expect(pending.drift?.files.map((f) => [f.path, f.status])).toEqual([["generated/default.nix", "added"]]);
  });

  it("imports the repo's values into the draft, with audit events, in one go", async () => {
    await apply();
    await handEditVhostPort(3002, 4000);
    // More hand edits, in other areas: a new monitor and a changed rule.
    const monitors = path.join(rig.clone, "generated", "monitors.nix");
    await fs.writeFile(
      monitors,
      (await fs.readFile(monitors, "utf8")).replace(
        "homey.monitoring.monitors = [\n",
        'homey.monitoring.monitors = [\n    { name = "Status"; type = "http"; url = "https://status.${domain}/"; interval = 120; maxretries = 1; }\n',
      ),
    );
    const rules = path.join(rig.clone, "generated", "access-rules.nix");
    await fs.writeFile(rules, (await fs.readFile(rules, "utf8")).replace('policy = "deny";', 'policy = "one_factor";'));
    git(rig.clone, "commit", "--quiet", "-am", "more hand edits");

    const result = await importRepoIntoDraft(adminAs(db, "anna"), rig.settings);
    expect(result).toEqual({ created: 1, updated: 2, deleted: 0, disabled: 0, warnings: [] });

    const draft = await loadDraftSnapshot(adminAs(db));
    expect(draft.virtualHosts.find((v) => v.subdomain === "grafana")?.upstreamPort).toBe(4000);
    expect(draft.monitors.map((m) => m.name)).toEqual(["Grafana", "Nextcloud", "Status"]);
    expect(draft.monitors.find((m) => m.name === "Status")?.target).toBe("status/");
    expect(draft.accessRules.find((r) => r.priority === 21)?.policy).toBe("one_factor");

    const events = await db.auditEvent.findMany({ where: { action: "import" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.actor, e.entityType])).toEqual([
      ["anna", "virtualHost"],
      ["anna", "accessRule"],
      ["anna", "monitor"],
      ["anna", "commit"], // marks which commit's values the draft now has
    ]);
    expect(events[3].entityId).toBe(git(rig.clone, "rev-parse", "HEAD").trim());
    expect(JSON.parse(events[0].before!)).toMatchObject({ upstreamPort: 3002 });
    expect(JSON.parse(events[0].after!)).toMatchObject({ upstreamPort: 4000 });

    // The draft now has the repo's values. Only the hand-formatted monitor differs as
    // text: no form-level change is left, and Apply would just reformat that file.
    const pending = await getPendingChanges(adminAs(db), rig.settings);
    expect(pending.files.map((f) => f.path)).toEqual(["generated/monitors.nix"]);
    expect(pending.summary).toMatchObject({ status: "ok", areas: [] });
    expect(pending.drift).toBeNull(); // the import is the reference now
    const applied = await apply();
    expect(applied.status).toBe("committed");
    const after = await getPendingChanges(adminAs(db), rig.settings);
    expect(after.nothingToApply).toBe(true);
    expect(after.drift).toBeNull();
  });

  it("after importing canonical hand edits there is nothing left to apply", async () => {
    await apply();
    await handEditVhostPort(3002, 4000);
    await importRepoIntoDraft(adminAs(db, "anna"), rig.settings);
    const pending = await getPendingChanges(adminAs(db), rig.settings);
    expect(pending.files).toEqual([]);
    expect(pending.nothingToApply).toBe(true);
    // The imported commit is the new reference: no drift left to decide on.
    expect(pending.drift).toBeNull();

    // Editing the draft afterwards is an ordinary pending change, not drift.
    await db.virtualHost.updateMany({ where: { subdomain: "cloud" }, data: { upstreamPort: 8081 } });
    const edited = await getPendingChanges(adminAs(db), rig.settings);
    expect(edited.drift).toBeNull();
    expect(edited.files.map((f) => f.path)).toEqual(["generated/vhosts.nix"]);

    // A later hand edit is drift again, measured from the imported commit.
    const imported = git(rig.clone, "rev-parse", "HEAD").trim();
    await handEditVhostPort(4000, 4001);
    const again = await getPendingChanges(adminAs(db), rig.settings);
    expect(again.drift).toMatchObject({ baselineImported: true, baseline: { sha: imported } });
    expect(again.drift?.commits.map((c) => c.subject)).toEqual(["grafana moved to another port"]);
  });

  it("import disables vhosts and deletes rules and paths the repo no longer has", async () => {
    await apply();
    const vhosts = path.join(rig.clone, "generated", "vhosts.nix");
    const text = await fs.readFile(vhosts, "utf8");
    await fs.writeFile(vhosts, text.replace(/ {4}cloud = \{[^}]*\};\n/, ""));
    const backup = path.join(rig.clone, "generated", "backup.nix");
    await fs.writeFile(backup, (await fs.readFile(backup, "utf8")).replace(/exclude = \[[^\]]*\];/, "exclude = [ ];"));
    git(rig.clone, "commit", "--quiet", "-am", "drop cloud and the media exclude");

    const result = await importRepoIntoDraft(adminAs(db, "anna"), rig.settings);
    expect(result).toMatchObject({ disabled: 1, deleted: 1 });
    expect(await db.virtualHost.findUnique({ where: { subdomain: "cloud" } })).toMatchObject({ enabled: false });
    expect(await db.backupPath.count({ where: { mode: "exclude" } })).toBe(0);
    expect((await getPendingChanges(adminAs(db), rig.settings)).files).toEqual([]);
  });

  it("refuses to import values the forms would reject, changing nothing", async () => {
    await apply();
    const vhosts = path.join(rig.clone, "generated", "vhosts.nix");
    await fs.writeFile(vhosts, (await fs.readFile(vhosts, "utf8")).replace("port = 3002;", "port = 70000;"));
    git(rig.clone, "commit", "--quiet", "-am", "bad port");
    const before = await loadDraftSnapshot(adminAs(db));
    const error = await importRepoIntoDraft(adminAs(db, "anna"), rig.settings).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("VALIDATION");
    expect((error as AppError).message).toContain('virtual host "grafana": Port must be at most 65535.');
    expect(await loadDraftSnapshot(adminAs(db))).toEqual(before);
    expect(await db.auditEvent.count({ where: { action: "import" } })).toBe(0);
  });
});
