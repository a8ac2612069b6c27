// Step 1, discover: which MetaServer is primary and which are standbys, what the cluster has to
// query (a table and its app id, flags, the table's usage scenario), and what each server lists
// at `GET /`. Everything learnt is plain data for the plan step.
import type { Role } from '@pegasus-http/spec';
import { roleContract } from './contracts.js';
import type { Answer } from './http.js';
import { isHttpUrl, send, type Transport } from './transport.js';

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

/** A server's part in the cluster: the primary or a standby MetaServer, or a ReplicaServer. */
export type ServerRole = 'primary' | 'standby' | 'replica';

/** The primary MetaServer: the URL it was reached at, and the address it gives itself in /meta/cluster. */
export interface Primary {
  url: string;
  hostPort?: string;
}

// Later facts per server (its release, from /version) belong here, beside its listing.
export interface DiscoveredServer {
  role: Role;
  url: string;
  serverRole: ServerRole;
  /** Its answer to `GET /`. */
  listing: Answer;
  /** The calls it lists, when the listing is a JSON object. */
  listed?: Record<string, string>;
  /** False when its listing names no gperftools call: it was built without it. */
  gperftools: boolean;
  /** It answered something during discovery. */
  reached: boolean;
}

export interface Discovery {
  primary?: Primary;
  servers: DiscoveredServer[];
  facts: ClusterFacts;
  notes: string[];
}

export interface DiscoverOptions {
  meta: string[];
  replica: string[];
  table?: string;
}

interface MetaServerState {
  url: string;
  state: 'primary' | 'standby' | 'unknown';
  location?: string;
  hostPort?: string;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The body of a 200 as JSON, or undefined. */
function jsonOf<T>(answer: Answer): T | undefined {
  return answer.ok && answer.status === 200 ? (parseJson(answer.body) as T | undefined) : undefined;
}

/** Asks a MetaServer for /meta/cluster: the primary answers it, a standby redirects it. */
async function askMetaServer(transport: Transport, url: string): Promise<MetaServerState> {
  const answer = await send(transport, { server: url, method: 'GET', target: '/meta/cluster' });
  const state = answer.ok && answer.status === 200 ? 'primary' : answer.ok && answer.status === 307 ? 'standby' : 'unknown';
  const cluster = state === 'primary' ? jsonOf<{ primary_meta_server?: string }>(answer) : undefined;
  const location = answer.ok ? answer.headers.location : undefined;
  return {
    url,
    state,
    ...(location ? { location } : {}),
    ...(cluster?.primary_meta_server ? { hostPort: cluster.primary_meta_server } : {}),
  };
}

/** Only standbys given: the primary is where they point. */
async function primaryThroughStandbys(
  transport: Transport,
  metas: MetaServerState[],
  notes: string[],
): Promise<MetaServerState | undefined> {
  const location = metas.map((m) => m.location).find(isHttpUrl);
  if (!location) return undefined;
  const origin = new URL(location).origin;
  const found = await askMetaServer(transport, origin);
  if (found.state !== 'primary') return undefined;
  notes.push(`The primary MetaServer, ${origin}, was found through the standbys' redirects.`);
  return { url: origin, state: 'primary', ...(found.hostPort ? { hostPort: found.hostPort } : {}) };
}

/** Every MetaServer given, in order, and the primary; a second one answering itself is checked as a standby. */
async function findMetaServers(transport: Transport, urls: string[], notes: string[]): Promise<MetaServerState[]> {
  const metas: MetaServerState[] = [];
  for (const url of urls) metas.push(await askMetaServer(transport, url));
  let primary = metas.find((m) => m.state === 'primary');
  if (!primary) {
    primary = await primaryThroughStandbys(transport, metas, notes);
    if (primary) metas.push(primary);
  }
  if (!primary) return metas;
  const { url } = primary;
  return metas.map((meta) => {
    if (meta.state !== 'primary' || meta === primary) return meta;
    notes.push(`${meta.url} answers /meta/cluster itself although ${url} is primary: it is checked as a standby.`);
    return { ...meta, state: 'standby' };
  });
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

/** Reads a server's root listing; whether it answered is decided once every server was asked. */
async function readListing(
  transport: Transport,
  role: Role,
  url: string,
  serverRole: ServerRole,
): Promise<Omit<DiscoveredServer, 'reached'>> {
  const listing = await send(transport, { server: url, method: 'GET', target: '/' });
  const parsed = jsonOf<Record<string, string>>(listing);
  const listed = parsed && typeof parsed === 'object' ? parsed : undefined;
  const { gperftoolsPaths } = roleContract(role);
  const gperftools = listed ? Object.keys(listed).some((path) => gperftoolsPaths.includes(path)) : true;
  return { role, url, serverRole, listing, ...(listed ? { listed } : {}), gperftools };
}

export async function discover(transport: Transport, options: DiscoverOptions): Promise<Discovery> {
  const notes: string[] = [];
  const metas = await findMetaServers(transport, options.meta, notes);
  const primaryState = metas.find((m) => m.state === 'primary');
  const primary = primaryState
    ? { url: primaryState.url, ...(primaryState.hostPort ? { hostPort: primaryState.hostPort } : {}) }
    : undefined;
  const source = primary?.url ?? options.replica[0];
  const facts = {
    ...(primary ? await learnTable(transport, primary.url, options.table, notes) : {}),
    ...(source ? await learnFlags(transport, source) : {}),
  };
  const servers: Omit<DiscoveredServer, 'reached'>[] = [];
  for (const meta of metas)
    servers.push(await readListing(transport, 'meta-server', meta.url, meta.state === 'standby' ? 'standby' : 'primary'));
  for (const url of options.replica) servers.push(await readListing(transport, 'replica-server', url, 'replica'));
  return {
    ...(primary ? { primary } : {}),
    servers: servers.map((server) => ({ ...server, reached: transport.answered.has(server.url) })),
    facts,
    notes,
  };
}
