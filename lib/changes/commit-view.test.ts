// The commit page's data against real git and real Nix: an applied commit reads back as the
// same form-level summary the Changes page showed before it, with its diff against its parent.
import { adminAs } from "@/lib/testing/admin-context";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/client";
import { applyDraft } from "@/lib/apply/apply-draft";
import { clearCommitCache, commitCacheSize } from "@/lib/repo/commit-cache";
import { createRepoRig, git, RIG_ADMIN, RIG_DRAFT, withHomeyCore, writeDraft, type RepoRig } from "@/lib/repo/test-rig";
import { createTestDatabase } from "@/lib/testing/test-db";
import { getCommitView } from "./commit-view";

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

const admin = () => adminAs(db, RIG_ADMIN.user, RIG_ADMIN.name);
async function apply(): Promise<string> {
  const result = await applyDraft({ admin: admin(), settings: rig.settings, demo: false });
  if (result.status !== "committed") throw new Error(`expected a commit, got ${result.status}`);
  return result.commit.sha;
}

describe("getCommitView", () => {
  it("an applied edit: subject, author, field-level summary and diff against its parent; cached per SHA", async () => {
    const first = await apply();
    await db.virtualHost.updateMany({ where: { subdomain: "grafana" }, data: { upstreamPort: 3003 } });
    const sha = await apply();
    clearCommitCache();

    const view = (await getCommitView(admin(), rig.settings, sha))!;
    expect(view.parentSha).toBe(first);
    expect(view.commit).toMatchObject({ sha, subject: "homey-admin: change vhost grafana", authorName: RIG_ADMIN.name, byApp: true });
    expect(view.files.map((f) => [f.path, f.status])).toEqual([["generated/vhosts.nix", "changed"]]);
    expect(view.files[0].patch).toContain("-      port = 3002;\n+      port = 3003;");
    expect(view.summary).toEqual({
      status: "ok",
      headHadFiles: true,
      areas: [
        { area: "virtualHosts", title: "Virtual hosts", noun: "vhost", changes: [{ kind: "changed", label: "grafana", fields: [{ field: "port", before: "3002", after: "3003" }] }] },
      ],
    });
    const cached = commitCacheSize();
    expect(await getCommitView(admin(), rig.settings, sha)).toBe(view);
    expect(commitCacheSize()).toBe(cached);
  });

  it("a commit that touches nothing homey-admin owns has an empty summary; unknown or short SHAs are not found", async () => {
    await apply();
    git(rig.clone, "commit", "--quiet", "--allow-empty", "-m", "a hand commit");
    const sha = git(rig.clone, "rev-parse", "HEAD").trim();
    const view = (await getCommitView(admin(), rig.settings, sha))!;
    expect(view.commit.subject).toBe("a hand commit");
    expect(view.commit.byApp).toBe(false);
    expect(view.files).toEqual([]);
    expect(view.summary).toMatchObject({ status: "ok", areas: [] });
    expect(await getCommitView(admin(), rig.settings, "0123456789abcdef0123456789abcdef01234567")).toBeNull();
    expect(await getCommitView(admin(), rig.settings, sha.slice(0, 7))).toBeNull();
    expect(await getCommitView(admin(), rig.settings, "HEAD")).toBeNull();
  });
});
