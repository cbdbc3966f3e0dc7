// The deploy actions on their own, without zod: the deploy form lists them in the browser, and
// importing command.ts there would put zod (~30 kB gzip) in the deploys page's first-load JS.
export const DEPLOY_ACTIONS = ["switch", "test", "boot", "dry-activate", "build"] as const;
export type DeployAction = (typeof DEPLOY_ACTIONS)[number];
/** What a Deploy row records: an action, or "rollback" (`switch --rollback`). */
export type DeployKind = DeployAction | "rollback";
