"use client";
// The policy simulator: one request (URL, user, groups, method, source IP) asked of the
// draft and of HEAD — the first rule that matches, the decision, and why each earlier rule
// did not. Pure: it runs `simulate` on the snapshots the page passed in, with the checker
// loaded after first paint (use-checker.ts).
import { useState } from "react";
import type { CheckDraft, SimulatorAnswer } from "@/lib/checks";
import { OUTSIDE_IP } from "@/lib/checks/outside-ip";
import { useChecker, type Checker } from "./use-checker";

interface Question {
  url: string;
  user: string;
  groups: string;
  method: string;
  sourceIp: string;
}

function ask({ simulate }: Checker, draft: CheckDraft, q: Question): SimulatorAnswer {
  const user = q.user.trim();
  const groups = q.groups.split(",").map((g) => g.trim()).filter(Boolean);
  return simulate(draft, {
    url: q.url.trim(),
    method: q.method.trim().toUpperCase() || "GET",
    sourceIp: q.sourceIp.trim() || OUTSIDE_IP,
    user: user ? { name: user, groups, level: "two_factor" } : undefined,
  });
}

function describeRule(draft: CheckDraft, id: number | null): string {
  if (id === null) return `no rule matches: Authelia's default policy (${draft.defaultPolicy}) decides`;
  const r = draft.accessRules.find((rule) => rule.id === id);
  if (!r) return `rule #${id}`;
  const subjects = r.subjects.length ? ` for ${r.subjects.map((g) => g.join(" + ")).join(" or ")}` : "";
  return `priority ${r.priority}: ${r.domains.join(", ")}${r.resources.length ? ` ${r.resources.join(" ")}` : ""}${subjects} → ${r.policy}`;
}

const OUTCOME: Record<string, string> = { allowed: "let through", "sign-in": "asked to sign in", forbidden: "refused (403)" };

function AnswerView({ title, draft, answer, testId }: { title: string; draft: CheckDraft; answer: SimulatorAnswer; testId: string }) {
  if ("problem" in answer) {
    return (
      <div data-testid={testId}>
        <h3 className="font-semibold">{title}</h3>
        <p className="text-sm text-red-800 dark:text-red-300">{answer.problem}</p>
      </div>
    );
  }
  return (
    <div data-testid={testId} data-decision={answer.decision} data-outcome={answer.outcome}>
      <h3 className="font-semibold">{title}</h3>
      <p className="text-sm">
        <span className="font-semibold" data-testid="sim-decision">
          {answer.behindAuthelia ? answer.decision : "open (auth off: Caddy does not ask Authelia)"}
        </span>
        {answer.behindAuthelia && <> — {OUTCOME[answer.outcome]}</>}
      </p>
      <p className="text-sm" data-testid="sim-rule">
        {answer.matchedRule === null ? "" : "Decided by "}
        {describeRule(draft, answer.matchedRule)}
      </p>
      {answer.trace.length > 0 && (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer">Why {answer.trace.length} earlier rule{answer.trace.length === 1 ? "" : "s"} did not match</summary>
          <ol className="mt-1 list-decimal space-y-1 pl-5" data-testid="sim-trace">
            {answer.trace.map((miss) => (
              <li key={miss.ruleId}>
                <span className="font-mono text-xs">{describeRule(draft, miss.ruleId)}</span>: {miss.reason} — {miss.detail}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-900";

export function PolicySimulator({ draft, head }: { draft: CheckDraft; head: CheckDraft | null }) {
  const [q, setQ] = useState<Question>({ url: `https://${draft.adminHost === "@" ? "" : `${draft.adminHost}.`}${draft.domain}/`, user: "", groups: "", method: "GET", sourceIp: OUTSIDE_IP });
  const [asked, setAsked] = useState<Question | null>(null);
  const checker = useChecker();
  const field = (key: keyof Question, label: string, hint?: string) => (
    <div>
      <label htmlFor={`sim-${key}`} className="block text-sm font-medium">
        {label}
      </label>
      <input id={`sim-${key}`} value={q[key]} onChange={(e) => setQ({ ...q, [key]: e.target.value })} className={inputClass} aria-describedby={hint ? `sim-${key}-hint` : undefined} />
      {hint && (
        <p id={`sim-${key}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
    </div>
  );
  return (
    <section aria-labelledby="simulator-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="policy-simulator">
      <h2 id="simulator-heading" className="text-lg font-semibold">
        Policy simulator
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">What Authelia answers for one request: first over the draft, then over the last commit.</p>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(q);
        }}
      >
        {field("url", "URL", `e.g. https://grafana.${draft.domain}/api?x=1 — resources see the path and the query.`)}
        <div className="grid gap-3 sm:grid-cols-2">
          {field("user", "User", "Empty: an anonymous request.")}
          {field("groups", "Groups", "Comma-separated, e.g. admins, users.")}
          {field("method", "Method")}
          {field("sourceIp", "Source IP", `${OUTSIDE_IP} is outside homey's networks.`)}
        </div>
        <button type="submit" className="min-h-11 rounded-md bg-slate-900 px-5 py-2 font-semibold text-white dark:bg-sky-500 dark:text-slate-950">
          Ask
        </button>
      </form>
      {asked && (
        <div aria-live="polite" className="grid gap-4 sm:grid-cols-2">
          {!checker ? (
            <p className="text-sm">Loading the checker…</p>
          ) : (
            <>
              <AnswerView title="Draft" draft={draft} answer={ask(checker, draft, asked)} testId="sim-draft" />
              {head ? <AnswerView title="Last commit (HEAD)" draft={head} answer={ask(checker, head, asked)} testId="sim-head" /> : <p className="text-sm text-slate-600">HEAD&apos;s values cannot be read back here.</p>}
            </>
          )}
        </div>
      )}
    </section>
  );
}
