"use client";
// In the service editor: when `enabled` is flipped, offer to move the service's vhosts and
// monitors with it (checked by default). Reads the surrounding form's own checkbox, so the
// field stays an ordinary uncontrolled input.
import { useEffect, useRef, useState } from "react";
import type { DependentsOffer } from "@/lib/model/dependents-offer";

export function DependentsChoice({ savedEnabled, offOffer, onOffer }: { savedEnabled: boolean; offOffer: DependentsOffer | null; onOffer: DependentsOffer | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const [enabled, setEnabled] = useState(savedEnabled);
  useEffect(() => {
    const form = ref.current?.closest("form");
    const box = form?.elements.namedItem("enabled");
    if (!(box instanceof HTMLInputElement)) return;
    const update = () => setEnabled(box.checked);
    update();
    box.addEventListener("change", update);
    return () => box.removeEventListener("change", update);
  }, []);
  const offer = enabled === savedEnabled ? null : enabled ? onOffer : offOffer;
  return (
    <div ref={ref} aria-live="polite">
      {offer && (
        <div className="flex items-start gap-3 rounded-md border border-slate-300 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-900">
          <input id="with-dependents" name="withDependents" type="checkbox" defaultChecked className="mt-1 h-5 w-5 rounded border-slate-400" />
          <label htmlFor="with-dependents" className="text-sm" data-testid="dependents-offer">
            {enabled ? "Switching it on " : "Switching it off "}
            {offer.sentence}.
            {enabled && <span className="block text-slate-600 dark:text-slate-400">This restores every disabled vhost and monitor linked to this service.</span>}
          </label>
        </div>
      )}
    </div>
  );
}
