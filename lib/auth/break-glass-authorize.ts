// The break-glass credentials check, with its collaborators passed in (database, password-hash
// file, limiter, trusted proxies) so tests run the real function against a real SQLite file.
import "server-only";
import { readFileSync } from "node:fs";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { auditAttempt, auditLockout, BREAK_GLASS_ACTOR, countRefused } from "./break-glass-audit";
import { rateLimitedError } from "./break-glass-errors";
import { verifyPassword } from "./password-hash";
import type { AttemptLimiter } from "./rate-limit";
import { sourceAddress } from "./source-address";

export interface BreakGlassDeps {
  db: PrismaClient;
  /** The password-hash file, or undefined when break-glass is off. */
  hashFile(): string | undefined;
  limiter: AttemptLimiter;
  trustedProxies(): string[];
}

type Credentials = Record<string, string> | undefined;
/** What next-auth passes as authorize()'s second argument (only the headers matter here). */
type AuthorizeRequest = { headers?: Record<string, string | string[] | undefined> };

export function createBreakGlassAuthorize(deps: BreakGlassDeps) {
  return async function authorize(credentials: Credentials, request: AuthorizeRequest) {
    const file = deps.hashFile();
    if (!file) return null;
    const address = sourceAddress(request.headers, deps.trustedProxies());

    const gate = deps.limiter.check(address);
    if (!gate.allowed) {
      await countRefused(deps.db, address, gate.refused);
      // next-auth turns a thrown error into signIn()'s `error`: the form says how long to wait.
      throw new Error(rateLimitedError(gate.retryAfterMs));
    }

    const ok = verifyPassword(credentials?.password ?? "", readFileSync(file, "utf8"));
    if (ok) {
      deps.limiter.recordSuccess(address);
      await auditAttempt(deps.db, "break-glass-login", address);
      return { id: BREAK_GLASS_ACTOR, name: BREAK_GLASS_ACTOR };
    }
    await auditAttempt(deps.db, "break-glass-failed", address);
    const outcome = deps.limiter.recordFailure(address);
    if (!outcome.locked) return null;
    await auditLockout(deps.db, {
      address,
      failures: outcome.failures,
      lockedMinutes: Math.round(outcome.lockMs / 60_000),
      lockedUntil: new Date(outcome.lockedUntil).toISOString(),
      refused: 0,
    });
    throw new Error(rateLimitedError(outcome.lockMs));
  };
}
