import "server-only";
import { readFileSync } from "node:fs";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { breakGlassHashFile, secretValue } from "@/lib/config/env";
import { recordAuditEvent } from "@/lib/audit/record";
import { prisma } from "@/lib/db/client";
import { verifyPassword } from "./password-hash";
import { AttemptLimiter } from "./rate-limit";
import { breakGlassEnabled } from "./break-glass-enabled";

export { breakGlassEnabled };

// Break-glass: a local admin login for the day a deploy breaks Authelia itself.
// Off unless both a password-hash file and a session secret are configured.
export const BREAK_GLASS_USER = "break-glass";

const limiter = ((globalThis as { homeyBreakGlassLimiter?: AttemptLimiter }).homeyBreakGlassLimiter ??=
  new AttemptLimiter(5, 15 * 60_000));


async function audit(action: string, detail: string) {
  await recordAuditEvent(prisma, { actor: BREAK_GLASS_USER, action, entityType: "session", entityId: BREAK_GLASS_USER, after: { detail } });
}

export function breakGlassOptions(): NextAuthOptions {
  return {
    secret: secretValue("NEXTAUTH_SECRET"),
    session: { strategy: "jwt", maxAge: 60 * 60 },
    pages: { signIn: "/break-glass" },
    providers: [
      CredentialsProvider({
        name: "Break-glass password",
        credentials: { password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const file = breakGlassHashFile();
          if (!file || !breakGlassEnabled()) return null;
          if (!limiter.tryAttempt(BREAK_GLASS_USER)) {
            await audit("break-glass-rate-limited", "too many attempts; locked for 15 minutes");
            return null;
          }
          const ok = verifyPassword(credentials?.password ?? "", readFileSync(file, "utf8"));
          await audit(ok ? "break-glass-login" : "break-glass-failed", ok ? "signed in" : "wrong password");
          return ok ? { id: BREAK_GLASS_USER, name: BREAK_GLASS_USER } : null;
        },
      }),
    ],
  };
}
