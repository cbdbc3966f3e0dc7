// The checker's verdict on a commit, decided in one place: errors refuse it; lockout errors
// (they carry `confirm`) may be overridden, and only by typing the host name they name.
// Pure, so the Changes page and Apply cannot disagree on what blocks.
import { blockingFindings, type Finding } from "@/lib/checks";
import { AppError } from "@/lib/errors/app-error";

export type GateVerdict =
  | { ok: true; overridden: Finding[] }
  | { ok: false; blocking: Finding[]; /** The host name to type, when every blocking finding is a lockout finding. */ confirm: string | null };

/** The typed text compared as a host name: case and surrounding spaces do not matter. */
const normalise = (s: string) => s.trim().toLowerCase().replace(/\.$/, "");

export function judgeFindings(findings: readonly Finding[], confirmLockout?: string): GateVerdict {
  const blocking = blockingFindings(findings);
  if (blocking.length === 0) return { ok: true, overridden: [] };
  const confirms = new Set(blocking.map((f) => f.confirm ?? null));
  const confirm = confirms.size === 1 && !confirms.has(null) ? blocking[0].confirm! : null;
  if (confirm !== null && confirmLockout !== undefined && normalise(confirmLockout) === normalise(confirm)) return { ok: true, overridden: blocking };
  return { ok: false, blocking, confirm };
}

/** Throws CHECK_FAILED listing the blocking findings; returns the overridden ones (to audit). */
export function assertCommittable(findings: readonly Finding[], confirmLockout?: string): Finding[] {
  const verdict = judgeFindings(findings, confirmLockout);
  if (verdict.ok) return verdict.overridden;
  const list = verdict.blocking.map((f) => `- ${f.message}${f.fix ? ` Fix: ${f.fix}` : ""}`).join("\n");
  const typed = confirmLockout?.trim();
  const how =
    verdict.confirm === null
      ? "Fix the errors below (each links to its editor), then Apply again."
      : typed
        ? `You typed "${typed}", not ${verdict.confirm}: to commit anyway, type exactly ${verdict.confirm}.`
        : `These are lockout findings: fix them, or type ${verdict.confirm} in the confirmation field to commit anyway.`;
  return fail(verdict.blocking, verdict.confirm, `The checks found ${verdict.blocking.length === 1 ? "an error" : `${verdict.blocking.length} errors`}; nothing was committed. ${how}\n${list}`);
}

function fail(blocking: Finding[], confirm: string | null, message: string): never {
  throw new AppError("CHECK_FAILED", message, { findings: blocking, confirm });
}
