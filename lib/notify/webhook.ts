// Notices outside the app: one ntfy-compatible POST per failure (an unhealthy deploy waiting
// for a decision, an automatic rollback, a failed rollback or deploy), with the deploy's
// link. Configured by HOMEY_NOTIFY_URL (+ HOMEY_NOTIFY_TOKEN_FILE, sent as a Bearer token);
// nothing is sent when it is not set. A failed POST is logged (without the token) and never
// fails what it reports on.
import "server-only";
import { notifyToken, notifyUrl, publicBaseUrl } from "@/lib/config/env";
import type { RolloutNotice } from "@/lib/rollout/notice";

export interface WebhookTarget {
  url: string;
  token?: string;
  /** The dashboard's address, for the deploy link. */
  baseUrl: string;
  timeoutMs?: number;
}

const TAGS: Record<RolloutNotice["kind"], string> = {
  unhealthy: "warning",
  auto_rollback: "rewind",
  rollback_failed: "rotating_light",
  deploy_failed: "x",
};

/** HTTP headers carry ASCII only (ntfy's Title too): anything else becomes "-". */
const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, "-").slice(0, 200);

/** Sends one notice; resolves false (and logs why) when the receiver did not take it. */
export async function postNotice(target: WebhookTarget, notice: RolloutNotice): Promise<boolean> {
  const link = `${target.baseUrl.replace(/\/+$/, "")}/deploys/${notice.deployId}`;
  const headers: Record<string, string> = {
    "Content-Type": "text/plain; charset=utf-8",
    Title: ascii(notice.title),
    Tags: TAGS[notice.kind],
    Priority: notice.kind === "unhealthy" ? "default" : "high",
    Click: link,
  };
  if (target.token) headers.Authorization = `Bearer ${target.token}`;
  try {
    const res = await fetch(target.url, { method: "POST", headers, body: `${notice.message}\n${link}`, signal: AbortSignal.timeout(target.timeoutMs ?? 10_000) });
    if (!res.ok) console.error(`homey-admin: the notice about deploy ${notice.deployId} was refused by the webhook (HTTP ${res.status}); check HOMEY_NOTIFY_URL and the token file`);
    return res.ok;
  } catch (error) {
    console.error(`homey-admin: the notice about deploy ${notice.deployId} could not be sent to the webhook: ${(error as Error).message}`);
    return false;
  }
}

/** The configured webhook, or null when HOMEY_NOTIFY_URL is not set. */
export function configuredWebhook(): WebhookTarget | null {
  const url = notifyUrl();
  if (!url) return null;
  let token: string | undefined;
  try {
    token = notifyToken();
  } catch (error) {
    console.error(`homey-admin: HOMEY_NOTIFY_TOKEN_FILE could not be read (${(error as NodeJS.ErrnoException).code ?? "error"}); sending the notice without a token`);
  }
  return { url, token, baseUrl: publicBaseUrl() };
}

/** The notifier the rollout uses: the configured webhook, or nothing at all. */
export async function notifyWebhook(notice: RolloutNotice): Promise<void> {
  const target = configuredWebhook();
  if (target) await postNotice(target, notice);
}
