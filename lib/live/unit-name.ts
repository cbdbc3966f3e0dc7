// Which systemd unit stands for a service, as systemd_exporter names it. homey runs
// containers through virtualisation.oci-containers (podman-<name>.service); everything else
// is a NixOS service of the same name. An admin can name another unit on the service.
export interface UnitNamed {
  name: string;
  kind: string;
  /** The service's own choice; "" means the default. */
  unitName: string;
}

export function defaultUnitName(service: Pick<UnitNamed, "name" | "kind">): string {
  return service.kind === "container" ? `podman-${service.name}.service` : `${service.name}.service`;
}

export function unitNameOf(service: UnitNamed): string {
  return service.unitName.trim() || defaultUnitName(service);
}
