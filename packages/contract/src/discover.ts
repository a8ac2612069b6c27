// Step 1, discover: each server's release (from its /version, or --release), which MetaServer is
// primary and which are standbys (primary.ts), what the cluster has to query (a table and its app
// id, flags, the table's usage scenario), and what each server lists at `GET /`. Everything learnt
// is plain data for the plan step.
import type { Release, Role } from '@pegasus-http/spec';
import { roleContract } from './contracts.js';
import { type Answer, jsonOf } from './http.js';
import { findMetaServers, type MetaServerState } from './primary.js';
import { readRelease, type ServerRelease } from './release.js';
import { send, type Transport } from './transport.js';

/** What the kit has learnt about the cluster before probing it. */
export interface ClusterFacts {
  /** A table to query: chosen with --table, or the first user table of /meta/apps. */
  table?: { name: string; appId: string };
  /** A configuration flag that exists, and a mutable one with its current value. */
  flag?: string;
  mutableFlag?: { name: string; value: string };
  /** The table's current usage scenario (`normal` when it has none). */
  usageScenario?: string;
}

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
  /** Its answer to `GET /`. */
  listing: Answer;
  /** The calls it lists, when the listing is a JSON object. */
  listed?: Record<string, string>;
  /** False when its listing names no gperftools call: it was built without it. */
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

/** A table (the one asked for, else the first user table) and its usage scenario, from the primary. */
async function learnTable(transport: Transport, primary: string, wanted: string | undefined, notes: string[]): Promise<ClusterFacts> {
  const apps = await send(transport, { server: primary, method: 'GET', target: '/meta/apps' });
  const tables = Object.values(jsonOf<{ general_info?: Record<string, { app_name: string; app_id: string }> }>(apps)?.general_info ?? {});
  const table = wanted ? tables.find((t) => t.app_name === wanted) : (tables.find((t) => !t.app_name.startsWith('__')) ?? tables[0]);
  if (!table) {
    if (wanted) notes.push(`There is no available table named ${wanted}: the probes that need a table are skipped.`);
    return {};
  }
  const envs = await send(transport, {
    server: primary,
    method: 'GET',
    target: `/meta/app_envs?name=${encodeURIComponent(table.app_name)}`,
  });
  const usageScenario = jsonOf<Record<string, string>>(envs)?.['rocksdb.usage_scenario'] ?? 'normal';
  return { table: { name: table.app_name, appId: table.app_id }, usageScenario };
}

/** A flag that exists (config_sync_interval_ms when there), and a mutable integer or boolean flag with its value. */
async function learnFlags(transport: Transport, server: string): Promise<ClusterFacts> {
  const configs = await send(transport, { server, method: 'GET', target: '/configs' });
  const flags = jsonOf<Record<string, { type: string; tags: string; value: string }>>(configs) ?? {};
  const names = Object.keys(flags);
  const facts: ClusterFacts = {};
  const flag = names.includes('config_sync_interval_ms') ? 'config_sync_interval_ms' : names[0];
  if (flag !== undefined) facts.flag = flag;
  const mutable = Object.entries(flags).find(
    ([, f]) => f.tags === 'flag_tag::FT_MUTABLE' && f.type !== 'FV_STRING' && f.type !== 'FV_DOUBLE',
  );
  if (mutable) facts.mutableFlag = { name: mutable[0], value: mutable[1].value };
  return facts;
}

/** A server as far as discovery knows it before reading its listing. */
type KnownServer = Pick<DiscoveredServer, 'role' | 'url' | 'serverRole' | 'release' | 'version'>;

/** Reads a server's root listing, and whether it was built with gperftools. */
async function readListing(transport: Transport, server: KnownServer): Promise<Omit<DiscoveredServer, 'unreached'>> {
  const listing = await send(transport, { server: server.url, method: 'GET', target: '/' });
  const parsed = jsonOf<Record<string, string>>(listing);
  const listed = parsed && typeof parsed === 'object' ? parsed : undefined;
  const { gperftoolsPaths } = roleContract(server.role, server.release);
  const gperftools = listed ? Object.keys(listed).some((path) => gperftoolsPaths.includes(path)) : true;
  return { ...server, listing, ...(listed ? { listed } : {}), gperftools };
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

/** The table and flags to query: from the primary, and the flags from the first ReplicaServer when there is none. */
async function learnFacts(transport: Transport, primary: Primary | undefined, options: DiscoverOptions, notes: string[]) {
  const source = primary?.url ?? options.replica[0];
  return {
    ...(primary ? await learnTable(transport, primary.url, options.table, notes) : {}),
    ...(source ? await learnFlags(transport, source) : {}),
  };
}

/** The primary MetaServer, once its release is known. */
function primaryOf(metas: MetaServerState[]): Primary | undefined {
  const found = metas.find((m) => m.state === 'primary');
  if (!found?.release) return undefined;
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
  const primary = primaryOf(metas);
  const facts = await learnFacts(transport, primary, options, notes);
  const replicas = options.replica.map((url) => ({
    role: 'replica-server' as const,
    url,
    serverRole: 'replica' as const,
    ...releaseFields(releases.get(url)),
  }));
  const known: KnownServer[] = [...metas.map(knownMetaServer), ...replicas];
  const servers: DiscoveredServer[] = [];
  for (const server of known) {
    const read = await readListing(transport, server);
    const unreached = unreachedWhy(transport, server.url, releases.get(server.url));
    servers.push({ ...read, ...(unreached ? { unreached } : {}) });
  }
  return { ...(primary ? { primary } : {}), servers, facts, notes, problems };
}
