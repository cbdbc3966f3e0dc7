// Where the stand-in nixos-rebuild lives, relative to the app's root: pure, so the UI can
// tell a simulated target from a real one (components/deploy/target-notice.tsx).
export const STANDIN_COMMAND_PATH = "lib/demo/standin/bin/nixos-rebuild";

/** True for the shipped stand-in (demo mode's simulated target), wherever the app is installed. */
export function isStandinCommand(command: string): boolean {
  return command.endsWith(`/${STANDIN_COMMAND_PATH}`);
}
