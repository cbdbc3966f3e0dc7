// The default commit message: a subject a `git log --oneline` reader understands, and a body
// listing every change in form terms. The admin can edit it before Apply.
import type { FileChange } from "./file-diff";
import type { AreaSummary, ItemChange } from "./summary";

const SUBJECT_MAX = 72;
const VERB: Record<ItemChange["kind"], string> = { added: "add", removed: "remove", changed: "change" };

/**
 * The verb for one change. A change of nothing but the on/off switch says which way it went
 * ("disable grafana" / "enable grafana"): two opposite changes never share a subject.
 */
function verbOf(change: ItemChange): string {
  if (change.kind === "changed" && change.fields.length === 1 && change.fields[0].field === "enabled") {
    return change.fields[0].after === "enabled" ? "enable" : "disable";
  }
  return VERB[change.kind];
}

function itemLine(change: ItemChange): string {
  const what = `${verbOf(change)} ${change.label}`;
  if (verbOf(change) !== VERB[change.kind]) return what;
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
    // Services are the one area whose noun reads as noise ("disable service grafana").
    return area.area === "services" && verbOf(c) !== VERB[c.kind] ? `${verbOf(c)} ${c.label}` : `${verbOf(c)} ${area.noun} ${c.label}`;
  }
  // Switches are counted by direction, so "2 enabled" and "2 disabled" are different subjects.
  const bucket = (c: ItemChange): string => {
    const verb = verbOf(c);
    return verb === "enable" ? "enabled" : verb === "disable" ? "disabled" : c.kind;
  };
  const counts = (["added", "enabled", "disabled", "changed", "removed"] as const)
    .map((kind) => [kind, area.changes.filter((c) => bucket(c) === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`);
  return `${area.title.toLowerCase()}: ${counts.join(", ")}`;
}

export function defaultCommitMessage(areas: AreaSummary[] | null, files: FileChange[]): string {
  if (areas && areas.length > 0) {
    let subject = `homey-admin: ${areas.map(areaPhrase).join("; ")}`;
    const total = areas.reduce((n, a) => n + a.changes.length, 0);
    // Too long: keep the first area's phrase (it carries the direction) and count the rest,
    // so "disable grafana" and "enable grafana" with their vhosts still read differently.
    const switches = areas.some((a) => a.changes.some((c) => verbOf(c) !== VERB[c.kind]));
    if (subject.length > SUBJECT_MAX && switches) {
      const rest = total - areas[0].changes.length;
      subject = `homey-admin: ${areaPhrase(areas[0])}${rest > 0 ? ` (+${rest} more)` : ""}`;
    }
    if (subject.length > SUBJECT_MAX) {
      subject = `homey-admin: update ${areas.map((a) => a.title.toLowerCase()).join(", ")} (${plural(total, "change")})`;
    }
    if (subject.length > SUBJECT_MAX) subject = `homey-admin: ${plural(total, "change")}`;
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
