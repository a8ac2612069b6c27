// The hosts rule: the kit sends requests only to the servers named on the command line (`--meta`,
// `--replica`). A 307 is followed only to one of them: to its URL as named, or to the address the
// primary MetaServer gives itself in /meta/cluster (a master standby's `Location` names the
// primary by its host name, the command line by its IP), which is the same named server. Any
// other host is reported, not contacted, unless `--follow-redirects-anywhere` allows it.
import { clip } from './findings.js';

export interface Hosts {
  /** The origins named on the command line, `http://host:port`. */
  named: ReadonlySet<string>;
  /** Another address of a named server (`host:port` as it gives itself) → its origin as named. */
  aliases: Map<string, string>;
  /** `--follow-redirects-anywhere`: any http:// URL may be contacted. */
  anywhere: boolean;
}

/** The longest `host:port` taken as a server's own address: a longer one names no host. */
export const MAX_HOST_PORT = 261;

export function hostsOf(urls: string[], anywhere = false): Hosts {
  return { named: new Set(urls.map((url) => new URL(url).origin)), aliases: new Map(), anywhere };
}

/** Notes the address a named server gives itself, so that a redirect there reaches it as named. */
export function addAlias(hosts: Hosts, hostPort: string, origin: string): void {
  if (hostPort.length > MAX_HOST_PORT || !hosts.named.has(origin)) return;
  try {
    const { host } = new URL(`http://${hostPort}`);
    if (!hosts.aliases.has(host)) hosts.aliases.set(host, origin);
  } catch {
    // not an address: nothing to note
  }
}

/** True when the kit may send a request to this origin. */
export function mayContact(hosts: Hosts, origin: string): boolean {
  return hosts.named.has(origin) || hosts.anywhere;
}

/**
 * Where a URL is sent, if anywhere: the named server it designates (by its origin, or an address it
 * gives itself), or with `--follow-redirects-anywhere` its own origin; undefined otherwise.
 */
export function destinationOf(hosts: Hosts, url: URL): string | undefined {
  if (url.protocol !== 'http:') return undefined;
  if (hosts.named.has(url.origin)) return url.origin;
  return hosts.aliases.get(url.host) ?? (hosts.anywhere ? url.origin : undefined);
}

/** A URL the run does not contact, and why, for a finding or a note: `http://x:34601, which was not named …`. */
export function notNamed(url: string, what = 'not contacted'): string {
  return `${clip(url)}, which was not named with --meta or --replica: ${what} (name it, or pass --follow-redirects-anywhere)`;
}
