// The default commit message: a subject a `git log --oneline` reader understands, and a body
// listing every change in form terms. The admin can edit it before Apply.
import type { FileChange } from "./file-diff";
import type { AreaSummary, ItemChange } from "./summary";

const SUBJECT_MAX = 72;
const VERB: Record<ItemChange["kind"], string> = { added: "add", removed: "remove", changed: "change" };

function itemLine(change: ItemChange): string {
  const what = `${VERB[change.kind]} ${change.label}`;
  if (change.kind === "changed") return `${what}: ${change.fields.map((f) => `${f.field} ${f.before} → ${f.after}`).join("; ")}`;
  return change.detail ? `${what} (${change.detail})` : what;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** "add vhost grafana" for a single change, "vhosts: 2 added, 1 changed" otherwise. */
function areaPhrase(area: AreaSummary): string {
  if (area.changes.length === 1) {
    const [c] = area.changes;
    return `${VERB[c.kind]} ${area.noun} ${c.label}`;
  }
  const counts = (["added", "changed", "removed"] as const)
    .map((kind) => [kind, area.changes.filter((c) => c.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`);
  return `${area.title.toLowerCase()}: ${counts.join(", ")}`;
}

export function defaultCommitMessage(areas: AreaSummary[] | null, files: FileChange[]): string {
  if (areas && areas.length > 0) {
    let subject = `homey-admin: ${areas.map(areaPhrase).join("; ")}`;
    if (subject.length > SUBJECT_MAX) {
      const total = areas.reduce((n, a) => n + a.changes.length, 0);
      subject = `homey-admin: update ${areas.map((a) => a.title.toLowerCase()).join(", ")} (${plural(total, "change")})`;
    }
    if (subject.length > SUBJECT_MAX) subject = `homey-admin: ${plural(areas.reduce((n, a) => n + a.changes.length, 0), "change")}`;
    const body = areas.map((a) => `${a.title}:\n${a.changes.map((c) => `- ${itemLine(c)}`).join("\n")}`).join("\n\n");
    return `${subject}\n\n${body}\n`;
  }
  // Without a form-level summary (no Nix to read HEAD's values), name the files.
  const names = files.map((f) => f.path.split("/").pop());
  const subject =
    files.length === 0
      ? "homey-admin: update generated files"
      : `homey-admin: update ${names.join(", ")}`.length <= SUBJECT_MAX
        ? `homey-admin: update ${names.join(", ")}`
        : `homey-admin: update ${plural(files.length, "generated file")}`;
  const body = files.map((f) => `- ${f.status} ${f.path} (+${f.additions} −${f.deletions})`).join("\n");
  return body ? `${subject}\n\n${body}\n` : `${subject}\n`;
}
