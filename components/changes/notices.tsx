// The page's warnings: setup step missing, foreign changes in the repo, Nix errors.
import type { NixParseError } from "@/lib/nix/check";

export function SetupNotice({ repoPath, line }: { repoPath: string; line: string }) {
  return (
    <section
      aria-labelledby="setup-heading"
      className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-4 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
      data-testid="setup-notice"
    >
      <h2 id="setup-heading" className="font-semibold">
        One setup step left: flake.nix does not import the generated files
      </h2>
      <p className="mt-1 text-sm">
        Add <code className="rounded bg-amber-100 px-1 font-mono dark:bg-amber-900">{line}</code> to the modules list in{" "}
        <code className="font-mono break-all">{repoPath}/flake.nix</code> (once, by hand). Until then, what homey-admin commits has no effect
        on the system.
      </p>
    </section>
  );
}

export function ForeignChangesNotice({ repoPath, files }: { repoPath: string; files: string[] }) {
  return (
    <section role="alert" className="rounded-md border-l-4 border-red-600 bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100">
      <h2 className="font-semibold">The repo has changes homey-admin did not make</h2>
      <p className="mt-1 text-sm">
        Apply is blocked until they are committed or discarded in <code className="font-mono break-all">{repoPath}</code>:
      </p>
      <ul className="mt-2 list-disc pl-5 font-mono text-sm">
        {files.map((f) => (
          <li key={f} className="break-all">
            {f}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NixErrors({ errors, generatedDir }: { errors: NixParseError[]; generatedDir: string }) {
  return (
    <section role="alert" className="rounded-md border-l-4 border-red-600 bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100">
      <h2 className="font-semibold">Nix rejects the rendered files — Apply is blocked</h2>
      <ul className="mt-2 space-y-1 text-sm">
        {errors.map((e, i) => (
          <li key={i}>
            <code className="font-mono">
              {generatedDir}/{e.file}:{e.line}:{e.column}
            </code>{" "}
            {e.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
