// The nixos-rebuild invocation, built only from validated parts: an action from a fixed
// list, a flake attribute matching a strict pattern, a full commit SHA, and a repo path
// from the server's own configuration. Nothing typed by a user reaches a shell as text;
// for ssh every word is single-quoted on top of that (shell-quote.ts). A preview is a build
// plus the built system's own dry-activate (PREVIEW_SCRIPT), and activating a built system
// (a confirmed preview) is not a nixos-rebuild run either (ACTIVATE_SCRIPT).
import { z } from "zod";
import { PREVIEW_BUILT_PREFIX, STORE_PATH_PATTERN } from "./activation-preview";
import { DEPLOY_ACTIONS, type DeployAction, type DeployKind } from "./actions";
import { shellCommandLine } from "./shell-quote";

export { DEPLOY_ACTIONS, type DeployAction, type DeployKind };

export const deployActionSchema = z.enum(DEPLOY_ACTIONS, {
  error: `action must be one of ${DEPLOY_ACTIONS.join(", ")}`,
});

export const commitShaSchema = z
  .string()
  .regex(/^[0-9a-f]{40}$/, "commit must be a full 40-character lowercase hex SHA");

/** A nixosConfigurations name: no dots, quotes, spaces or shell characters. */
export const flakeAttrSchema = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}$/, "flake attribute may use letters, digits, '_' and '-' only (e.g. pi-main)");

/**
 * The repo path goes into a `git+file://` URL: absolute, and only characters that need no
 * URL escaping (no spaces, '?', '#', '%', quotes).
 */
export const flakeRepoPathSchema = z
  .string()
  .regex(/^\/[A-Za-z0-9._~+@/-]*$/, "flake repo must be an absolute path of letters, digits and . _ ~ + @ / -")
  .refine((p) => !p.split("/").includes(".."), "flake repo path must not contain '..'");

/** The program to run: a bare name looked up on PATH, or an absolute path. */
export const rebuildCommandSchema = z
  .string()
  .regex(/^(\/[A-Za-z0-9._+@/-]+|[A-Za-z0-9._+-]+)$/, "command must be a program name or an absolute path");

export const NIX_LOG_FLAGS = ["--log-format", "internal-json", "-v"] as const;

/**
 * A built system to activate: the path a preview's dry-activate built. Absolute, ending in
 * <hash>-<name> (a private store's prefix is allowed: the stand-in's is not /nix/store),
 * nothing a shell reads.
 */
export const storePathSchema = z
  .string()
  .regex(STORE_PATH_PATTERN, "a built system must be a Nix store path (/nix/store/<hash>-<name>)")
  .refine((p) => !p.split("/").includes(".."), "a store path must not contain '..'");

/** Actions that can activate an already built system. */
export const STORE_PATH_ACTIONS = ["switch", "test", "boot"] as const satisfies readonly DeployAction[];

export type RebuildRequest =
  | { action: DeployAction; commitSha: string; storePath?: string }
  | { rollback: true };

export interface RebuildTarget {
  command: string;
  flakeRepo: string;
  flakeAttr: string;
  /** nix-env on the target (activating a built system sets the profile with it). */
  nixEnv: string;
  /** The system profile whose generations switch/boot add and `--rollback` steps back through. */
  systemProfile: string;
  /** Where a preview's build keeps its GC root (a `result` link) until it is confirmed or superseded. */
  previewRoots: string;
}

export interface RebuildCommand {
  /** argv[0] and the rest, for spawn without a shell. */
  argv: string[];
  /** What the log's first line shows instead of argv, when argv is a script. */
  display?: string;
}

/** A profile path: absolute, only characters no shell or Nix reads specially. */
export const systemProfileSchema = z
  .string()
  .regex(/^\/[A-Za-z0-9._+@/-]+$/, "the system profile must be an absolute path of letters, digits and . _ + @ / -")
  .refine((p) => !p.split("/").includes(".."), "the system profile path must not contain '..'");

/** The preview builds' GC-root directory: absolute, only characters no shell or Nix reads specially. */
export const previewRootsSchema = z
  .string()
  .regex(/^\/[A-Za-z0-9._+@/-]+$/, "the preview roots directory must be an absolute path of letters, digits and . _ + @ / -")
  .refine((p) => !p.split("/").includes(".."), "the preview roots directory must not contain '..'");

/**
 * Lets go of every preview's GC root under "$roots": links and empty dirs only, nothing else is
 * removed. Once the profile holds another system, no preview can be confirmed any more
 * (preview-switch.ts refuses one overtaken by an activation), so their builds need no root.
 */
const DROP_PREVIEW_ROOTS = 'for old in "$roots"/preview-*; do [ -d "$old" ] || continue; rm -f "$old/result"; rmdir "$old" 2>/dev/null; done';

/** The actions that give the system profile a new current generation. */
const PROFILE_ACTIONS: readonly DeployAction[] = ["switch", "boot"];

/**
 * nixos-rebuild switch/boot (or `switch --rollback`) as given, then, once it has changed the
 * profile (exit 0, or 4: switched but units failed), the previews' roots let go. The exit code
 * is nixos-rebuild's. A fixed script; ROOTS and the command are positional arguments.
 */
export const PROFILE_REBUILD_SCRIPT = [
  'roots="$1"; shift',
  // Said as Nix says an error (internal-json), so the deploy's headline and error panel carry it;
  // $1 passed rebuildCommandSchema (letters, digits, . _ + @ / -), nothing to escape in JSON.
  'command -v "$1" >/dev/null 2>&1 || { echo "@nix {\\"action\\":\\"msg\\",\\"level\\":0,\\"msg\\":\\"error: could not start $1: no such program on the target (HOMEY_DEPLOY_COMMAND)\\"}" >&2; exit 127; }',
  '"$@"; rc=$?',
  `if [ "$rc" = 0 ] || [ "$rc" = 4 ]; then ${DROP_PREVIEW_ROOTS}; fi`,
  'exit "$rc"',
].join("\n");

/**
 * Activating a system that is already built, as nixos-rebuild does once its build is done:
 * switch and boot first make it the profile's new generation (`nix-env -p PROFILE --set`,
 * so `switch --rollback` later steps back to the system that ran before), then
 * `<system>/bin/switch-to-configuration <action>` with NIXOS_INSTALL_BOOTLOADER=0 (no
 * --install-bootloader). Its exit code is the command's: 4 still means "switched, but units
 * failed". Once the profile holds the system, the previews' GC roots are let go (every
 * preview is spent by an activation; links and empty dirs only, nothing else is removed).
 * A fixed script; the five values are positional arguments, never script text.
 */
export const ACTIVATE_SCRIPT = [
  'nix_env="$1"; profile="$2"; system="$3"; action="$4"; roots="$5"',
  'if [ ! -x "$system/bin/switch-to-configuration" ]; then',
  '  echo "error: $system is not a built NixOS system on this machine (no bin/switch-to-configuration; was it garbage-collected?). Preview the commit again." >&2',
  "  exit 1",
  "fi",
  'echo "activating $system, built by the preview (no new build)" >&2',
  'if [ "$action" != test ]; then',
  '  "$nix_env" -p "$profile" --set "$system" || { echo "error: could not make $system the current generation of $profile" >&2; exit 1; }',
  `  ${DROP_PREVIEW_ROOTS}`,
  "fi",
  'NIXOS_INSTALL_BOOTLOADER=0 exec "$system/bin/switch-to-configuration" "$action"',
].join("\n");

/**
 * A preview: build the commit and dry-activate that build, so the confirm can activate it.
 * Not `nixos-rebuild dry-activate`: 25.05's default (bash) nixos-rebuild builds into a temp
 * dir it deletes and never says where the build is (only nixos-rebuild-ng prints "Done. The
 * new configuration is …"). `nixos-rebuild build` leaves `./result` in its working directory
 * in both versions (a `nix build` out-link, an indirect GC root), so the build runs in a new
 * directory under ROOTS, `readlink -f result` names the system, the marker line says so
 * (activation-preview.ts reads it), and the built `switch-to-configuration dry-activate`
 * prints what would change, as nixos-rebuild's own dry-activate runs it. The link stays
 * until the next successful preview supersedes it or a confirm activates it (ACTIVATE_SCRIPT),
 * so garbage collection in between cannot delete the build. A failed build leaves nothing.
 * Fixed script; the values are positional arguments: rebuild, REF#ATTR, ROOTS, Nix log flags.
 */
export const PREVIEW_SCRIPT = [
  'rebuild="$1"; flake="$2"; roots="$3"; shift 3',
  'mkdir -p "$roots" && dir=$(mktemp -d "$roots/preview-XXXXXXXX") || { echo "error: cannot create a directory under $roots for the preview build (HOMEY_DEPLOY_PREVIEW_ROOTS)" >&2; exit 1; }',
  'cd "$dir" || exit 1',
  'drop() { rm -f "$1/result"; rmdir "$1" 2>/dev/null; }',
  '"$rebuild" build --flake "$flake" "$@"; rc=$?',
  'if [ "$rc" != 0 ]; then cd /; drop "$dir"; exit "$rc"; fi',
  'out=$(readlink -f result)',
  'if [ -z "$out" ] || [ ! -x "$out/bin/switch-to-configuration" ]; then',
  '  echo "error: $rebuild build left no ./result with bin/switch-to-configuration in $dir" >&2; cd /; drop "$dir"; exit 1',
  "fi",
  `echo "${PREVIEW_BUILT_PREFIX}$out (kept from garbage collection by $dir/result until it is confirmed or superseded)" >&2`,
  'NIXOS_INSTALL_BOOTLOADER=0 "$out/bin/switch-to-configuration" dry-activate; rc=$?',
  // Superseded only by a preview that got this far: a failed one leaves the older builds kept.
  'if [ "$rc" = 0 ]; then for old in "$roots"/preview-*; do [ "$old" = "$dir" ] || [ ! -d "$old" ] || drop "$old"; done; fi',
  'exit "$rc"',
].join("\n");

export function flakeRef(repoPath: string, commitSha: string): string {
  return `git+file://${flakeRepoPathSchema.parse(repoPath)}?rev=${commitShaSchema.parse(commitSha)}`;
}

export function buildRebuildCommand(request: RebuildRequest, target: RebuildTarget): RebuildCommand {
  const command = rebuildCommandSchema.parse(target.command);
  if ("rollback" in request) {
    return profileRebuild([command, "switch", "--rollback", ...NIX_LOG_FLAGS], target);
  }
  const action = deployActionSchema.parse(request.action);
  if (request.storePath !== undefined) {
    if (!(STORE_PATH_ACTIONS as readonly string[]).includes(action)) {
      throw new Error(`a built system can be activated with ${STORE_PATH_ACTIONS.join(", ")} only, not ${action}`);
    }
    const system = storePathSchema.parse(request.storePath);
    const nixEnv = rebuildCommandSchema.parse(target.nixEnv);
    const profile = systemProfileSchema.parse(target.systemProfile);
    const display =
      action === "test"
        ? `${system}/bin/switch-to-configuration test`
        : `${nixEnv} -p ${profile} --set ${system} && ${system}/bin/switch-to-configuration ${action}`;
    const roots = previewRootsSchema.parse(target.previewRoots);
    return { argv: ["sh", "-c", ACTIVATE_SCRIPT, "homey-admin-activate", nixEnv, profile, system, action, roots], display };
  }
  const attr = flakeAttrSchema.parse(target.flakeAttr);
  const ref = flakeRef(target.flakeRepo, request.commitSha);
  if (action === "dry-activate") {
    const roots = previewRootsSchema.parse(target.previewRoots);
    const build = [command, "build", "--flake", `${ref}#${attr}`, ...NIX_LOG_FLAGS].join(" ");
    return {
      argv: ["sh", "-c", PREVIEW_SCRIPT, "homey-admin-preview", command, `${ref}#${attr}`, roots, ...NIX_LOG_FLAGS],
      display: `cd ${roots}/preview-XXXXXXXX && ${build} && $(readlink -f result)/bin/switch-to-configuration dry-activate`,
    };
  }
  const rebuild = [command, action, "--flake", `${ref}#${attr}`, ...NIX_LOG_FLAGS];
  return PROFILE_ACTIONS.includes(action) ? profileRebuild(rebuild, target) : { argv: rebuild };
}

function profileRebuild(rebuild: string[], target: RebuildTarget): RebuildCommand {
  const roots = previewRootsSchema.parse(target.previewRoots);
  return { argv: ["sh", "-c", PROFILE_REBUILD_SCRIPT, "homey-admin-rebuild", roots, ...rebuild], display: rebuild.join(" ") };
}

/** The single string ssh exec sends to the remote login shell. */
export function remoteCommandLine(command: RebuildCommand): string {
  return shellCommandLine(command.argv);
}

/** For the log's first line and the UI: readable, not meant for a shell. */
export function displayCommand(command: RebuildCommand): string {
  return command.display ?? command.argv.join(" ");
}
