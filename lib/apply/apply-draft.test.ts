// Apply against real git (a bare remote + the working clone) and real Nix.
import { issueAdminContext } from "@/lib/auth/admin-context";
import { adminAs } from "@/lib/testing/admin-context";
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { loadDraftSnapshot } from "@/lib/model/draft";
import { createTestDatabase } from "@/lib/testing/test-db";
import { applyDraft, type ApplyInput } from "./apply-draft";
import { createRepoRig, git, installHook, RIG_ADMIN, RIG_DRAFT, withHomeyCore, writeDraft, type RepoRig } from "@/lib/repo/test-rig";

let db: PrismaClient;
let cleanupDb: () => Promise<void>;
let rig: RepoRig;

beforeAll(async () => {
  ({ db, cleanup: cleanupDb } = await createTestDatabase());
  await writeDraft(db, withHomeyCore(RIG_DRAFT));
});
afterAll(() => cleanupDb());
afterEach(() => rig?.cleanup());

/** Apply as `who` (the rig's admin anna by default), as the Changes page's action does. */
function apply(who: Partial<typeof RIG_ADMIN> = {}, overrides: Partial<ApplyInput> = {}) {
  const { user, name, email } = { ...RIG_ADMIN, ...who };
  const admin = issueAdminContext({ user, name, email, groups: ["admins"], source: "proxy" }, db);
  return applyDraft({ admin, settings: rig.settings, demo: false, ...overrides });
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("with a remote", () => {
  beforeEach(async () => {
    rig = await createRepoRig({ remote: true });
  });

  it("commits the rendered files with the admin as author, homey-admin as committer, and pushes", async () => {
    const result = await apply();
    expect(result.status).toBe("committed");
    if (result.status !== "committed") return;
    expect(result.pushed).toBe(true);
    expect(result.nixChecked).toBe(true);
    expect(result.files).toEqual(
      ["access-rules.nix", "backup.nix", "default.nix", "monitors.nix", "services.nix", "vhosts.nix"].map((f) => `generated/${f}`),
    );

    const remoteHead = git(rig.remote!, "rev-parse", "main").trim();
    expect(remoteHead).toBe(result.commit.sha);
    expect(git(rig.remote!, "log", "-1", "--format=%an <%ae>|%cn|%B", "main")).toMatch(
      /^Anna Admin <anna@example\.org>\|homey-admin\|homey-admin: [\s\S]*\n\nHomey-Admin: apply\n/,
    );
    // The default message describes the change in form terms.
    expect(result.commit.message).toContain("add grafana (127.0.0.1:3002, Authelia)");
    expect(git(rig.clone, "status", "--porcelain")).toBe("");

    // Every committed file parses with real Nix, read from the remote (not the working tree).
    const dir = await fs.mkdtemp(path.join(rig.root, "parse-"));
    for (const file of result.files) {
      const target = path.join(dir, file);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, git(rig.remote!, "show", `main:${file}`));
      execFileSync("nix-instantiate", ["--store", "dummy://", "--parse", target], { stdio: "pipe" });
    }

    const audit = await db.auditEvent.findFirst({ where: { action: "apply", entityId: result.commit.sha } });
    expect(audit?.actor).toBe("anna");
  });

  it("falls back to user@domain when the admin has no e-mail", async () => {
    const result = await apply({ user: "bob", name: "", email: "" });
    expect(result.status).toBe("committed");
    expect(git(rig.clone, "log", "-1", "--format=%an <%ae>")).toBe("bob <bob@example.org>\n");
  });

  it("uses the edited message, keeping the trailer", async () => {
    await apply({}, { message: "Open grafana to the admins\n\nAs discussed." });
    expect(git(rig.clone, "log", "-1", "--format=%B")).toBe("Open grafana to the admins\n\nAs discussed.\n\nHomey-Admin: apply\n\n");
  });

  it("makes no commit when nothing is pending", async () => {
    const first = await apply();
    expect(first.status).toBe("committed");
    const head = git(rig.clone, "rev-parse", "HEAD");
    const second = await apply();
    expect(second.status).toBe("nothing");
    expect(git(rig.clone, "rev-parse", "HEAD")).toBe(head);
    expect(git(rig.remote!, "rev-parse", "main")).toBe(head);
  });

  it("fast-forwards when the remote is ahead, then commits on top", async () => {
    const other = await rig.otherClone();
    await fs.appendFile(path.join(other, "hosts/pi-main/default.nix"), "# tuned by hand\n");
    git(other, "commit", "--quiet", "-am", "pi-main: a comment");
    git(other, "push", "--quiet", "origin", "main");
    const theirs = git(other, "rev-parse", "HEAD").trim();

    const result = await apply();
    expect(result.status).toBe("committed");
    if (result.status !== "committed") return;
    expect(result.fastForwarded).toBe(true);
    expect(git(rig.clone, "rev-parse", "HEAD~1").trim()).toBe(theirs);
    expect(git(rig.remote!, "rev-parse", "main").trim()).toBe(result.commit.sha);
  });

  it("stops once when hand edits to generated/ arrive from the remote, so they can be reviewed", async () => {
    await apply();
    const other = await rig.otherClone();
    const vhosts = path.join(other, "generated", "vhosts.nix");
    await fs.writeFile(vhosts, (await fs.readFile(vhosts, "utf8")).replace("port = 3002;", "port = 4000;"));
    git(other, "commit", "--quiet", "-am", "grafana: hand-tuned port");
    git(other, "push", "--quiet", "origin", "main");
    const theirs = git(other, "rev-parse", "HEAD").trim();

    const error = await expectAppError(apply(), "CONFLICT");
    expect(error.message).toContain('"grafana: hand-tuned port" (Someone Else)');
    expect(error.message).toContain(`now at the remote's ${theirs.slice(0, 7)}`);
    // Fast-forwarded (nothing local was lost), nothing committed, tree clean.
    expect(git(rig.clone, "rev-parse", "HEAD").trim()).toBe(theirs);
    expect(git(rig.clone, "status", "--porcelain")).toBe("");
    expect(git(rig.remote!, "rev-parse", "main").trim()).toBe(theirs);

    // Having seen them, "overwrite with the draft" is the next Apply.
    const result = await apply();
    expect(result.status).toBe("committed");
    expect(await fs.readFile(path.join(rig.clone, "generated", "vhosts.nix"), "utf8")).toContain("port = 3002;");
  });

  it("a rendered difference git does not see (a clean filter) makes no commit and says nothing was pending", async () => {
    const first = await apply();
    expect(first.status).toBe("committed");
    // The repo's own rule: monitors.nix is staged as HEAD has it, whatever is on disk.
    git(rig.clone, "config", "filter.keep-head.clean", "git show HEAD:%f");
    await fs.writeFile(path.join(rig.clone, ".gitattributes"), "generated/monitors.nix filter=keep-head\n");
    git(rig.clone, "add", ".gitattributes");
    git(rig.clone, "commit", "--quiet", "-m", "monitors.nix: kept as committed");
    const head = git(rig.clone, "rev-parse", "HEAD");
    const monitor = await db.monitor.findFirstOrThrow({ where: { name: "Grafana" } });
    await db.monitor.update({ where: { id: monitor.id }, data: { interval: 61 } });
    try {
      const result = await apply();
      expect(result.status).toBe("nothing");
      expect(git(rig.clone, "rev-parse", "HEAD")).toBe(head);
      expect(git(rig.clone, "log", "-1", "--format=%s")).toBe("monitors.nix: kept as committed\n");
    } finally {
      await db.monitor.update({ where: { id: monitor.id }, data: { interval: monitor.interval } });
    }
  });

  it("refuses when the clone and the remote have diverged, writing nothing", async () => {
    const other = await rig.otherClone();
    await fs.appendFile(path.join(other, "README.md"), "\ntheirs\n");
    git(other, "commit", "--quiet", "-am", "theirs");
    git(other, "push", "--quiet", "origin", "main");
    await fs.appendFile(path.join(rig.clone, "README.md"), "\nours\n");
    git(rig.clone, "commit", "--quiet", "-am", "ours (not pushed)");
    const before = await rig.fingerprint();

    const error = await expectAppError(apply(), "REPO_DIVERGED");
    expect(error.message).toMatch(/diverged: the clone has 1 commit\(s\) the remote lacks, and the remote has 1/);
    expect(await rig.fingerprint()).toEqual(before);
  });

  it("undoes the local commit when the remote rejects the push", async () => {
    await installHook(rig.remote!, "pre-receive", 'echo "protected branch: pushes need review" >&2; exit 1');
    const before = await rig.fingerprint();
    const remoteBefore = git(rig.remote!, "rev-parse", "main");
    const appliesBefore = await db.auditEvent.count({ where: { action: "apply" } });

    const error = await expectAppError(apply(), "REPO_FAILED");
    expect(error.message).toContain("Pushing to the remote was refused");
    expect(error.message).toContain("protected branch: pushes need review");
    expect(error.message).toContain(`back at ${before.head.slice(0, 7)}`);
    expect(await rig.fingerprint()).toEqual(before);
    expect(git(rig.remote!, "rev-parse", "main")).toBe(remoteBefore);
    expect(await db.auditEvent.count({ where: { action: "apply" } })).toBe(appliesBefore);
  });

  it("serializes two concurrent applies: the second sees the first commit", async () => {
    // A slow hook widens the window in which a second, unserialized Apply would collide.
    await installHook(path.join(rig.clone, ".git"), "pre-commit", "sleep 0.3");
    const [a, b] = await Promise.all([apply(), apply({ user: "bob", name: "Bob", email: "" })]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual(["committed", "nothing"]);
    const committed = a.status === "committed" ? a : b;
    const nothing = a.status === "nothing" ? a : b;
    if (committed.status !== "committed" || nothing.status !== "nothing") return;
    expect(nothing.head?.sha).toBe(committed.commit.sha);
    expect(git(rig.remote!, "rev-list", "--count", "main").trim()).toBe("2");
  });

  it("serializes two concurrent applies that both have something to commit", async () => {
    await installHook(path.join(rig.clone, ".git"), "pre-commit", "sleep 0.3");
    const first = apply();
    // Queued behind the first: it renders only after the first commit exists.
    const second = (async () => {
      await new Promise((r) => setTimeout(r, 50));
      await db.virtualHost.create({ data: { subdomain: "status", upstreamHost: "uptime-kuma", upstreamPort: 3001 } });
      return apply({ user: "bob", name: "Bob", email: "bob@example.org" });
    })();
    const [a, b] = await Promise.all([first, second]);
    try {
      expect(a.status).toBe("committed");
      expect(b.status).toBe("committed");
      if (a.status !== "committed" || b.status !== "committed") return;
      expect(git(rig.clone, "rev-parse", `${b.commit.sha}~1`).trim()).toBe(a.commit.sha);
      expect(b.commit.message).toContain("status");
      expect(git(rig.remote!, "rev-parse", "main").trim()).toBe(b.commit.sha);
    } finally {
      await db.virtualHost.deleteMany({ where: { subdomain: "status" } });
    }
  });
});

describe("local repo (no remote)", () => {
  beforeEach(async () => {
    rig = await createRepoRig();
  });

  it("commits without pushing", async () => {
    const result = await apply();
    expect(result.status).toBe("committed");
    if (result.status === "committed") expect(result.pushed).toBe(false);
  });

  it("commits a message larger than the kernel's argument limit (a summary of thousands of changes)", async () => {
    const message = `homey-admin: a large change\n\n${Array.from({ length: 8_000 }, (_, i) => `- add host-${i}.example.org`).join("\n")}`;
    const result = await apply({}, { message });
    expect(result.status).toBe("committed");
    const body = git(rig.clone, "log", "-1", "--format=%B");
    expect(body.length).toBeGreaterThan(200_000); // one argv string may hold 128 KiB (MAX_ARG_STRLEN)
    expect(body).toContain("- add host-7999.example.org\n\nHomey-Admin: apply\n");
  });

  it("refuses a dirty tree, lists the files, and writes nothing", async () => {
    await fs.appendFile(path.join(rig.clone, "flake.nix"), "\n# local experiment\n");
    await fs.writeFile(path.join(rig.clone, "notes.txt"), "todo\n");
    await fs.writeFile(path.join(rig.clone, "generated", "extra.nix"), "{ }\n"); // not the app's file
    const before = await rig.fingerprint();

    const error = await expectAppError(apply(), "REPO_DIRTY");
    expect(error.details?.files).toEqual(["flake.nix", "generated/extra.nix", "notes.txt"]);
    expect(error.message).toContain("flake.nix, generated/extra.nix, notes.txt");
    expect(await rig.fingerprint()).toEqual(before);
  });

  it("leaves the repo exactly as it was when a pre-commit hook rejects, and the draft untouched", async () => {
    await installHook(path.join(rig.clone, ".git"), "pre-commit", 'echo "nixfmt check failed" >&2; exit 1');
    // An uncommitted hand edit to one of the app's files must come back too.
    await fs.appendFile(path.join(rig.clone, "generated", "default.nix"), "# hand edit\n");
    const before = await rig.fingerprint();
    const draftBefore = await loadDraftSnapshot(adminAs(db));
    const auditBefore = await db.auditEvent.count();

    const error = await expectAppError(apply(), "REPO_FAILED");
    expect(error.message).toContain("The commit was refused");
    expect(error.message).toContain("nixfmt check failed");
    expect(await rig.fingerprint()).toEqual(before);
    expect(git(rig.clone, "rev-list", "--count", "HEAD").trim()).toBe("1");
    expect(await loadDraftSnapshot(adminAs(db))).toEqual(draftBefore);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("leaves the repo exactly as it was when writing a file fails", async () => {
    // A directory where the temp file would go makes the write fail (as a full disk would).
    await fs.mkdir(path.join(rig.clone, "generated", "vhosts.nix.homey-admin-tmp"));
    const before = await rig.fingerprint();
    const error = await expectAppError(apply(), "REPO_FAILED");
    expect(error.message).toContain("Writing the generated files failed");
    expect(await rig.fingerprint()).toEqual(before);
  });

  it("blocks the commit when Nix rejects a rendered file, naming file, line and column", async () => {
    const templates = await fs.mkdtemp(path.join(rig.root, "templates-"));
    for (const name of await fs.readdir("nix-templates")) {
      await fs.copyFile(path.join("nix-templates", name), path.join(templates, name));
    }
    // A template bug (a missing semicolon) is exactly what the parse check exists for.
    const broken = (await fs.readFile(path.join(templates, "backup.nix"), "utf8")).replace("@extraPaths@;", "@extraPaths@");
    await fs.writeFile(path.join(templates, "backup.nix"), broken);
    const before = await rig.fingerprint();
    process.env.HOMEY_TEMPLATES_DIR = templates;
    try {
      const error = await expectAppError(apply(), "NIX_INVALID");
      expect(error.message).toMatch(/generated\/backup\.nix:\d+:\d+: syntax error/);
      expect(error.details?.errors).toEqual([expect.objectContaining({ file: "generated/backup.nix", line: expect.any(Number) })]);
    } finally {
      delete process.env.HOMEY_TEMPLATES_DIR;
    }
    expect(await rig.fingerprint()).toEqual(before);
  });

  it("overwrites uncommitted hand edits to its own files and deletes stale files it owns", async () => {
    await apply();
    await fs.writeFile(path.join(rig.clone, "generated", "old-area.nix"), "# Managed by homey-admin: hand edits are overwritten on the next apply.\n{ }\n");
    git(rig.clone, "add", "generated/old-area.nix");
    git(rig.clone, "commit", "--quiet", "-m", "an area the app no longer renders");
    await fs.appendFile(path.join(rig.clone, "generated", "vhosts.nix"), "# hand edit\n");

    const result = await apply();
    expect(result.status).toBe("committed");
    if (result.status !== "committed") return;
    expect(result.files).toEqual(["generated/old-area.nix"]);
    expect(git(rig.clone, "status", "--porcelain")).toBe("");
    expect(await fs.readFile(path.join(rig.clone, "generated", "vhosts.nix"), "utf8")).not.toContain("# hand edit");
  });
});

describe("the checker guards every commit", () => {
  beforeEach(async () => {
    rig = await createRepoRig({ remote: true });
  });

  it("refuses a draft with an error, writing nothing, and commits once it is fixed", async () => {
    // A bypass rule with subjects: Authelia refuses to start with it.
    const bad = await db.accessRule.create({ data: { priority: 11, policy: "bypass", domains: '["cloud"]', subjects: '[["group:admins"]]' } });
    try {
      const before = await rig.fingerprint();
      const error = await expectAppError(apply(), "CHECK_FAILED");
      expect(error.httpStatus).toBe(422);
      expect(error.message).toMatch(/nothing was committed/);
      const findings = error.details?.findings as { code: string; entityId: number }[];
      expect(findings.map((f) => [f.code, f.entityId])).toEqual([["rule.bypass-with-subjects", bad.id]]);
      expect(error.details?.confirm).toBeNull();
      // Typing the host name does not override an error that is not a lockout finding.
      await expectAppError(apply({}, { confirmLockout: "admin.example.org" }), "CHECK_FAILED");
      expect(await rig.fingerprint()).toEqual(before);
      expect(git(rig.remote!, "rev-list", "--count", "main").trim()).toBe("1");

      await db.accessRule.update({ where: { id: bad.id }, data: { subjects: "[]" } });
      expect((await apply()).status).toBe("committed");
    } finally {
      await db.accessRule.deleteMany({ where: { id: bad.id } });
    }
  });

  it("lets a lockout through only when the admin types the host name, and audits the override", async () => {
    await db.virtualHost.updateMany({ where: { subdomain: "admin" }, data: { auth: "none" } });
    try {
      const refused = await expectAppError(apply(), "CHECK_FAILED");
      expect(refused.details?.confirm).toBe("admin.example.org");
      expect((refused.details?.findings as { code: string }[]).map((f) => f.code)).toEqual(["lockout.admin-auth-off"]);
      const wrong = await expectAppError(apply({}, { confirmLockout: "admin" }), "CHECK_FAILED");
      expect(wrong.message).toContain('You typed "admin", not admin.example.org');
      expect(git(rig.remote!, "rev-list", "--count", "main").trim()).toBe("1");

      const result = await apply({}, { confirmLockout: " Admin.Example.org " });
      expect(result.status).toBe("committed");
      if (result.status !== "committed") return;
      const audit = await db.auditEvent.findFirst({ where: { action: "override-lockout", entityId: result.commit.sha } });
      expect(audit?.actor).toBe("anna");
      expect(JSON.parse(audit!.after!)).toMatchObject({ confirmed: "admin.example.org", findings: [{ code: "lockout.admin-auth-off" }] });
    } finally {
      await db.virtualHost.updateMany({ where: { subdomain: "admin" }, data: { auth: "authelia" } });
    }
  });

  it("judges the signed-in admin: someone outside the admin group's rule is locked out", async () => {
    // The admin rule admits group:admins only; a viewer in another group would be denied.
    const admin = issueAdminContext({ user: "otto", name: "Otto", email: "otto@example.org", groups: ["ops"], source: "proxy" }, db);
    const error = await expectAppError(applyDraft({ admin, settings: rig.settings, demo: false }), "CHECK_FAILED");
    expect((error.details?.findings as { code: string }[]).map((f) => f.code)).toEqual(["lockout.admin-unreachable"]);
  });
});
