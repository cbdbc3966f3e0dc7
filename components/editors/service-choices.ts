export interface ServiceOption {
  id: number;
  name: string;
}

export function serviceChoices(services: ServiceOption[]) {
  return [{ value: "", label: "— none —" }, ...services.map((s) => ({ value: s.id, label: s.name }))];
}
