// The rules the "Access rules" section will write, in Authelia's words, as the admin picks.
import { rulesFor, RULE_ACCESS, type RuleAccess } from "@/lib/model/schemas/new-service-rules";

export function RulesPreview({ access, priority, subdomain, domain, adminGroup }: { access: string; priority: string; subdomain: string; domain: string; adminGroup: string }) {
  const p = Number(priority);
  const sub = subdomain.trim().toLowerCase();
  if (!(RULE_ACCESS as readonly string[]).includes(access) || !/^\d+$/.test(priority.trim()) || !sub) return null;
  const host = sub === "@" ? domain : `${sub}.${domain}`;
  const rules = rulesFor(access as RuleAccess, p, sub, adminGroup, "");
  return (
    <div className="rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-900" data-testid="rules-preview">
      <p className="font-medium">Creates, for {host}:</p>
      <ul className="mt-1 space-y-1">
        {rules.map((r) => (
          <li key={r.priority} className="font-mono text-xs sm:text-sm">
            #{r.priority} {r.policy}
            {r.subjects.length ? ` for ${r.subjects.map((s) => s.join(" + ")).join(" or ")}` : r.policy === "deny" ? " for everyone else" : " for anyone signed in"}
          </li>
        ))}
      </ul>
    </div>
  );
}
