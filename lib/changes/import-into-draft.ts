// "Import the repo's values into the draft": the answer to drift that keeps the hand edits.
// generated/ (HEAD plus uncommitted edits) is evaluated with Nix, and the five areas of the
// draft are reconciled to it row by row in one transaction, each change with its audit
// event. Rows are updated in place where possible, so titles, notes and service links
// survive; vhosts and monitors the repo lacks are disabled rather than deleted (the
// renderer leaves disabled ones out, so the result renders the same).
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import { accessRuleArea, type AreaData, type AreaName, type AreaRow } from "@/lib/model/areas";
import { loadDraftSnapshot } from "@/lib/model/draft";
import { encodeAccessRuleLists } from "@/lib/model/json-list";
import { isModuleManagedAccessRule, isModuleManagedVirtualHost, MODULE_OPTION, type ModuleManaged } from "@/lib/model/module-managed";
import { moduleManagedConfig } from "@/lib/model/module-managed-config";
import { isProtectedService } from "@/lib/model/protected";
import { createInTx, deleteInTx, releaseDependents, updateInTx, type Tx, type WriteActor } from "@/lib/model/write-path";
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
export async function readRepoSnapshot(admin: AdminContext, settings: RepoSettings): Promise<{ snapshot: DraftSnapshot; head: string | null }> {
  if (!(await nixAvailable())) {
    throw new AppError(
      "NIX_UNAVAILABLE",
      "Importing needs Nix to evaluate the generated files, and nix-instantiate is not installed on this server. " +
        "Install Nix here, or choose “Overwrite with the draft” instead. Nothing was changed.",
    );
  }
  const git = await openRepo(settings);
  const rendered = renderDraft(await loadDraftSnapshot(admin));
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

export async function importRepoIntoDraft(admin: AdminContext, settings: RepoSettings): Promise<ImportResult> {
  const { db, actor, actorName } = assertAdmin(admin);
  const read = await readRepoSnapshot(admin, settings);
  const snapshot = validateImportedSnapshot(read.snapshot);
  return db.$transaction(async (tx) => {
    const result: ImportResult = { created: 0, updated: 0, deleted: 0, disabled: 0, warnings: [] };
    const who = { actor, actorName, action: "import" };
    const managed = moduleManagedConfig();
    await importServices(tx, snapshot, who, result);
    await importVirtualHosts(tx, snapshot, who, result, managed);
    await importAccessRules(tx, snapshot, who, result, managed);
    await importMonitors(tx, snapshot, who, result);
    await importBackupPaths(tx, snapshot, who, result);
    // Hand edits up to this commit are now in the draft: drift is measured from here on.
    if (read.head) {
      const { warnings: _warnings, ...counts } = result;
      await recordAuditEvent(tx, { actor, actorName, ...IMPORT_MARKER, entityId: read.head, after: counts });
    }
    return result;
  });
}

// Rows are read inside the import's own transaction, so a stale version cannot happen there.
const stale = (row: { id: number }) => new AppError("VERSION_CONFLICT", `Row #${row.id} changed during the import; nothing was imported. Try again.`);

async function update<A extends AreaName>(tx: Tx, area: A, who: WriteActor, row: AreaRow<A>, changes: Partial<AreaData<A>>): Promise<boolean> {
  return (await updateInTx(tx, area, who, row, row.version, changes, stale)) !== null;
}

async function importServices(tx: Tx, snapshot: DraftSnapshot, who: WriteActor, result: ImportResult) {
  const rows = await tx.service.findMany();
  for (const s of snapshot.services) {
    const row = rows.find((r) => r.name === s.name);
    if (!row) {
      await createInTx(tx, "service", who, { name: s.name, title: s.name, description: "", kind: "container", enabled: s.enabled, protected: false, stateDir: "", unitName: "" });
      result.created++;
    } else if (row.enabled !== s.enabled) {
      if (isProtectedService(row) && !s.enabled) {
        result.warnings.push(`${row.name} is protected, so it stays on although the repo's services.nix switches it off.`);
        continue;
      }
      if (await update(tx, "service", who, row, { enabled: s.enabled })) result.updated++;
    }
  }
  for (const row of rows.filter((r) => !snapshot.services.some((s) => s.name === r.name))) {
    if (isProtectedService(row)) {
      result.warnings.push(`${row.name} is protected, so it was kept although the repo's services.nix does not list it.`);
      continue;
    }
    await releaseDependents(tx, who, row.id, "unlink");
    await deleteInTx(tx, "service", who, row, row.version, stale);
    result.deleted++;
  }
}

// What the NixOS module defines is not in generated/ and stays as it is in the draft; the repo
// defining it too is said, and left for the admin to remove (Caddy/Authelia would have it twice).
function moduleDefinesToo(result: ImportResult, what: string) {
  result.warnings.push(`${what} is defined by the NixOS module (${MODULE_OPTION}), so the repo's copy was not imported; remove it from generated/ by applying the draft.`);
}

async function importVirtualHosts(tx: Tx, snapshot: DraftSnapshot, who: WriteActor, result: ImportResult, managed: ModuleManaged | null) {
  const rows = (await tx.virtualHost.findMany()).filter((r) => !isModuleManagedVirtualHost(managed, r));
  for (const v of snapshot.virtualHosts) {
    if (isModuleManagedVirtualHost(managed, v)) {
      moduleDefinesToo(result, `The virtual host ${v.subdomain}`);
      continue;
    }
    const row = rows.find((r) => r.subdomain === v.subdomain);
    const data = { upstreamHost: v.upstreamHost, upstreamPort: v.upstreamPort, auth: v.auth, enabled: true };
    if (!row) {
      await createInTx(tx, "virtualHost", who, { subdomain: v.subdomain, ...data, serviceId: null });
      result.created++;
    } else if (await update(tx, "virtualHost", who, row, data)) {
      result.updated++;
    }
  }
  for (const row of rows.filter((r) => r.enabled && !snapshot.virtualHosts.some((v) => v.subdomain === r.subdomain))) {
    if (await update(tx, "virtualHost", who, row, { enabled: false })) result.disabled++;
  }
}

async function importMonitors(tx: Tx, snapshot: DraftSnapshot, who: WriteActor, result: ImportResult) {
  const rows = await tx.monitor.findMany();
  for (const m of snapshot.monitors) {
    const row = rows.find((r) => r.name === m.name);
    const data = { type: m.type, target: m.target, interval: m.interval, keyword: m.keyword, maxretries: m.maxretries, enabled: true };
    if (!row) {
      await createInTx(tx, "monitor", who, { name: m.name, ...data, serviceId: null });
      result.created++;
    } else if (await update(tx, "monitor", who, row, data)) {
      result.updated++;
    }
  }
  for (const row of rows.filter((r) => r.enabled && !snapshot.monitors.some((m) => m.name === r.name))) {
    if (await update(tx, "monitor", who, row, { enabled: false })) result.disabled++;
  }
}

async function importAccessRules(tx: Tx, snapshot: DraftSnapshot, who: WriteActor, result: ImportResult, managed: ModuleManaged | null) {
  const asSnapshot = (r: AreaRow<"accessRule">): AccessRuleSnapshot => {
    const { id: _id, version: _version, note: _note, ...rule } = accessRuleArea.toValues(r);
    return rule;
  };
  const rows = (await tx.accessRule.findMany({ orderBy: { id: "asc" } })).filter((r) => !isModuleManagedAccessRule(managed, asSnapshot(r)));
  const imported = snapshot.accessRules.filter((rule) => {
    if (!isModuleManagedAccessRule(managed, rule)) return true;
    moduleDefinesToo(result, `The ${rule.policy} rule for ${rule.domains[0]}`);
    return false;
  });
  // Rules have no name: pair them the way the change summary does (identical, then same
  // priority + domains), carrying the row id along without comparing it.
  type Item = { rule: AccessRuleSnapshot; row: (typeof rows)[number] | null };
  const m = matchItems<Item>(
    rows.map((row) => ({ rule: asSnapshot(row), row })),
    imported.map((rule) => ({ rule, row: null })),
    (x) => ruleKey(x.rule),
    (x) => x.rule,
  );
  const ruleData = (r: AccessRuleSnapshot) => ({ priority: r.priority, policy: r.policy, ...encodeAccessRuleLists(r) });
  for (const [before, after] of m.changed) {
    if (await update(tx, "accessRule", who, before.row!, ruleData(after.rule))) result.updated++;
  }
  for (const added of m.added) {
    await createInTx(tx, "accessRule", who, { ...ruleData(added.rule), note: "" });
    result.created++;
  }
  for (const removed of m.removed) {
    await deleteInTx(tx, "accessRule", who, removed.row!, removed.row!.version, stale);
    result.deleted++;
  }
}

async function importBackupPaths(tx: Tx, snapshot: DraftSnapshot, who: WriteActor, result: ImportResult) {
  const rows = await tx.backupPath.findMany();
  const wanted = [
    ...snapshot.backup.extraPaths.map((p) => ({ path: p, mode: "include" })),
    ...snapshot.backup.exclude.map((p) => ({ path: p, mode: "exclude" })),
  ];
  for (const w of wanted.filter((w) => !rows.some((r) => r.path === w.path && r.mode === w.mode))) {
    await createInTx(tx, "backupPath", who, { ...w, note: "", serviceId: null });
    result.created++;
  }
  for (const row of rows.filter((r) => !wanted.some((w) => w.path === r.path && w.mode === r.mode))) {
    await deleteInTx(tx, "backupPath", who, row, row.version, stale);
    result.deleted++;
  }
}
