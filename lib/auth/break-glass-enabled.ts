import "server-only";
import { breakGlassHashFile, secretValue } from "@/lib/config/env";

/** Break-glass is off unless both a password-hash file and a session secret are configured. */
export function breakGlassEnabled(): boolean {
  return Boolean(breakGlassHashFile() && secretValue("NEXTAUTH_SECRET"));
}
