// What every page's <head> says about the app, once: app/layout.tsx (the App Router's
// metadata), app/manifest.ts and /quick's own document (components/quick/quick-document.tsx).
export const THEME_COLOUR = "#0f172a";
export const APP_TITLE = "homey-admin";
export const APP_DESCRIPTION = "Edit, commit and deploy the homey NixOS homelab.";
/** The name under the icon on a phone's home screen. */
export const HOME_SCREEN_TITLE = "homey";
export const BODY_CLASS = "min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100";
