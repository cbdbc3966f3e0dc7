"use client";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="max-w-xl rounded-lg border-l-4 border-red-600 bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100">
      <h1 className="text-lg font-bold">This page could not be loaded</h1>
      <p className="mt-2 text-sm">Nothing was changed. {error.digest ? `The server log has the details (reference ${error.digest}).` : error.message}</p>
      <button type="button" onClick={reset} className="mt-4 min-h-11 rounded-md bg-red-700 px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
