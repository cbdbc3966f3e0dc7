"use client";
// One Apply for the whole Changes page: the form at the bottom (commit message, lockout
// confirmation) and the button at the top share this action state, so both submit the same
// form with the same confirmation and show the same pending state and result.
import { createContext, useActionState, useContext } from "react";
import { initialActionResult, type ActionResult } from "@/lib/errors/action-result";

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

interface ApplyState {
  result: ActionResult;
  formAction: (formData: FormData) => void;
  pending: boolean;
}

const ApplyContext = createContext<ApplyState | null>(null);

export function ApplyProvider({ action, children }: { action: FormAction; children: React.ReactNode }) {
  const [result, formAction, pending] = useActionState(action, initialActionResult);
  return <ApplyContext.Provider value={{ result, formAction, pending }}>{children}</ApplyContext.Provider>;
}

export function useApply(): ApplyState {
  const state = useContext(ApplyContext);
  if (!state) throw new Error("useApply needs an ApplyProvider around the Changes page.");
  return state;
}

/** The id of the Apply form: the top button submits it with `form=`. */
export const APPLY_FORM_ID = "apply";
export const LOCKOUT_INPUT_ID = "confirm-lockout";
