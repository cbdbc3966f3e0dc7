import Link from "next/link";

export default function DeployNotFound() {
  return (
    <div>
      <h1 className="text-2xl font-bold">Deploy not found</h1>
      <p className="mt-2">There is no deploy with that number.</p>
      <Link href="/deploys" className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
        Back to deploys
      </Link>
    </div>
  );
}
