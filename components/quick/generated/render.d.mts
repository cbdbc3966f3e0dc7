// The type of render.mjs, which scripts/build-quick-client.mjs bundles from ../server-entry.tsx
// (kept in git so the type check needs no build first).
import type { QuickScreen } from "@/lib/quick/screen";

export function renderQuickDocument(screen: QuickScreen): string;
