// Timeline entries with their links: an editor row that still exists (AREA_PATHS), a deploy.
import type { TimelineEntry } from "@/lib/audit/describe";
import type { TimelineItem } from "@/components/audit/timeline-list";
import { AREA_PATHS } from "../_editors/area-paths";

export function timelineItems(entries: TimelineEntry[], existing: Set<string>): TimelineItem[] {
  return entries.map((entry) => {
    const t = entry.target;
    if (t?.kind === "deploy") return { entry, href: `/deploys/${t.id}` };
    if (t?.kind === "area" && existing.has(`${t.area}:${t.id}`)) return { entry, href: `${AREA_PATHS[t.area]}/${t.id}` };
    return { entry, href: null };
  });
}
