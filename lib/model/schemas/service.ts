import { z } from "zod";
import { checkbox, noControlChars, note } from "./fields";
import { absolutePath } from "./backup-path";
import { SERVICE_KINDS } from "./choices";

export { SERVICE_KINDS };

export const serviceSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(
      /^[a-z][a-z0-9-]{0,39}$/,
      "Use a short slug: lowercase letters, digits and hyphens, starting with a letter (e.g. nextcloud).",
    ),
  title: z.string().trim().min(1, "Give the service a title.").max(80, "Keep the title under 80 characters.").superRefine(noControlChars()),
  description: note,
  kind: z.enum(SERVICE_KINDS, { error: "Choose container, native or external-flake." }),
  enabled: checkbox,
  stateDir: z.union([z.literal(""), absolutePath]).default(""),
  // The systemd unit Prometheus reports for it; empty = the default (lib/live/unit-name.ts).
  unitName: z
    .string()
    .trim()
    .regex(/^$|^[A-Za-z0-9:_.@-]{1,200}\.(service|socket|timer|mount|target)$/, "Use a systemd unit name such as grafana.service or podman-nextcloud.service, or leave it empty for the default.")
    .default(""),
});

export type ServiceInput = z.infer<typeof serviceSchema>;
