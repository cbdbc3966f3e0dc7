// How domain-relative values read as real names: "@" is the bare domain.

export function hostName(subdomain: string, domain: string): string {
  return subdomain === "@" ? domain : `${subdomain}.${domain}`;
}

/** A monitor target as the URL Uptime Kuma will check; the same mapping as lib/nix/render's monitorUrl. */
export function monitorTargetUrl(target: string, domain: string): string {
  if (/^https?:\/\//i.test(target)) return target;
  const slash = target.indexOf("/");
  const sub = slash === -1 ? target : target.slice(0, slash);
  const path = slash === -1 ? "" : target.slice(slash);
  return `https://${hostName(sub, domain)}${path}`;
}
