// Telling the primary MetaServer from the standbys without harming any. Where a standby of the
// server's release redirects /meta/cluster (master), its answer to /meta/cluster tells. Where it
// does not (in v2.4.0 and v2.5.0 a standby crashes on it), /meta/cluster is sent only to the
// MetaServer established as the primary by /meta/nodes: a standby there knows no replica server.
import type { Release } from '@pegasus-http/spec';
import { roleContract, standbyBehaviour } from './contracts.js';
import { destinationOf, MAX_HOST_PORT, notNamed } from './hosts.js';
import { jsonOf } from './http.js';
import { readRelease } from './release.js';
import { isHttpUrl, send, type Transport } from './transport.js';

const CLUSTER = '/meta/cluster';
const NODES = '/meta/nodes';

/** A MetaServer given, with its release (none when it could not be reached) and the version it reported. */
export interface MetaServer {
  url: string;
  release?: Release;
  version?: string;
}

/** What the kit established: the primary, a standby, or neither (it could not tell, or not safely). */
export interface MetaServerState extends MetaServer {
  state: 'primary' | 'standby' | 'unknown';
  /** The address the primary gives itself in /meta/cluster. */
  hostPort?: string;
}

/** What one MetaServer showed of itself, before the others are compared. */
interface Sighting extends MetaServer {
  seen: 'primary' | 'standby' | 'knows-nodes' | 'no-nodes' | 'unknown';
  location?: string;
  hostPort?: string;
}

/** True when a standby of the release redirects /meta/cluster: asking it is then safe, and the answer tells. */
function clusterTells(release: Release): boolean {
  const cluster = roleContract('meta-server', release).index.find('GET', CLUSTER);
  return cluster !== undefined && standbyBehaviour(cluster).kind === 'redirect';
}

/** Asks a MetaServer for /meta/cluster: the primary answers it (naming itself), a standby redirects it. */
async function askCluster(transport: Transport, url: string): Promise<Omit<Sighting, keyof MetaServer>> {
  const answer = await send(transport, { server: url, method: 'GET', target: CLUSTER });
  const seen = answer.ok && answer.status === 200 ? 'primary' : answer.ok && answer.status === 307 ? 'standby' : 'unknown';
  const named = seen === 'primary' ? jsonOf<{ primary_meta_server?: unknown }>(answer)?.primary_meta_server : undefined;
  // An address, or nothing: a longer text names no host.
  const hostPort = typeof named === 'string' && named.length <= MAX_HOST_PORT ? named : undefined;
  const location = answer.ok ? answer.headers.location : undefined;
  return { seen, ...(location ? { location } : {}), ...(hostPort ? { hostPort } : {}) };
}

/** True when a MetaServer lists at least one replica server in /meta/nodes. */
async function knowsNodes(transport: Transport, url: string): Promise<boolean> {
  const details = jsonOf<{ details?: unknown }>(await send(transport, { server: url, method: 'GET', target: NODES }))?.details;
  return details !== null && typeof details === 'object' && !Array.isArray(details) && Object.keys(details).length > 0;
}

async function sight(transport: Transport, meta: MetaServer): Promise<Sighting> {
  if (!meta.release) return { ...meta, seen: 'unknown' };
  if (clusterTells(meta.release)) return { ...meta, ...(await askCluster(transport, meta.url)) };
  return { ...meta, seen: (await knowsNodes(transport, meta.url)) ? 'knows-nodes' : 'no-nodes' };
}

/** The MetaServer that knows replica servers is the primary: only now is /meta/cluster asked of it, for the address it gives itself. */
async function confirmPrimary(transport: Transport, candidate: Sighting): Promise<Sighting> {
  const { hostPort } = await askCluster(transport, candidate.url);
  return { ...candidate, seen: 'primary', ...(hostPort ? { hostPort } : {}) };
}

/**
 * Only standbys that redirect were given: the primary is where they point, when the run may
 * contact it (a server named, or any with --follow-redirects-anywhere); a note says when not.
 */
async function primaryThroughStandbys(
  transport: Transport,
  sightings: Sighting[],
  override: Release | undefined,
  notes: string[],
): Promise<Sighting | undefined> {
  const location = sightings.map((s) => s.location).find(isHttpUrl);
  if (!location) return undefined;
  const pointed = new URL(location);
  const url = destinationOf(transport.hosts, pointed);
  if (url === undefined) {
    notes.push(`No primary MetaServer answered; the standbys redirect to ${notNamed(pointed.origin)}.`);
    return undefined;
  }
  // A MetaServer named and asked already: it did not answer as the primary.
  if (sightings.some((s) => s.url === url)) return undefined;
  const found = await askCluster(transport, url);
  const release = await readRelease(transport, url, override);
  if (found.seen !== 'primary' || !('release' in release)) return undefined;
  notes.push(`The primary MetaServer, ${url}, was found through the standbys' redirects.`);
  return { url, ...release, ...found };
}

/** The state of each MetaServer once the primary is known (or known to be unknown). */
function stateOf(sighting: Sighting, primary: Sighting | undefined, notes: string[]): MetaServerState {
  const { url, release, version } = sighting;
  const base = { url, ...(release ? { release } : {}), ...(version !== undefined ? { version } : {}) };
  if (sighting === primary) return { ...base, state: 'primary', ...(sighting.hostPort ? { hostPort: sighting.hostPort } : {}) };
  if (primary && (sighting.seen === 'primary' || sighting.seen === 'knows-nodes')) {
    const why = sighting.seen === 'primary' ? 'answers /meta/cluster itself' : 'knows replica servers';
    notes.push(`${url} ${why} although ${primary.url} is primary: it is checked as a standby.`);
    return { ...base, state: 'standby' };
  }
  if (sighting.seen === 'standby' || (primary && sighting.seen === 'no-nodes')) return { ...base, state: 'standby' };
  return { ...base, state: 'unknown' };
}

function cannotTell(sightings: Sighting[]): string {
  const quiet = sightings.filter((s) => s.seen === 'no-nodes');
  const releases = [...new Set(quiet.map((s) => s.release))].join(' or ');
  return (
    `Cannot tell the primary MetaServer: ${quiet.map((s) => s.url).join(', ')} know${quiet.length === 1 ? 's' : ''} no replica server, ` +
    `as a ${releases} standby does and a primary with none registered does. /meta/cluster was sent to none of them; ` +
    'their calls are checked against what a primary or a standby may answer, and those a standby crashes on are skipped.'
  );
}

/** Every MetaServer given, in order, and the primary among them (or found through the standbys' redirects). */
export async function findMetaServers(
  transport: Transport,
  metas: MetaServer[],
  override: Release | undefined,
  notes: string[],
): Promise<MetaServerState[]> {
  const sightings: Sighting[] = [];
  for (const meta of metas) sightings.push(await sight(transport, meta));
  const candidate = sightings.findIndex((s) => s.seen === 'knows-nodes');
  if (!sightings.some((s) => s.seen === 'primary') && candidate >= 0)
    sightings[candidate] = await confirmPrimary(transport, sightings[candidate]!);
  let primary = sightings.find((s) => s.seen === 'primary');
  if (!primary) {
    primary = await primaryThroughStandbys(transport, sightings, override, notes);
    if (primary) sightings.push(primary);
  }
  if (!primary && sightings.some((s) => s.seen === 'no-nodes')) notes.push(cannotTell(sightings));
  return sightings.map((sighting) => stateOf(sighting, primary, notes));
}
