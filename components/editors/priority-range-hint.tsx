"use client";
import { useEffect, useRef, useState } from "react";
import { ACCESS_POLICIES, priorityRangeWarning, type AccessPolicyName } from "@/lib/model/schemas/choices";

function warningFor(form: HTMLFormElement): string | null {
  const data = new FormData(form);
  const priority = String(data.get("priority") ?? "").trim();
  const policy = String(data.get("policy") ?? "");
  if (!/^\d+$/.test(priority) || !(ACCESS_POLICIES as readonly string[]).includes(policy)) return null;
  const n = Number(priority);
  if (n > 99) return null; // the field error says it
  return priorityRangeWarning(n, policy as AccessPolicyName);
}

/**
 * Says, while the admin types, when priority and policy do not fit homey's ranges. Reads the
 * surrounding form's own fields, so the inputs stay ordinary uncontrolled fields.
 */
export function PriorityRangeHint({ initial }: { initial: string | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [warning, setWarning] = useState(initial);
  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    const update = () => setWarning(warningFor(form));
    update();
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    return () => {
      form.removeEventListener("input", update);
      form.removeEventListener("change", update);
    };
  }, []);
  return (
    <p ref={ref} aria-live="polite" data-testid="priority-range-warning" className="min-h-5 text-sm text-amber-800 dark:text-amber-300">
      {warning && (
        <>
          <span aria-hidden="true">⚠ </span>
          {warning} You can still save it: this is homey&apos;s convention, not an Authelia rule.
        </>
      )}
    </p>
  );
}
