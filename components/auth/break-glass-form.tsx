"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";

export function BreakGlassForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="mt-6 space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        const password = String(new FormData(event.currentTarget).get("password") ?? "");
        const result = await signIn("credentials", { password, redirect: false });
        setPending(false);
        if (result?.ok) window.location.assign("/");
        else setError("Wrong password, or too many attempts (5 per 15 minutes). Every attempt is audited.");
      }}
    >
      <label htmlFor="password" className="block text-sm font-medium">
        Break-glass password
      </label>
      <input id="password" name="password" type="password" autoComplete="current-password" required className="block w-full rounded-md border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-900" />
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-red-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
        {pending ? "Checking…" : "Sign in"}
      </button>
    </form>
  );
}
