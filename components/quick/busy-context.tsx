"use client";
// Which toggles are still being saved: Apply & deploy waits for them, so the summary the
// admin confirms is never one the draft has already moved past.
import { createContext, useCallback, useContext, useMemo, useState } from "react";

interface Busy {
  busy: boolean;
  setBusy(key: string, busy: boolean): void;
}

const BusyContext = createContext<Busy>({ busy: false, setBusy: () => {} });

export function QuickBusyProvider({ children }: { children: React.ReactNode }) {
  const [keys, setKeys] = useState<ReadonlySet<string>>(() => new Set());
  const setBusy = useCallback((key: string, busy: boolean) => {
    setKeys((current) => {
      if (current.has(key) === busy) return current;
      const next = new Set(current);
      if (busy) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  const value = useMemo(() => ({ busy: keys.size > 0, setBusy }), [keys, setBusy]);
  // .Provider and useContext rather than React 19's <Context> and use(): Preact runs this in the browser.
  return <BusyContext.Provider value={value}>{children}</BusyContext.Provider>;
}

export function useQuickBusy(): Busy {
  return useContext(BusyContext);
}
