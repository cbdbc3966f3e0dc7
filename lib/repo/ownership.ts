// How homey-admin recognises its own work in the homey repo: files in generated/ start with
// the managed header, and commits carry a `Homey-Admin:` trailer. Drift detection and
// "delete stale files" rely on both, so they are defined in one place.

/** First line of every template (nix-templates/*.nix). */
const MANAGED_HEADER = /^# Managed by homey-admin\b/;

export const APP_TRAILER_KEY = "Homey-Admin";

export type AppTrailerValue = "apply" | "init";

export function isManagedFile(text: string): boolean {
  return MANAGED_HEADER.test(text);
}

/** Appends the trailer as its own paragraph, where `git interpret-trailers` would find it. */
export function withAppTrailer(message: string, value: AppTrailerValue = "apply"): string {
  return `${message.trim()}\n\n${APP_TRAILER_KEY}: ${value}\n`;
}

/**
 * The files homey-admin owns in generated/: everything it renders now, plus any file that
 * carries its header (e.g. one it rendered before and no longer does, which Apply deletes).
 * A file without the header that the app does not render is someone else's: never touched.
 */
export function ownedFileNames(rendered: Iterable<string>, ...existing: Readonly<Record<string, string>>[]): Set<string> {
  const names = new Set(rendered);
  for (const files of existing) {
    for (const [name, text] of Object.entries(files)) if (isManagedFile(text)) names.add(name);
  }
  return names;
}
