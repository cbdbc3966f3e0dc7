// The quick-toggle page's only script (bundled by scripts/build-quick-client.mjs with Preact
// in React's place, a few kB instead of the App Router's 135 kB floor): it takes over the
// server-rendered page with the same data the server rendered it from.
import { hydrateRoot } from "react-dom/client";
import type { QuickScreen } from "@/lib/quick/screen";
import { QUICK_DATA_ID, QUICK_ROOT_ID, QuickApp } from "./quick-app";

const root = document.getElementById(QUICK_ROOT_ID);
const data = document.getElementById(QUICK_DATA_ID)?.textContent;
if (root && data) hydrateRoot(root, <QuickApp initial={JSON.parse(data) as QuickScreen} />);
