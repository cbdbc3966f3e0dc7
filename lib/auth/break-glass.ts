import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { breakGlassHashFile, secretValue, trustedProxies } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { BREAK_GLASS_ACTOR } from "./break-glass-audit";
import { createBreakGlassAuthorize } from "./break-glass-authorize";
import { AttemptLimiter, BREAK_GLASS_LIMITS } from "./rate-limit";
import { breakGlassEnabled } from "./break-glass-enabled";

export { breakGlassEnabled };

// Break-glass: a local admin login for the day a deploy breaks Authelia itself.
// Off unless both a password-hash file and a session secret are configured.
export const BREAK_GLASS_USER = BREAK_GLASS_ACTOR;

// Per source address, with back-off (see rate-limit.ts); on globalThis so it survives module reloads.
const limiter = ((globalThis as { homeyBreakGlassAddressLimiter?: AttemptLimiter }).homeyBreakGlassAddressLimiter ??= new AttemptLimiter(BREAK_GLASS_LIMITS));


const authorize = createBreakGlassAuthorize({
  db: prisma,
  hashFile: () => (breakGlassEnabled() ? breakGlassHashFile() : undefined),
  limiter,
  trustedProxies,
});

export function breakGlassOptions(): NextAuthOptions {
  return {
    secret: secretValue("NEXTAUTH_SECRET"),
    session: { strategy: "jwt", maxAge: 60 * 60 },
    // Errors come back to the sign-in page as ?error=CODE (without JavaScript too).
    pages: { signIn: "/break-glass", error: "/break-glass" },
    providers: [
      CredentialsProvider({
        name: "Break-glass password",
        credentials: { password: { label: "Password", type: "password" } },
        authorize,
      }),
    ],
  };
}
