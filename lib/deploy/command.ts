// The nixos-rebuild invocation, built only from validated parts: an action from a fixed
// list, a flake attribute matching a strict pattern, a full commit SHA, and a repo path
// from the server's own configuration. Nothing typed by a user reaches a shell as text;
// for ssh every word is single-quoted on top of that (shell-quote.ts).
import { z } from "zod";
import { STORE_PATH_PATTERN } from "./activation-preview";
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
 * A built system to activate (`--store-path`, nixos-rebuild-ng's flag: no evaluation, no
 * build; it sets the profile generation and runs switch-to-configuration like a switch does):
 * the path a preview's dry-activate built. Absolute, ending in <hash>-<name>, nothing a shell reads.
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
}

export interface RebuildCommand {
  /** argv[0] and the rest, for spawn without a shell. */
  argv: string[];
}

export function flakeRef(repoPath: string, commitSha: string): string {
  return `git+file://${flakeRepoPathSchema.parse(repoPath)}?rev=${commitShaSchema.parse(commitSha)}`;
}

export function buildRebuildCommand(request: RebuildRequest, target: RebuildTarget): RebuildCommand {
  const command = rebuildCommandSchema.parse(target.command);
  if ("rollback" in request) {
    return { argv: [command, "switch", "--rollback", ...NIX_LOG_FLAGS] };
  }
  const action = deployActionSchema.parse(request.action);
  if (request.storePath !== undefined) {
    if (!(STORE_PATH_ACTIONS as readonly string[]).includes(action)) {
      throw new Error(`a built system can be activated with ${STORE_PATH_ACTIONS.join(", ")} only, not ${action}`);
    }
    return { argv: [command, action, "--store-path", storePathSchema.parse(request.storePath), ...NIX_LOG_FLAGS] };
  }
  const attr = flakeAttrSchema.parse(target.flakeAttr);
  const ref = flakeRef(target.flakeRepo, request.commitSha);
  return { argv: [command, action, "--flake", `${ref}#${attr}`, ...NIX_LOG_FLAGS] };
}

/** The single string ssh exec sends to the remote login shell. */
export function remoteCommandLine(command: RebuildCommand): string {
  return shellCommandLine(command.argv);
}

/** For the log's first line and the UI: readable, not meant for a shell. */
export function displayCommand(command: RebuildCommand): string {
  return command.argv.join(" ");
}
