// The whole HTML document of /quick: what app/layout.tsx gives the App Router pages (lang,
// the body's light and dark colours, home-screen metadata), the page rendered from its
// screen, that screen again as JSON for the script, and the script.
import { APP_DESCRIPTION, APP_TITLE, BODY_CLASS, HOME_SCREEN_TITLE, THEME_COLOUR } from "@/components/layout/document-head";
import type { QuickScreen } from "@/lib/quick/screen";
import { QUICK_DATA_ID, QUICK_ROOT_ID, QuickApp } from "./quick-app";

/** public/: written by scripts/build-quick-client.mjs. */
export const QUICK_SCRIPT = "/quick.js";
export const QUICK_STYLESHEET = "/quick.css";

/** The screen as a JSON script: no "<" in it, so no "</script>" can end it early. */
function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

export function QuickDocument({ screen, assetVersion }: { screen: QuickScreen; assetVersion: string }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <title>{`Quick toggle · ${APP_TITLE}`}</title>
        <meta name="description" content={APP_DESCRIPTION} />
        <meta name="theme-color" content={THEME_COLOUR} />
        <link rel="manifest" href="/manifest.webmanifest" />
        <link rel="icon" href="/favicon.ico" sizes="any" />
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href="/apple-icon.png" />
        <meta name="mobile-web-app-capable" content="yes" />
        <meta name="apple-mobile-web-app-title" content={HOME_SCREEN_TITLE} />
        <meta name="apple-mobile-web-app-status-bar-style" content="black-translucent" />
        <link rel="stylesheet" href={`${QUICK_STYLESHEET}?v=${assetVersion}`} />
        <script type="module" src={`${QUICK_SCRIPT}?v=${assetVersion}`} />
      </head>
      <body className={BODY_CLASS}>
        <div id={QUICK_ROOT_ID}>
          <QuickApp initial={screen} />
        </div>
        <script type="application/json" id={QUICK_DATA_ID} dangerouslySetInnerHTML={{ __html: inertJson(screen) }} />
      </body>
    </html>
  );
}
