import Link from "next/link";

export default function CommitNotFound() {
  return (
    <div>
      <h1 className="text-2xl font-bold">Commit not found</h1>
      <p className="mt-2">The homey repo has no commit with that SHA (a full 40-character SHA is needed).</p>
      <Link href="/deploys" className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
        Back to deploys
      </Link>
    </div>
  );
}
