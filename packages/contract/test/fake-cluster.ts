// A small fake Pegasus cluster for the contract kit's tests: a primary MetaServer, a standby
// MetaServer and a ReplicaServer, each running a release (master, v2.5.0 or v2.4.0) and answering
// as that release's source does (read at its tag, cited path:line where it matters) and as
// the reference notes say, never from the contract's examples: computed from a little state (fake/),
// `text/plain` on every body, the release's help strings, addresses, error texts and splitting of
// the query; a master standby redirects with a 307, after the checks its release's rules say a
// standby makes first (`x-pegasus-rules`, `standby: first`: read from the description, applied
// with the spec's `brokenRule`), a v2.4.0 or v2.5.0 standby answers from its empty state and
// crashes on /meta/cluster. Each kind of drift the kit must catch can be switched on, and every
// server records the requests it received.
import { operationIndex, type Release, type Role } from '@pegasus-http/spec';
import { answerBody, brokenRule } from '@pegasus-http/spec/rules';
import { requestParseErrorBody, serviceNotFoundBody, standbyLocation, writeWireJson } from '@pegasus-http/spec/wire';
import { commonHandlers } from './fake/common.js';
import type { Drift, FakeContext, Handler } from './fake/context.js';
import { listingOf } from './fake/listing.js';
import { metaHandlers } from './fake/meta.js';
import { REPLICA_HANDLERS } from './fake/replica.js';
import {
  type FakeRequest,
  type FakeServer,
  json,
  listen,
  parseTarget,
  type RawRequest,
  type Reply,
  text,
  type Written,
} from './fake/server.js';
import { type ClusterState, primaryState, standbyState } from './fake/state.js';

export type { Drift } from './fake/context.js';
export type { FakeServer } from './fake/server.js';

const VERSIONS: Record<Release, string> = { master: '2.6.0-SNAPSHOT', 'v2.5.0': '2.5.0', 'v2.4.0': '2.4.0' };

export interface FakeServerOptions {
  role: Role;
  release: Release;
  /** What /version reports, when not the release's own version. */
  version?: string;
  state: ClusterState;
  /** A standby MetaServer, and the primary's URL (a master standby redirects there). */
  standbyOf?: () => string;
  drift?: Drift;
}

/** The calls a server registers, and its root listing of them. */
function callsOf(role: Role, release: Release, drift: Drift): { handlers: Record<string, Handler>; listing: Record<string, string> } {
  const own = role === 'meta-server' ? metaHandlers(release) : REPLICA_HANDLERS;
  const handlers = { ...commonHandlers(release), ...own };
  const paths = ['/', ...Object.keys(handlers).map((path) => `/${path}`)].filter((p) => !(drift.missingFromListing && p === '/meta/nodes'));
  if (drift.extraInListing && role === 'meta-server') paths.push('/meta/app/split');
  return { handlers, listing: listingOf(release, paths) };
}

/** A master standby redirects every /meta/* call (a drift makes it answer); a release standby never does (a drift makes it). */
function redirects(options: FakeServerOptions, drift: Drift): boolean {
  if (!options.standbyOf) return false;
  return options.release === 'master' ? !drift.standbyAnswers : drift.standbyRedirects === true;
}

/** The answer of a check a standby makes before it redirects (its release's rules marked `standby: first`), if the request fails one. */
function checkedFirst(release: Release, request: FakeRequest): Written | undefined {
  const operation = operationIndex('meta-server', release).atPath(`/${request.path}`)[0];
  if (!operation) return undefined;
  const declared = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const breach = brokenRule(operation.rules, declared, request.query, request.body, { standby: true });
  if (!breach) return undefined;
  const { status, media } = breach.rule.answer;
  const value = answerBody(breach);
  return { status, body: media.kind === 'json' ? writeWireJson(value, media.serializer ?? 'table_printer') : String(value) };
}

/** A standby's 307 to the primary, after the checks it makes first (unless a drift skips them). */
function standbyRedirect(options: FakeServerOptions, request: FakeRequest, drift: Drift): Written {
  const first = drift.standbyRedirectsFirst ? undefined : checkedFirst(options.release, request);
  return first ?? { status: 307, body: '', location: standbyLocation(options.standbyOf!(), request.path, request.query) };
}

/** Starts one fake server of a release, on 127.0.0.1 and a free port. */
export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const drift = options.drift ?? {};
  const { handlers, listing } = callsOf(options.role, options.release, drift);
  const redirecting = redirects(options, drift);
  const route = (request: RawRequest, port: number): Reply => {
    const parsed = parseTarget(options.release, request.target);
    if (!parsed.ok) return text(400, requestParseErrorBody(parsed.error));
    const { path, query } = parsed;
    if (path === '') return json(listing);
    const handler = handlers[path];
    if (!handler) return text(404, serviceNotFoundBody(path));
    const fake: FakeRequest = { method: request.method, path, query, body: request.body };
    if (redirecting && path.startsWith('meta/')) return standbyRedirect(options, fake, drift);
    const self = { ip: '127.0.0.1', host: 'localhost', port };
    const server: FakeContext = { ...options, version: options.version ?? VERSIONS[options.release], self, drift };
    return handler(fake, server);
  };
  return listen(route);
}

export interface FakeClusterOptions {
  /** The release every server runs; master by default. */
  release?: Release;
  /** The release the ReplicaServer runs, when it differs (a rolling upgrade). */
  replicaRelease?: Release;
  /** What the ReplicaServer reports at /version, when not its release's version. */
  replicaVersion?: string;
  /** No replica server has registered with the MetaServers yet. */
  noNodes?: boolean;
  /** The standby names the primary in its `Location` by host name (`localhost:port`), as a real master standby does, not by its URL. */
  primaryByName?: boolean;
  drift?: Drift;
}

export interface FakeCluster {
  primary: FakeServer;
  standby: FakeServer;
  replica: FakeServer;
  close(): Promise<void>;
}

/** The address of a server as a MetaServer's configuration lists it. */
const hostPortOf = (server: FakeServer) => new URL(server.url).host;

/** Starts a primary MetaServer, a standby of it, and a ReplicaServer. */
export async function startFakeCluster(options: FakeClusterOptions = {}): Promise<FakeCluster> {
  const { release = 'master', drift = {} } = options;
  const state = primaryState(!options.noNodes);
  const primary = await startFakeServer({ role: 'meta-server', release, state, drift });
  // A master standby redirects before it reads any state; a drift makes it answer as the primary would.
  const standbyOwn = release === 'master' ? state : standbyState();
  const primaryUrl = () => (options.primaryByName ? primary.url.replace('127.0.0.1', 'localhost') : primary.url);
  const standby = await startFakeServer({ role: 'meta-server', release, state: standbyOwn, standbyOf: primaryUrl, drift });
  state.metaServers = [hostPortOf(primary), hostPortOf(standby)];
  const replica = await startFakeServer({
    role: 'replica-server',
    release: options.replicaRelease ?? release,
    ...(options.replicaVersion ? { version: options.replicaVersion } : {}),
    state: primaryState(true),
    drift,
  });
  return { primary, standby, replica, close: async () => void (await Promise.all([primary.close(), standby.close(), replica.close()])) };
}
