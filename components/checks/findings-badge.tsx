// A list row's findings: how many, coloured by the worst; the messages in the title.
import type { RowBadge } from "@/lib/checks";
import { Badge } from "@/components/editors/badge";

const TONE = { error: "red", warning: "amber", info: "sky" } as const;
const WORD = { error: "error", warning: "warning", info: "note" } as const;

export function FindingsBadge({ badge }: { badge?: RowBadge }) {
  if (!badge) return null;
  // "1 warning", or "3 findings, worst: error": the count and the worst, in words.
  const text = badge.count === 1 ? `1 ${WORD[badge.worst]}` : `${badge.count} findings, worst: ${WORD[badge.worst]}`;
  return (
    <span data-testid="findings-badge" data-severity={badge.worst} className="ml-2">
      <Badge tone={TONE[badge.worst]} title={badge.messages.join("\n")}>
        {text}
      </Badge>
    </span>
  );
}
