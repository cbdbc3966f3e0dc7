"use client";
// The generated files Apply would write, as jump links to their diffs, with +/− counts.
// A jump opens the file's diff when it was collapsed.
import { fileAnchor } from "./file-anchor";

export function FileList({ files }: { files: { path: string; additions: number; deletions: number }[] }) {
  return (
    <nav aria-label="Changed files" data-testid="file-list">
      <ul className="flex flex-wrap gap-2 text-sm">
        {files.map((file) => (
          <li key={file.path}>
            <a
              href={`#${fileAnchor(file.path)}`}
              onClick={() => {
                const details = document.getElementById(fileAnchor(file.path));
                if (details instanceof HTMLDetailsElement) details.open = true;
              }}
              className="inline-flex min-h-11 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
            >
              <code className="font-mono break-all">{file.path.split("/").pop()}</code>
              <span className="text-xs">
                <span className="text-emerald-700 dark:text-emerald-400">+{file.additions}</span>{" "}
                <span className="text-red-700 dark:text-red-400">−{file.deletions}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
