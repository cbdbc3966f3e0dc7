"use client";
// Runs the checker in the browser on the draft with the form's current values substituted,
// a moment after each keystroke. The same pure function the server runs before a commit.
import { useEffect, useState, type RefObject } from "react";
import type { ZodType } from "zod";
import type { CheckDraft, Finding, Viewer } from "@/lib/checks";
import type { AreaName } from "@/lib/model/areas";
import { readFormValues } from "./read-form";
import { useChecker } from "./use-checker";

/** What an editor page hands its form so it can judge the draft while the admin types. */
export interface LiveCheck {
  draft: CheckDraft;
  viewer: Viewer;
  area: AreaName;
  /** The row being edited, or NEW_ENTITY_ID (0) for a new one. */
  entityId: number;
}

export interface LiveFindings {
  byField: Record<string, Finding[]>;
  /** Findings without a field this form shows. */
  other: Finding[];
}

const EMPTY: LiveFindings = { byField: {}, other: [] };
const DEBOUNCE_MS = 150;

export function useLiveFindings(formRef: RefObject<HTMLFormElement | null>, schema: ZodType | null, check: LiveCheck | undefined): LiveFindings {
  const [found, setFound] = useState<LiveFindings>(EMPTY);
  const checker = useChecker();
  useEffect(() => {
    const form = formRef.current;
    if (!form || !check || !checker || !schema) return;
    const { checkDraft, findingsFor, withEntity } = checker;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const { values, invalid } = readFormValues(schema, form);
      const draft = withEntity(check.draft, check.area, check.entityId, values);
      // A field that does not parse yet is judged by its default: say nothing about it.
      const mine = findingsFor(checkDraft(draft, check.viewer), check.area, check.entityId).filter((f) => !f.field || !invalid.has(f.field));
      const next: LiveFindings = { byField: {}, other: [] };
      for (const f of mine) {
        if (f.field && form.elements.namedItem(f.field)) (next.byField[f.field] ??= []).push(f);
        else next.other.push(f);
      }
      setFound(next);
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    };
    run();
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    return () => {
      clearTimeout(timer);
      form.removeEventListener("input", schedule);
      form.removeEventListener("change", schedule);
    };
  }, [formRef, schema, check, checker]);
  return found;
}
