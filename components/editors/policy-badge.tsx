import { Badge, type BadgeTone } from "./badge";

const POLICY_TONES: Record<string, BadgeTone> = { bypass: "amber", one_factor: "sky", two_factor: "green", deny: "red" };

export function PolicyBadge({ policy }: { policy: string }) {
  return <Badge tone={POLICY_TONES[policy] ?? "slate"}>{policy}</Badge>;
}
