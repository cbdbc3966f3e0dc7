// Shown above an editor whose row the NixOS module defines (lib/model/module-managed.ts):
// the form below is disabled, and the write path would refuse the change anyway.
export function ModuleManagedNotice({ what, option }: { what: string; option: string }) {
  return (
    <p
      role="note"
      id="module-managed-note"
      data-testid="module-managed-note"
      className="mb-4 rounded-md border-l-4 border-sky-600 bg-sky-50 p-3 text-sm text-sky-950 dark:bg-sky-950 dark:text-sky-100"
    >
      {what} is managed by the NixOS module: <code>{option}</code>. It is read-only here and left out of <code>generated/</code>; change it in homey&apos;s
      Nix configuration.
    </p>
  );
}
