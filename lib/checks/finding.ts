import type { AreaName } from "@/lib/model/areas";
import { FINDING_CODES, type FindingCode, type Severity } from "./codes";

export interface Finding {
  code: FindingCode;
  severity: Severity;
  area: AreaName;
  /** The row the finding is about; null when it is about something missing. */
  entityId: number | null;
  /** The form field to show it at. */
  field?: string;
  message: string;
  fix?: string;
  /**
   * When the fix is a value for `field` (as the form posts it: "authelia", "on", a URL), the
   * editor offers it as one tap: the button reads `fix` and puts this value in the field.
   */
  fixValue?: string;
  /** Lockout findings: the host name the admin must type to commit anyway. */
  confirm?: string;
}

/** A finding with severity and area taken from the code table, so they cannot disagree. */
export function finding(code: FindingCode, entityId: number | null, message: string, extra: { field?: string; fix?: string; fixValue?: string; confirm?: string; area?: AreaName } = {}): Finding {
  const info = FINDING_CODES[code];
  const { area, ...rest } = extra;
  return { code, severity: info.severity, area: area ?? info.area, entityId, message, ...rest };
}
