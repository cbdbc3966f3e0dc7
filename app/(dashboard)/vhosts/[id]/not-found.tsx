import Link from "next/link";

export default function VirtualHostNotFound() {
  return (
    <div>
      <h1 className="text-2xl font-bold">Virtual host not found</h1>
      <p className="mt-2">It may have been deleted by another admin.</p>
      <Link href="/vhosts" className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
        Back to virtual hosts
      </Link>
    </div>
  );
}
