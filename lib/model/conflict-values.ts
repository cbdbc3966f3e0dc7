// How a field's value reads in the version-conflict table: as the admin would type it, not
// as JSON ("9002", "on", "grafana, cloud"), so mine and theirs can be compared at a glance.

export function displayFieldValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "boolean") return value ? "on" : "off";
  if (Array.isArray(value)) {
    if (value.length === 0) return "(empty)";
    return value.map((item) => (Array.isArray(item) ? item.map(String).join(" + ") : displayFieldValue(item))).join(", ");
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
