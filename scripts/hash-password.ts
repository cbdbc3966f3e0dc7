// Prints a break-glass password hash for HOMEY_BREAKGLASS_HASH_FILE.
// Usage: npx tsx scripts/hash-password.ts  (reads the password from stdin, never from argv)
import { hashPassword } from "../lib/auth/password-hash";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const password = input.replace(/\r?\n$/, "");
  if (password.length < 12) {
    console.error("Use a password of at least 12 characters.");
    process.exit(1);
  }
  console.log(hashPassword(password));
});
