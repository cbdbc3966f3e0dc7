import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { breakGlassEnabled } from "@/lib/auth/break-glass";
import { BreakGlassForm } from "@/components/auth/break-glass-form";
import { MessagePage } from "@/components/ui/message-page";

export const metadata: Metadata = { title: "Break-glass sign-in" };

export default async function BreakGlassPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  // Read the configuration per request: at build time it is not known.
  await connection();
  if (!breakGlassEnabled()) notFound();
  const { error } = await searchParams;
  return (
    <MessagePage title="Break-glass sign-in" code="emergency">
      <p>For the day Authelia itself is broken. Use Authelia whenever it works: this login is rate-limited and every use is audited.</p>
      <BreakGlassForm initialError={typeof error === "string" ? error : undefined} />
    </MessagePage>
  );
}
