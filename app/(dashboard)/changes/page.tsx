// Pending changes: the draft rendered into generated/ and compared with the last commit,
// in form terms and as a Nix diff; drift; and Apply. Derived on every request.
import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { applyBlockedReason, getPendingChanges, type PendingChanges } from "@/lib/changes/pending";
import { isAppError } from "@/lib/errors/app-error";
import { formatWhen } from "@/lib/format/when";
import { nixAvailable } from "@/lib/nix/check";
import { generatedImportLine } from "@/lib/repo/flake-notice";
import { repoSettingsFromEnv } from "@/lib/repo/settings";
import { ApplyProvider } from "@/components/changes/apply-context";
import { ApplyForm } from "@/components/changes/apply-form";
import { applyLabel } from "@/components/changes/apply-label";
import { ApplyTopBar } from "@/components/changes/apply-top-bar";
import { ChangeSummary, type ChangeHref } from "@/components/changes/change-summary";
import { FileList } from "@/components/changes/file-list";
import { changeTarget, isInitialImport } from "@/lib/changes/change-links";
import { countChanges } from "@/lib/changes/summary";
import { DriftPanel } from "@/components/changes/drift-panel";
import { FileDiffView } from "@/components/changes/file-diff-view";
import { ImportBanner } from "@/components/changes/import-banner";
import { ForeignChangesNotice, NixErrors, SetupNotice } from "@/components/changes/notices";
import { PageHeader } from "@/components/ui/page-header";
import { judgeFindings } from "@/lib/apply/check-gate";
import { checkDraftFromSnapshot, diffMatrix, matrix, type Finding } from "@/lib/checks";
import { loadFindings } from "@/lib/model/check-draft";
import { AREAS } from "@/lib/model/areas";
import { countFindings, FindingsList, type FindingItem } from "@/components/checks/findings-list";
import { PolicyMatrix } from "@/components/checks/policy-matrix";
import { PolicySimulator } from "@/components/checks/policy-simulator";
import { AREA_PATHS } from "../_editors/area-paths";
import { applyAction, importAction } from "./actions";

/** A finding with the way to fix it: the row's editor, or the area's list when no row has it. */
function findingItem(f: Finding): FindingItem {
  const label = AREAS[f.area].label;
  return f.entityId === null
    ? { finding: f, href: AREA_PATHS[f.area], label: `Open ${label.toLowerCase()}s` }
    : { finding: f, href: `${AREA_PATHS[f.area]}/${f.entityId}`, label: `Edit ${label.toLowerCase()} #${f.entityId}` };
}

export const metadata: Metadata = { title: "Changes" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ChangesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage();
  const params = await searchParams;
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const settings = repoSettingsFromEnv();
  let pending: PendingChanges;
  try {
    pending = await getPendingChanges(admin, settings);
  } catch (error) {
    // A misconfigured repo or an unrenderable draft is expected: say so on the page.
    if (!isAppError(error)) throw error;
    return (
      <>
        <Header />
        <div role="alert" className="max-w-2xl rounded-md border-l-4 border-red-600 bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100">
          <h2 className="font-semibold">The pending changes cannot be computed</h2>
          <p className="mt-1 text-sm whitespace-pre-line">{error.message}</p>
        </div>
      </>
    );
  }
  const nix = await nixAvailable();
  // The same checker and the same verdict Apply runs again on the server before committing.
  const { draft, findings } = await loadFindings(admin, { domain: settings.domain });
  const verdict = judgeFindings(findings);
  const errorCount = findings.filter((f) => f.severity === "error").length;
  const blocked = applyBlockedReason(pending);
  const blockedReason = blocked
    ? `Apply is blocked: ${blocked}`
    : !verdict.ok && verdict.confirm === null
      ? `Apply is blocked: the checks found ${errorCount === 1 ? "an error" : `${errorCount} errors`} (listed above). Fix ${errorCount === 1 ? "it" : "them"} in the editors, then Apply.`
      : null;
  const head = pending.headSnapshot ? checkDraftFromSnapshot(pending.headSnapshot, { domain: draft.domain, adminGroup: draft.adminGroup, adminHost: draft.adminHost, defaultPolicy: draft.defaultPolicy }) : null;
  const routingChanged =
    pending.summary.status !== "ok" || pending.summary.areas.some((a) => (a.area === "accessRules" || a.area === "virtualHosts") && a.changes.length > 0);
  const draftMatrix = matrix(draft);
  // Each summary row opens the editor of its draft row (a removed one: its area's list).
  const hrefOf: ChangeHref = (area, change) => {
    const target = changeTarget(area, change, draft);
    return target.id === null ? AREA_PATHS[target.area] : `${AREA_PATHS[target.area]}/${target.id}`;
  };
  const initialImport = pending.summary.status === "ok" && isInitialImport(pending.summary.headHadFiles, pending.headSnapshot ?? null);
  const changeCount = pending.summary.status === "ok" ? countChanges(pending.summary.areas) : null;
  const topCounts = [
    changeCount === null ? null : `${changeCount} ${changeCount === 1 ? "change" : "changes"}`,
    `${pending.files.length} ${pending.files.length === 1 ? "file" : "files"}`,
  ]
    .filter(Boolean)
    .join(" in ");

  return (
    <ApplyProvider action={applyAction}>
      <div className="space-y-6">
        <Header branch={pending.branch} remote={pending.remote} />
        <ImportBanner imported={list(params.imported)[0]} warnings={list(params.warning)} />
        {pending.setupNeeded && <SetupNotice repoPath={pending.repoPath} line={generatedImportLine(pending.generatedDir)} />}
        {pending.foreignChanges.length > 0 && <ForeignChangesNotice repoPath={pending.repoPath} files={pending.foreignChanges} />}
        {pending.drift && (
          <DriftPanel
            drift={pending.drift}
            generatedDir={pending.generatedDir}
            importAction={importAction}
            importUnavailable={nix ? null : "Importing needs Nix to read the files back, and nix-instantiate is not installed on this server."}
          />
        )}
        {pending.nothingToApply ? (
          <p className="rounded-lg border border-slate-200 bg-white p-6 text-center dark:border-slate-800 dark:bg-slate-900" data-testid="nothing-to-apply">
            {pending.head ? (
              <>
                Nothing to apply — the draft matches the last commit (<code className="font-mono">{pending.head.shortSha}</code>
                ).
                <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">
                  {pending.head.subject} · {pending.head.authorName}, {formatWhen(pending.head.date)}
                </span>
              </>
            ) : (
              "Nothing to apply."
            )}
          </p>
        ) : (
          <>
            <ApplyTopBar label={applyLabel(pending.remote)} blockedReason={blockedReason} lockoutConfirm={verdict.ok ? null : verdict.confirm} counts={topCounts} />
            {pending.files.length > 0 && <FileList files={pending.files.map(({ path, additions, deletions }) => ({ path, additions, deletions }))} />}
            {!pending.check.ok && <NixErrors errors={pending.check.errors} generatedDir={pending.generatedDir} />}
            {routingChanged && <PolicyMatrix rows={draftMatrix} changes={head ? diffMatrix(draftMatrix, matrix(head)) : null} />}
            <section aria-labelledby="summary-heading" className="space-y-3">
              <h2 id="summary-heading" className="text-lg font-semibold">
                What changes
              </h2>
              <ChangeSummary summary={pending.summary} filesChanged={pending.files.length > 0} hrefOf={hrefOf} initialImport={initialImport} />
            </section>
            {pending.files.length > 0 && (
              <section aria-labelledby="files-heading" className="space-y-3">
                <h2 id="files-heading" className="text-lg font-semibold">
                  Generated files{" "}
                  <span className="text-sm font-normal text-slate-500">
                    ({pending.files.length}, compared with {pending.head ? pending.head.shortSha : "an empty repo"})
                  </span>
                </h2>
                {pending.files.map((file) => (
                  <FileDiffView key={file.path} file={file} open={!initialImport} />
                ))}
              </section>
            )}
          </>
        )}
        <section aria-labelledby="checks-heading" className="space-y-2" data-testid="checks-summary">
          <h2 id="checks-heading" className="text-lg font-semibold">
            Checks
          </h2>
          <p className="text-sm">
            {countFindings(findings)} in the draft.{" "}
            {findings.length > 0 && <span className="text-slate-600 dark:text-slate-400">Errors block Apply; warnings never do.</span>}
          </p>
          {findings.length > 0 && (
            <details open={errorCount > 0}>
              <summary className="cursor-pointer text-sm font-medium">Every finding, with a link to its editor</summary>
              <FindingsList items={findings.map(findingItem)} />
            </details>
          )}
        </section>
        <ApplyForm
          findings={findings.filter((f) => f.severity === "error").map(findingItem)}
          lockoutConfirm={verdict.ok ? null : verdict.confirm}
          defaultMessage={pending.defaultMessage}
          nothingToApply={pending.nothingToApply}
          blockedReason={blockedReason}
          pushesTo={pending.remote}
        />
        <PolicySimulator draft={draft} head={head} />
      </div>
    </ApplyProvider>
  );
}

function Header({ branch, remote }: { branch?: string; remote?: string }) {
  return (
    <PageHeader
      title="Pending changes"
      description={`What Apply commits${branch ? ` to ${branch}` : ""}: the draft rendered into Nix and compared with the last commit of the homey repo${
        remote ? `, then pushed to ${remote}` : ""
      }.`}
    />
  );
}
