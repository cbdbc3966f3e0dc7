"use client";
// Findings shown at a form field: EntityForm provides them per field name, every field
// renders its own below the input and names them in aria-describedby.
import { createContext, useContext } from "react";
import type { Finding } from "@/lib/checks";

export const FieldFindingsContext = createContext<Record<string, Finding[] | undefined>>({});

export function useFieldFindings(name: string): Finding[] {
  return useContext(FieldFindingsContext)[name] ?? [];
}

const TONE: Record<Finding["severity"], string> = {
  error: "text-red-700 dark:text-red-400",
  warning: "text-amber-800 dark:text-amber-300",
  info: "text-sky-800 dark:text-sky-300",
};

const LABEL: Record<Finding["severity"], string> = { error: "Error", warning: "Warning", info: "Note" };

/**
 * One line per finding: severity, message, the fix. `onFix`: at a form field, a fix that is a
 * value for it (`fixValue`) is a button that puts the value in.
 */
export function FindingLines({ id, findings, onFix }: { id?: string; findings: readonly Finding[]; onFix?: (value: string) => void }) {
  if (findings.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm" data-field-findings>
      {findings.map((f) => (
        <li key={`${f.code}-${f.message}`} className={TONE[f.severity]} data-finding-code={f.code} data-severity={f.severity}>
          <span className="font-semibold">{LABEL[f.severity]}:</span> {f.message}
          {f.fix && onFix && f.fixValue !== undefined ? (
            <button
              type="button"
              onClick={() => onFix(f.fixValue!)}
              className="mt-1 inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 text-left text-sm font-medium text-slate-900 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
              data-testid="finding-fix"
            >
              {f.fix}
            </button>
          ) : (
            f.fix && <span className="block text-slate-700 dark:text-slate-300">Fix: {f.fix}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
