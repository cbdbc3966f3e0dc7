// Starts the deploy test rig and keeps it running until SIGINT/SIGTERM.
//
//   node_modules/.bin/tsx scripts/test-rig/cli.ts [--dir DIR] [--flake-repo PATH] [--no-sshd]
// (run tsx directly, not through npx: npx does not forward SIGTERM to it)
//
// Prints ONE line of JSON on stdout once ready:
//   { "dir", "stateFile", "sshdPid", "env": { "ssh": {...}, "local": {...} } }
// Set env.ssh (or env.local) in homey-admin's environment to deploy to the rig.
import { startTestRig } from "./rig";

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const rig = await startTestRig({
    dir: argValue("--dir"),
    flakeRepo: argValue("--flake-repo"),
    sshd: !process.argv.includes("--no-sshd"),
  });
  process.stdout.write(
    `${JSON.stringify({ dir: rig.dir, stateFile: rig.standin.stateFile, sshdPid: rig.sshd?.pid ?? null, env: rig.env })}\n`,
  );
  const stop = async () => {
    await rig.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  // Stay alive while the parent does: an orphaned rig (parent crashed) cleans up after itself.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 1000);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
