/**
 * The audit event "import into draft" writes for the commit it read: hand edits up to that
 * commit are in the draft, so drift is measured from there (lib/changes/drift.ts).
 */
export const IMPORT_MARKER = { action: "import", entityType: "commit" } as const;
