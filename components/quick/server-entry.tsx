// The server half of /quick: the document as HTML, rendered with Preact like the browser half
// (browser-entry.tsx), so what the script takes over is exactly what it would render itself.
// Bundled by scripts/build-quick-client.mjs to generated/render.mjs (typed by render.d.mts),
// which app/quick/route.ts imports.
import { renderToString } from "react-dom/server";
import type { QuickScreen } from "@/lib/quick/screen";
import { QuickDocument } from "./quick-document";

/** The content hash of public/quick.js and quick.css, put in by the build. */
declare const QUICK_ASSET_VERSION: string;

export function renderQuickDocument(screen: QuickScreen): string {
  return `<!DOCTYPE html>${renderToString(<QuickDocument screen={screen} assetVersion={QUICK_ASSET_VERSION} />)}`;
}
