"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { breakGlassErrorMessage } from "@/lib/auth/break-glass-errors";

/** `initialError`: next-auth's error code from /break-glass?error=… (a sign-in without JavaScript). */
export function BreakGlassForm({ initialError }: { initialError?: string }) {
  const [error, setError] = useState<string | null>(initialError ? breakGlassErrorMessage(initialError) : null);
  const [pending, setPending] = useState(false);
  return (
    <form
      method="post"
      className="mt-6 space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        const password = String(new FormData(event.currentTarget).get("password") ?? "");
        const result = await signIn("credentials", { password, redirect: false });
        setPending(false);
        if (result?.ok) window.location.assign("/");
        else setError(breakGlassErrorMessage(result?.error ?? "CredentialsSignin"));
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
