"use client";
import { createContext, useContext } from "react";

export const FieldErrorsContext = createContext<Record<string, string[] | undefined>>({});

export function useFieldErrors(name: string): string[] | undefined {
  return useContext(FieldErrorsContext)[name];
}

/** One-tap fixes for refused fields (lib/model/schemas/suggest-fix.ts) and how to take one. */
export interface FieldFixes {
  fixes: Record<string, string | undefined>;
  /** Puts the value into the field, clears its error and focuses it. */
  apply(name: string, value: string): void;
}

export const FieldFixesContext = createContext<FieldFixes>({ fixes: {}, apply: () => {} });

export function useFieldFix(name: string): { fix: string | undefined; apply: (value: string) => void } {
  const context = useContext(FieldFixesContext);
  return { fix: context.fixes[name], apply: (value) => context.apply(name, value) };
}

/**
 * The form's id prefix: a field's control is `${prefix}-${name}`, so the error summary can
 * link to it by name. Outside an EntityForm, fields fall back to their own useId.
 */
export const FieldIdPrefixContext = createContext<string | null>(null);

export function fieldControlId(prefix: string, name: string): string {
  return `${prefix}-${name}`;
}
