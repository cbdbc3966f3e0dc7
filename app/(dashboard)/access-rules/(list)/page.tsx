import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { homeyDomain } from "@/lib/config/env";
import { loadFindings } from "@/lib/model/check-draft";
import { badgesFor, checkDraftFromSnapshot } from "@/lib/checks";
import { getPendingChanges } from "@/lib/changes/pending";
import { repoSettingsFromEnv } from "@/lib/repo/settings";
import { PolicySimulator } from "@/components/checks/policy-simulator";
import { listRows } from "@/lib/model/queries";
import { priorityRangeWarning, type AccessPolicyName } from "@/lib/model/schemas/access-rule";
import { PageHeader } from "@/components/ui/page-header";
import { SavedBanner } from "@/components/ui/saved-banner";
import { RowTable } from "@/components/editors/row-table";
import { WarningText } from "@/components/editors/badge";
import { PolicyBadge } from "@/components/editors/policy-badge";
import { readSavedParams } from "@/components/editors/list-search-params";

export const metadata: Metadata = { title: "Access rules" };

const RANGES = [
  { range: "0", meaning: "bypass — the sign-in portal itself" },
  { range: "10–19", meaning: "blanket bypass — apps with their own login or public pages" },
  { range: "20–49", meaning: "admin pairs — two_factor for the admins group, then deny for everyone else" },
  { range: "50–64", meaning: "one_factor open — any signed-in user" },
  { range: "65–79", meaning: "per-path — resources and subject combinations" },
];

function ListCell({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <span className="text-slate-500">{empty}</span>;
  return (
    <ul>
      {items.map((item) => (
        <li key={item} className="font-mono text-xs break-all">
          {item}
        </li>
      ))}
    </ul>
  );
}

export default async function AccessRulesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdminPage();
  // One checker run for the whole list: each row gets its count and worst severity.
  const { draft, findings } = await loadFindings(admin);
  const badges = badgesFor(findings, "accessRule");
  // HEAD's side of the simulator: the committed values read back with Nix (null if unreadable).
  const headSnapshot = await getPendingChanges(admin, repoSettingsFromEnv()).then(
    (p) => p.headSnapshot,
    () => null,
  );
  const [rows, params] = await Promise.all([listRows(admin, "accessRule"), searchParams]);
  const domain = homeyDomain();
  return (
    <>
      <PageHeader
        title="Access rules"
        description="Authelia checks these in priority order, lowest first, and the first rule that matches a request wins — so more specific rules need lower numbers."
        action={{ href: "/access-rules/new", label: "New access rule" }}
      />
      <SavedBanner {...readSavedParams(params)} />
      <section aria-labelledby="ranges-heading" className="mb-6 max-w-2xl rounded-md border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 id="ranges-heading" className="font-semibold">
          homey&apos;s priority ranges
        </h2>
        <dl className="mt-2 grid grid-cols-[4.5rem_1fr] gap-x-3 gap-y-1">
          {RANGES.map((r) => (
            <div key={r.range} className="contents">
              <dt className="font-mono font-semibold">{r.range}</dt>
              <dd>{r.meaning}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-slate-600 dark:text-slate-400">A rule whose policy does not fit its range is marked with a warning; it still works, but breaks the convention.</p>
      </section>
      <RowTable
        caption="Access rules, in the order Authelia checks them"
        columns={[
          { key: "priority", label: "Priority" },
          { key: "domains", label: "Domains" },
          { key: "policy", label: "Policy" },
          { key: "subjects", label: "Subjects", wide: true },
          { key: "resources", label: "Resources", wide: true },
        ]}
        rows={rows.map(({ values: r }) => {
          const warning = priorityRangeWarning(Number(r.priority), r.policy as AccessPolicyName);
          const subjects = (r.subjects as string[][]).map((group) => group.join(" + "));
          return {
            id: r.id,
            href: `/access-rules/${r.id}`,
            findings: badges.get(r.id),
            cells: {
              priority: (
                <>
                  <span className="sr-only">Edit rule </span>
                  {String(r.priority)}
                </>
              ),
              domains: (
                <ul>
                  {(r.domains as string[]).map((d) => (
                    <li key={d} className="font-mono text-xs break-words">
                      {d === "@" ? domain : <>{d === "*" ? "*" : d}.<wbr />{domain}</>}
                    </li>
                  ))}
                </ul>
              ),
              policy: (
                <div className="space-y-1">
                  <PolicyBadge policy={String(r.policy)} />
                  {warning && <WarningText>{warning}</WarningText>}
                </div>
              ),
              subjects: <ListCell items={subjects} empty="anyone" />,
              resources: <ListCell items={r.resources as string[]} empty="every path" />,
            },
          };
        })}
        empty={<p>No access rules yet: Authelia falls back to its default policy. Add the sign-in portal&apos;s bypass at priority 0 first.</p>}
      />
      <div className="mt-8 max-w-4xl">
        <PolicySimulator draft={draft} head={headSnapshot ? checkDraftFromSnapshot(headSnapshot, { domain: draft.domain, adminGroup: draft.adminGroup, adminHost: draft.adminHost, defaultPolicy: draft.defaultPolicy }) : null} />
      </div>
    </>
  );
}
