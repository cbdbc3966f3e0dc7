// "Import the repo's values into the draft": the answer to drift that keeps the hand edits.
// generated/ (HEAD plus uncommitted edits) is evaluated with Nix, and the five areas of the
// draft are reconciled to it row by row in one transaction, each change with its audit
// event. Rows are updated in place where possible, so titles, notes and service links
// survive; vhosts and monitors the repo lacks are disabled rather than deleted (the
// renderer leaves disabled ones out, so the result renders the same).
import "server-only";
import type { PrismaClient } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import { AREAS, type AreaName } from "@/lib/model/areas";
import { loadDraftSnapshot } from "@/lib/model/draft";
import { decodeStringList, decodeSubjects, encodeAccessRuleLists } from "@/lib/model/json-list";
import type { AccessRuleSnapshot, DraftSnapshot } from "@/lib/model/snapshot";
import { nixAvailable, withGeneratedDir } from "@/lib/nix/check";
import { NixError } from "@/lib/nix/errors";
import { importGenerated } from "@/lib/nix/import";
import { openRepo } from "@/lib/repo/open-repo";
import { currentGeneratedFiles, readRepoState } from "@/lib/repo/repo-state";
import type { RepoSettings } from "@/lib/repo/settings";
import { IMPORT_MARKER } from "./import-marker";
import { matchItems } from "./match-items";
import { renderDraft } from "./render-draft";
import { ruleKey } from "./summary";
import { validateImportedSnapshot } from "./validate-imported";

type Tx = Prisma.TransactionClient;

export interface ImportResult {
  created: number;
  updated: number;
  /** Rows deleted (services, access rules, backup paths the repo no longer has). */
  deleted: number;
  /** Vhosts and monitors the repo no longer has, kept but disabled. */
  disabled: number;
  /** Things that could not be brought in line, in words. */
  warnings: string[];
}

/** Reads the repo's generated/ values (requires Nix), and the HEAD they were read at. */
export async function readRepoSnapshot(db: PrismaClient, settings: RepoSettings): Promise<{ snapshot: DraftSnapshot; head: string | null }> {
  if (!(await nixAvailable())) {
    throw new AppError(
      "NIX_UNAVAILABLE",
      "Importing needs Nix to evaluate the generated files, and nix-instantiate is not installed on this server. " +
        "Install Nix here, or choose “Overwrite with the draft” instead. Nothing was changed.",
    );
  }
  const git = await openRepo(settings);
  const rendered = renderDraft(await loadDraftSnapshot(db));
  const state = await readRepoState(git, settings, Object.keys(rendered));
  const files = currentGeneratedFiles(state);
  if (Object.keys(files).length === 0) {
    throw new AppError("NOT_FOUND", `The repo has no ${settings.generatedDir}/ folder yet: there is nothing to import.`);
  }
  try {
    return { snapshot: await withGeneratedDir(files, (dir) => importGenerated(dir)), head: state.head };
  } catch (e) {
    if (e instanceof NixError) {
      throw new AppError("NIX_INVALID", `The repo's ${settings.generatedDir}/ could not be read back: ${e.message} Nothing was changed.`);
    }
    throw e;
  }
}

export async function importRepoIntoDraft(db: PrismaClient, settings: RepoSettings, actor: string): Promise<ImportResult> {
  const read = await readRepoSnapshot(db, settings);
  const snapshot = validateImportedSnapshot(read.snapshot);
  return db.$transaction(async (tx) => {
    const result: ImportResult = { created: 0, updated: 0, deleted: 0, disabled: 0, warnings: [] };
    const audit = (area: AreaName, id: number, before: unknown, after: unknown) =>
      recordAuditEvent(tx, { actor, action: "import", entityType: area, entityId: id, before, after });
    await importServices(tx, snapshot, actor, result, audit);
    await importVirtualHosts(tx, snapshot, actor, result, audit);
    await importAccessRules(tx, snapshot, actor, result, audit);
    await importMonitors(tx, snapshot, actor, result, audit);
    await importBackupPaths(tx, snapshot, actor, result, audit);
    // Hand edits up to this commit are now in the draft: drift is measured from here on.
    if (read.head) {
      const { warnings: _warnings, ...counts } = result;
      await recordAuditEvent(tx, { actor, ...IMPORT_MARKER, entityId: read.head, after: counts });
    }
    return result;
  });
}

type Audit = (area: AreaName, id: number, before: unknown, after: unknown) => Promise<void>;
type Row = Record<string, unknown> & { id: number; version: number };

const values = (area: AreaName, row: Row) => AREAS[area].toValues(row);

async function importServices(tx: Tx, snapshot: DraftSnapshot, actor: string, result: ImportResult, audit: Audit) {
  const rows = await tx.service.findMany();
  for (const s of snapshot.services) {
    const row = rows.find((r) => r.name === s.name);
    if (!row) {
      const created = await tx.service.create({ data: { name: s.name, title: s.name, enabled: s.enabled, updatedBy: actor } });
      await audit("service", created.id, undefined, values("service", created));
      result.created++;
    } else if (row.enabled !== s.enabled) {
      const updated = await tx.service.update({
        where: { id: row.id },
        data: { enabled: s.enabled, version: row.version + 1, updatedBy: actor },
      });
      await audit("service", row.id, values("service", row), values("service", updated));
      result.updated++;
    }
  }
  for (const row of rows.filter((r) => !snapshot.services.some((s) => s.name === r.name))) {
    if (row.protected) {
      result.warnings.push(`${row.name} is protected, so it was kept although the repo's services.nix does not list it.`);
      continue;
    }
    await tx.service.delete({ where: { id: row.id } });
    await audit("service", row.id, values("service", row), undefined);
    result.deleted++;
  }
}

async function importVirtualHosts(tx: Tx, snapshot: DraftSnapshot, actor: string, result: ImportResult, audit: Audit) {
  const rows = await tx.virtualHost.findMany();
  for (const v of snapshot.virtualHosts) {
    const row = rows.find((r) => r.subdomain === v.subdomain);
    const data = { upstreamHost: v.upstreamHost, upstreamPort: v.upstreamPort, auth: v.auth, enabled: true };
    if (!row) {
      const created = await tx.virtualHost.create({ data: { subdomain: v.subdomain, ...data, updatedBy: actor } });
      await audit("virtualHost", created.id, undefined, values("virtualHost", created));
      result.created++;
    } else if (differs(row, data)) {
      const updated = await tx.virtualHost.update({ where: { id: row.id }, data: { ...data, version: row.version + 1, updatedBy: actor } });
      await audit("virtualHost", row.id, values("virtualHost", row), values("virtualHost", updated));
      result.updated++;
    }
  }
  for (const row of rows.filter((r) => r.enabled && !snapshot.virtualHosts.some((v) => v.subdomain === r.subdomain))) {
    const updated = await tx.virtualHost.update({ where: { id: row.id }, data: { enabled: false, version: row.version + 1, updatedBy: actor } });
    await audit("virtualHost", row.id, values("virtualHost", row), values("virtualHost", updated));
    result.disabled++;
  }
}

async function importMonitors(tx: Tx, snapshot: DraftSnapshot, actor: string, result: ImportResult, audit: Audit) {
  const rows = await tx.monitor.findMany();
  for (const m of snapshot.monitors) {
    const row = rows.find((r) => r.name === m.name);
    const data = { type: m.type, target: m.target, interval: m.interval, keyword: m.keyword, maxretries: m.maxretries, enabled: true };
    if (!row) {
      const created = await tx.monitor.create({ data: { name: m.name, ...data, updatedBy: actor } });
      await audit("monitor", created.id, undefined, values("monitor", created));
      result.created++;
    } else if (differs(row, data)) {
      const updated = await tx.monitor.update({ where: { id: row.id }, data: { ...data, version: row.version + 1, updatedBy: actor } });
      await audit("monitor", row.id, values("monitor", row), values("monitor", updated));
      result.updated++;
    }
  }
  for (const row of rows.filter((r) => r.enabled && !snapshot.monitors.some((m) => m.name === r.name))) {
    const updated = await tx.monitor.update({ where: { id: row.id }, data: { enabled: false, version: row.version + 1, updatedBy: actor } });
    await audit("monitor", row.id, values("monitor", row), values("monitor", updated));
    result.disabled++;
  }
}

async function importAccessRules(tx: Tx, snapshot: DraftSnapshot, actor: string, result: ImportResult, audit: Audit) {
  const rows = await tx.accessRule.findMany({ orderBy: { id: "asc" } });
  const asSnapshot = (r: (typeof rows)[number]): AccessRuleSnapshot => ({
    priority: r.priority,
    domains: decodeStringList(r.domains),
    resources: decodeStringList(r.resources),
    subjects: decodeSubjects(r.subjects),
    policy: r.policy as AccessRuleSnapshot["policy"],
    methods: decodeStringList(r.methods),
    networks: decodeStringList(r.networks),
  });
  // Rules have no name: pair them the way the change summary does (identical, then same
  // priority + domains), carrying the row id along without comparing it.
  type Item = { rule: AccessRuleSnapshot; row: (typeof rows)[number] | null };
  const m = matchItems<Item>(
    rows.map((row) => ({ rule: asSnapshot(row), row })),
    snapshot.accessRules.map((rule) => ({ rule, row: null })),
    (x) => ruleKey(x.rule),
    (x) => x.rule,
  );
  const ruleData = (r: AccessRuleSnapshot) => ({
    priority: r.priority,
    policy: r.policy,
    ...encodeAccessRuleLists(r),
  });
  for (const [before, after] of m.changed) {
    const row = before.row!;
    const updated = await tx.accessRule.update({
      where: { id: row.id },
      data: { ...ruleData(after.rule), version: row.version + 1, updatedBy: actor },
    });
    await audit("accessRule", row.id, values("accessRule", row), values("accessRule", updated));
    result.updated++;
  }
  for (const added of m.added) {
    const created = await tx.accessRule.create({ data: { ...ruleData(added.rule), updatedBy: actor } });
    await audit("accessRule", created.id, undefined, values("accessRule", created));
    result.created++;
  }
  for (const removed of m.removed) {
    const row = removed.row!;
    await tx.accessRule.delete({ where: { id: row.id } });
    await audit("accessRule", row.id, values("accessRule", row), undefined);
    result.deleted++;
  }
}

async function importBackupPaths(tx: Tx, snapshot: DraftSnapshot, actor: string, result: ImportResult, audit: Audit) {
  const rows = await tx.backupPath.findMany();
  const wanted = [
    ...snapshot.backup.extraPaths.map((p) => ({ path: p, mode: "include" })),
    ...snapshot.backup.exclude.map((p) => ({ path: p, mode: "exclude" })),
  ];
  for (const w of wanted.filter((w) => !rows.some((r) => r.path === w.path && r.mode === w.mode))) {
    const created = await tx.backupPath.create({ data: { ...w, updatedBy: actor } });
    await audit("backupPath", created.id, undefined, values("backupPath", created));
    result.created++;
  }
  for (const row of rows.filter((r) => !wanted.some((w) => w.path === r.path && w.mode === r.mode))) {
    await tx.backupPath.delete({ where: { id: row.id } });
    await audit("backupPath", row.id, values("backupPath", row), undefined);
    result.deleted++;
  }
}

function differs(row: Record<string, unknown>, data: Record<string, unknown>): boolean {
  return Object.entries(data).some(([k, v]) => row[k] !== v);
}
