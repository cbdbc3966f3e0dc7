// switch-to-configuration (perl and -ng alike) ends a switch whose units did not all come
// up with "warning: the following units failed: a.service, b.service" and exit code 4:
// the new configuration IS active. The runner records that as its own status.

const WARNING = /^warning: the following units failed: (.+)$/;

/** The units named by that warning line, or null for any other line. */
export function failedUnitsIn(line: string): string[] | null {
  const match = WARNING.exec(line.trim());
  if (!match) return null;
  const units = match[1]
    .split(",")
    .map((unit) => unit.trim())
    .filter((unit) => /^[A-Za-z0-9:_.@\\-]+$/.test(unit));
  return units.length > 0 ? units : null;
}

/** nixos-rebuild's exit code for "switched, but units failed". */
export const UNITS_FAILED_EXIT = 4;
