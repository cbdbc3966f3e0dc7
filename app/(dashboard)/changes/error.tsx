"use client";
// Unexpected failures only: expected repo problems are shown by the page itself.
export default function ChangesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="max-w-xl rounded-lg border-l-4 border-red-600 bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100">
      <h1 className="text-lg font-bold">The pending changes could not be loaded</h1>
      <p className="mt-2 text-sm">
        Nothing was written to the repo or the draft.{" "}
        {error.digest ? `The server log has the details (reference ${error.digest}).` : error.message}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 min-h-11 rounded-md bg-red-700 px-4 py-2 font-semibold text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400 focus-visible:ring-offset-2"
      >
        Try again
      </button>
    </div>
  );
}
