// Step 1, discover: each server's release (from its /version, or --release), which MetaServer is
// primary and which are standbys (primary.ts), what the cluster has to query (a table and its app
// id, flags, the table's usage scenario), and whether each server lists the gperftools calls at
// `GET /`. Everything learnt is plain data for the plan step; no answer is kept.
import type { Release, Role } from '@pegasus-http/spec';
import { roleContract } from './contracts.js';
import { type ClusterFacts, learnFacts } from './facts.js';
import { addAlias } from './hosts.js';
import { jsonOf } from './http.js';
import { findMetaServers, type MetaServerState } from './primary.js';
import { readRelease, type ServerRelease } from './release.js';

export type { ClusterFacts } from './facts.js';

import { send, type Transport } from './transport.js';

/**
 * A server's part in the cluster: the primary or a standby MetaServer, a MetaServer the kit could
 * not safely tell either way (`unknown`), or a ReplicaServer.
 */
export type ServerRole = 'primary' | 'standby' | 'unknown' | 'replica';

/** The primary MetaServer: the URL it was reached at, the address it gives itself in /meta/cluster, its release. */
export interface Primary {
  url: string;
  hostPort?: string;
  release: Release;
}

export interface DiscoveredServer {
  role: Role;
  url: string;
  serverRole: ServerRole;
  /** The release whose contract it is checked against; none when it could not be reached. */
  release?: Release;
  /** The version it reported at /version (none when --release chose its release). */
  version?: string;
  /** False when its listing (`GET /`) names no gperftools call: it was built without it. */
  gperftools: boolean;
  /** Why it is not probed beyond its listing: it did not answer /version, or nothing at all. */
  unreached?: string;
}

export interface Discovery {
  primary?: Primary;
  servers: DiscoveredServer[];
  facts: ClusterFacts;
  notes: string[];
  /** Why the run cannot check the cluster: a server whose release cannot be told. */
  problems: string[];
}

export interface DiscoverOptions {
  meta: string[];
  replica: string[];
  table?: string;
  /** Check every server against this release's contract instead of the one its /version names. */
  release?: Release;
}

/** A server as far as discovery knows it before reading its listing. */
type KnownServer = Pick<DiscoveredServer, 'role' | 'url' | 'serverRole' | 'release' | 'version'>;

/** Whether a server was built with gperftools, as its root listing tells (asked only of a server whose release is known). */
async function readGperftools(transport: Transport, server: KnownServer): Promise<boolean> {
  if (!server.release) return true;
  const listed = jsonOf<Record<string, unknown>>(await send(transport, { server: server.url, method: 'GET', target: '/' }));
  if (!listed || typeof listed !== 'object') return true;
  return roleContract(server.role, server.release).gperftoolsPaths.some((path) => Object.hasOwn(listed, path));
}

/** Each server's release, asked once per URL. */
async function readReleases(transport: Transport, urls: string[], override: Release | undefined): Promise<Map<string, ServerRelease>> {
  const releases = new Map<string, ServerRelease>();
  for (const url of urls) if (!releases.has(url)) releases.set(url, await readRelease(transport, url, override));
  return releases;
}

function releaseFields(release: ServerRelease | undefined): Pick<DiscoveredServer, 'release' | 'version'> {
  if (!release || !('release' in release)) return {};
  return { release: release.release, ...(release.version !== undefined ? { version: release.version } : {}) };
}

/** The primary MetaServer, once its release is known; the address it gives itself leads to it. */
function primaryOf(transport: Transport, metas: MetaServerState[]): Primary | undefined {
  const found = metas.find((m) => m.state === 'primary');
  if (!found?.release) return undefined;
  if (found.hostPort) addAlias(transport.hosts, found.hostPort, found.url);
  return { url: found.url, release: found.release, ...(found.hostPort ? { hostPort: found.hostPort } : {}) };
}

function knownMetaServer({ url, state, release, version }: MetaServerState): KnownServer {
  return { role: 'meta-server', url, serverRole: state, ...(release ? { release } : {}), ...(version !== undefined ? { version } : {}) };
}

/** Why a server is not probed: no answer to /version, or none at all. */
function unreachedWhy(transport: Transport, url: string, release: ServerRelease | undefined): string | undefined {
  if (release && 'unreached' in release) return release.unreached;
  return transport.answered.has(url) ? undefined : 'no answer';
}

export async function discover(transport: Transport, options: DiscoverOptions): Promise<Discovery> {
  const notes: string[] = [];
  const releases = await readReleases(transport, [...options.meta, ...options.replica], options.release);
  const problems = [...releases.values()].flatMap((release) => ('problem' in release ? [release.problem] : []));
  if (problems.length > 0) return { servers: [], facts: {}, notes, problems };
  const given = options.meta.map((url) => ({ url, ...releaseFields(releases.get(url)) }));
  const metas = await findMetaServers(transport, given, options.release, notes);
  const primary = primaryOf(transport, metas);
  // Facts only from servers that answered /version: a server that did not is asked nothing more here.
  const replica = options.replica.find((url) => 'release' in (releases.get(url) ?? {}));
  const sources = { ...(primary ? { primary: primary.url } : {}), ...(replica ? { replica } : {}) };
  const facts = await learnFacts(transport, sources, options.table, notes);
  const replicas = options.replica.map((url) => ({
    role: 'replica-server' as const,
    url,
    serverRole: 'replica' as const,
    ...releaseFields(releases.get(url)),
  }));
  const known: KnownServer[] = [...metas.map(knownMetaServer), ...replicas];
  const servers: DiscoveredServer[] = [];
  for (const server of known) {
    const gperftools = await readGperftools(transport, server);
    const unreached = unreachedWhy(transport, server.url, releases.get(server.url));
    servers.push({ ...server, gperftools, ...(unreached ? { unreached } : {}) });
  }
  return { ...(primary ? { primary } : {}), servers, facts, notes, problems };
}
