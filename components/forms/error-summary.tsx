"use client";
// The list of what to fix after a failed save, at the top of the form: one link per refused
// field (its message as the link text) that moves focus to the field. Announced as an alert.
import { fieldControlId } from "./form-context";

export interface SummaryEntry {
  name: string;
  messages: string[];
}

export function ErrorSummary({ entries, idPrefix, message }: { entries: SummaryEntry[]; idPrefix: string; message: string }) {
  if (entries.length === 0) return null;
  return (
    <div role="alert" aria-labelledby={`${idPrefix}-summary-title`} className="rounded-md border-l-4 border-red-600 bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100" data-testid="error-summary">
      <p id={`${idPrefix}-summary-title`} className="font-semibold">
        {message}
      </p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {entries.map((entry) => {
          const target = fieldControlId(idPrefix, entry.name);
          return (
            <li key={entry.name}>
              <a
                href={`#${target}`}
                onClick={(event) => {
                  // Focus, not only scroll: the field's label, value and error are then read out.
                  const field = document.getElementById(target);
                  if (!field) return;
                  event.preventDefault();
                  field.focus();
                }}
                className="underline underline-offset-2"
              >
                {entry.messages.join(" ")}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
