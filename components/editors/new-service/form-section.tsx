"use client";
// One skippable part of "New service": a heading, the toggle that says whether it is created,
// and its fields — disabled when skipped, so they are neither posted nor in the tab order.
import { useId } from "react";

export function FormSection({
  title,
  toggle,
  on,
  onToggle,
  toggleDisabled,
  skipped,
  children,
}: {
  title: string;
  /** The toggle's name and label; absent for the service itself, which is never skipped. */
  toggle?: { name: string; label: string };
  on: boolean;
  onToggle?: (on: boolean) => void;
  /** The section cannot be created yet (rules without a vhost). */
  toggleDisabled?: boolean;
  /** What skipping means, said when it is skipped. */
  skipped?: string;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-section={toggle?.name ?? "service"}>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {toggle && (
          <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
            <input
              type="checkbox"
              name={toggle.name}
              checked={on}
              disabled={toggleDisabled}
              onChange={(e) => onToggle?.(e.currentTarget.checked)}
              aria-controls={`${id}-fields`}
              className="h-5 w-5 rounded border-slate-400"
            />
            {toggle.label}
          </label>
        )}
      </div>
      <fieldset id={`${id}-fields`} disabled={!on} hidden={!on} className="space-y-5">
        <legend className="sr-only">{title}</legend>
        {children}
      </fieldset>
      {!on && skipped && (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="section-skipped">
          Skipped: {skipped}
        </p>
      )}
    </section>
  );
}
