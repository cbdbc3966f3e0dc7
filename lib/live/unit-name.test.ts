import { describe, expect, it } from "vitest";
import { serviceSchema } from "@/lib/model/schemas/service";
import { unitNameOf } from "./unit-name";

describe("unitNameOf", () => {
  it("defaults to <name>.service, podman-<name>.service for containers, and prefers the service's own", () => {
    expect(unitNameOf({ name: "grafana", kind: "native", unitName: "" })).toBe("grafana.service");
    expect(unitNameOf({ name: "eurovote", kind: "external-flake", unitName: "  " })).toBe("eurovote.service");
    expect(unitNameOf({ name: "attic", kind: "container", unitName: "" })).toBe("podman-attic.service");
    expect(unitNameOf({ name: "nextcloud", kind: "container", unitName: "phpfpm-nextcloud.service" })).toBe("phpfpm-nextcloud.service");
  });

  it("the form accepts empty or a unit name, and says what a unit name looks like otherwise", () => {
    const base = { name: "x", title: "X", description: "", kind: "native", enabled: "on", stateDir: "" };
    expect(serviceSchema.safeParse({ ...base, unitName: "" }).success).toBe(true);
    expect(serviceSchema.safeParse({ ...base, unitName: " podman-x.service " }).data?.unitName).toBe("podman-x.service");
    const bad = serviceSchema.safeParse({ ...base, unitName: "rm -rf /" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/systemd unit name such as grafana.service/);
  });
});
