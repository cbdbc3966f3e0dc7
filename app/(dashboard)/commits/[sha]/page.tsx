// One commit of the homey repo: its subject, author and message, what it changed in form
// terms and its generated/ diff against its parent. Deploy rows link here.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/session";
import { getCommitView } from "@/lib/changes/commit-view";
import { formatWhen } from "@/lib/format/when";
import { repoSettingsFromEnv } from "@/lib/repo/settings";
import { ChangeSummary } from "@/components/changes/change-summary";
import { FileDiffView } from "@/components/changes/file-diff-view";

type Params = Promise<{ sha: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Commit ${(await params).sha.slice(0, 7)}` };
}

export default async function CommitPage({ params }: { params: Params }) {
  const admin = await requireAdminPage();
  const view = await getCommitView(admin, repoSettingsFromEnv(), (await params).sha);
  if (!view) notFound();
  const { commit, parentSha, files, summary } = view;
  const body = commit.message.split("\n").slice(1).join("\n").trim();
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <Link href="/deploys" className="text-sm text-sky-700 underline dark:text-sky-400">
          ← Deploys
        </Link>
        <h1 className="text-2xl font-bold [overflow-wrap:anywhere]" data-testid="commit-subject">
          {commit.subject || "(no subject)"}
        </h1>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium text-slate-600 dark:text-slate-400">Commit</dt>
          <dd>
            <code className="font-mono break-all" data-testid="commit-page-sha">
              {commit.sha}
            </code>
          </dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Author</dt>
          <dd data-testid="commit-author">
            {commit.authorName} &lt;{commit.authorEmail}&gt;{commit.byApp ? " · made by homey-admin" : ""}
          </dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Date</dt>
          <dd>
            <time dateTime={commit.date}>{formatWhen(commit.date, { seconds: true })}</time>
          </dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Parent</dt>
          <dd>
            {parentSha ? (
              <Link href={`/commits/${parentSha}`} className="font-mono text-sky-700 underline dark:text-sky-400">
                {parentSha.slice(0, 7)}
              </Link>
            ) : (
              "none (the first commit)"
            )}
          </dd>
        </dl>
        {body && <pre className="overflow-x-auto rounded bg-slate-100 p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-slate-800">{body}</pre>}
      </header>
      <section aria-labelledby="commit-summary-heading" className="space-y-3">
        <h2 id="commit-summary-heading" className="text-lg font-semibold">
          What it changed
        </h2>
        <ChangeSummary summary={summary} filesChanged={files.length > 0} />
      </section>
      <section aria-labelledby="commit-files-heading" className="space-y-3">
        <h2 id="commit-files-heading" className="text-lg font-semibold">
          Generated files{" "}
          <span className="text-sm font-normal text-slate-500">
            ({files.length}, compared with {parentSha ? parentSha.slice(0, 7) : "nothing"})
          </span>
        </h2>
        {files.length === 0 ? <p className="text-sm">This commit changes nothing in the folder homey-admin owns.</p> : files.map((file) => <FileDiffView key={file.path} file={file} />)}
      </section>
    </div>
  );
}
