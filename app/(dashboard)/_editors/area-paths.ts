import type { AreaName } from "@/lib/model/areas";

export const AREA_PATHS: Record<AreaName, string> = {
  service: "/services",
  virtualHost: "/vhosts",
  accessRule: "/access-rules",
  monitor: "/monitors",
  backupPath: "/backups",
};
