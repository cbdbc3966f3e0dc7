// A deploy's log and progress as Server-Sent Events (lib/deploy/sse-stream.ts), resumed
// from Last-Event-ID + 1 or ?from=.
import { deployRunner } from "@/lib/deploy/instance";
import { deployIdForApiRequest } from "@/lib/deploy/api-access";
import { getDeployOutcome } from "@/lib/deploy/history";
import { resumeFrom } from "@/lib/deploy/live-events";
import { deployEventsResponse } from "@/lib/deploy/sse-stream";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await deployIdForApiRequest((await params).id);
  if ("response" in access) return access.response;
  return deployEventsResponse({
    deployId: access.id,
    from: resumeFrom(request.headers.get("last-event-id"), new URL(request.url).searchParams.get("from")),
    bus: deployRunner().bus,
    loadOutcome: (id) => getDeployOutcome(access.admin, id),
    signal: request.signal,
  });
}
