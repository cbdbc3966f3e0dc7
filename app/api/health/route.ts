// Liveness for Uptime Kuma and the launch scripts; says nothing about the draft.
export function GET() {
  return Response.json({ ok: true });
}
