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
import { ApplyForm } from "@/components/changes/apply-form";
import { ChangeSummary } from "@/components/changes/change-summary";
import { DriftPanel } from "@/components/changes/drift-panel";
import { FileDiffView } from "@/components/changes/file-diff-view";
import { ImportBanner } from "@/components/changes/import-banner";
import { ForeignChangesNotice, NixErrors, SetupNotice } from "@/components/changes/notices";
import { PageHeader } from "@/components/ui/page-header";
import { applyAction, importAction } from "./actions";

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
  const blocked = applyBlockedReason(pending);
  const blockedReason = blocked ? `Apply is blocked: ${blocked}` : null;

  return (
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
          {!pending.check.ok && <NixErrors errors={pending.check.errors} generatedDir={pending.generatedDir} />}
          <section aria-labelledby="summary-heading" className="space-y-3">
            <h2 id="summary-heading" className="text-lg font-semibold">
              What changes
            </h2>
            <ChangeSummary summary={pending.summary} filesChanged={pending.files.length > 0} />
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
                <FileDiffView key={file.path} file={file} />
              ))}
            </section>
          )}
        </>
      )}
      <ApplyForm
        action={applyAction}
        defaultMessage={pending.defaultMessage}
        nothingToApply={pending.nothingToApply}
        blockedReason={blockedReason}
        pushesTo={pending.remote}
      />
    </div>
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
