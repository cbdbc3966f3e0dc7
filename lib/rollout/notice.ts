// What homey-admin tells the admin about outside the app (the webhook, lib/notify): one
// notice per failure. Pure.
export type RolloutNoticeKind = "unhealthy" | "auto_rollback" | "rollback_failed" | "deploy_failed";

export interface RolloutNotice {
  kind: RolloutNoticeKind;
  /** The deploy the notice is about (its page is linked). */
  deployId: number;
  /** One short line (ntfy's Title). */
  title: string;
  /** What happened and what was done, in words. */
  message: string;
}
