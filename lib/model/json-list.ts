// SQLite has no list columns: lists are stored as JSON text and decoded here, at the boundary.
export function encodeList(value: unknown[]): string {
  return JSON.stringify(value);
}

export function decodeStringList(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

export function decodeSubjects(text: string): string[][] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.map((g) => (Array.isArray(g) ? g.map(String) : [String(g)])) : [];
}

/** An access rule's lists as the AccessRule row stores them. */
export function encodeAccessRuleLists(rule: {
  domains: string[];
  resources: string[];
  subjects: string[][];
  methods: string[];
  networks: string[];
}) {
  return {
    domains: encodeList(rule.domains),
    resources: encodeList(rule.resources),
    subjects: encodeList(rule.subjects),
    methods: encodeList(rule.methods),
    networks: encodeList(rule.networks),
  };
}
