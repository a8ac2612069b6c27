// The mock servers, once per role and release. In the default mode a mock is Prism's own server; in
// wire mode it is the wire layer in front of Prism (wire-server.ts), and a MetaServer may act as a
// standby.
import { loadDocument, operationIndex, RELEASES, type Release, type Role } from '@pegasus-http/spec';
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_STANDBY_PORT } from './defaults.js';
import { urlOf } from './listen.js';
import { createPrismServer, prismOperations } from './prism.js';
import { startWireServer } from './wire-server.js';

export interface MockOptions {
  role: Role;
  /** The Pegasus release whose contract the mock serves (`packages/spec/dist/<release>/`); master unless told otherwise. */
  release?: Release;
  /** Address to bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Defaults to the role's Pegasus port. */
  port?: number;
  /** Look like the real server on the wire (see the package README). */
  wire?: boolean;
  /**
   * Wire mode, MetaServer only: act as a standby MetaServer whose primary is at this URL, doing
   * with each call what the release's standby does (`x-pegasus-standby`): master redirects to the
   * primary with a 307, v2.4.0 and v2.5.0 answer from their own empty state.
   */
  standbyOf?: string;
}

export interface MockServer {
  role: Role;
  release: Release;
  url: string;
  wire: boolean;
  close(): Promise<void>;
}

/** Starts one mock server. */
export async function startMock(options: MockOptions): Promise<MockServer> {
  const { role, release = 'master', host = DEFAULT_HOST, port = DEFAULT_PORTS[role], wire = false, standbyOf } = options;
  if (!RELEASES.includes(release)) throw new Error(`no release ${JSON.stringify(release)}: one of ${RELEASES.join(', ')}`);
  if (standbyOf && (!wire || role !== 'meta-server')) throw new Error('only a wire-mode MetaServer mock can act as a standby');
  if (wire) {
    const { server, close } = await startWireServer(operationIndex(role, release), host, port, standbyOf);
    return { role, release, wire, url: urlOf(server), close };
  }
  const prismServer = createPrismServer(await prismOperations(loadDocument(role, 'openapi.json', release)));
  const url = await prismServer.listen(port, host);
  return { role, release, wire, url, close: () => prismServer.close() };
}

export interface MocksOptions {
  /** The Pegasus release both roles (and the standby) mock; master unless told otherwise. */
  release?: Release;
  host?: string;
  metaPort?: number;
  replicaPort?: number;
  /** Wire mode; it also starts a standby MetaServer of the primary one. */
  wire?: boolean;
  /** The standby MetaServer's port in wire mode (default 34602, as in a onebox cluster; 0 picks a free one). */
  standbyPort?: number;
}

export interface Mocks {
  meta: MockServer;
  replica: MockServer;
  /** In wire mode, a standby MetaServer whose primary is `meta`. */
  standby?: MockServer;
  close(): Promise<void>;
}

/** Starts the MetaServer and the ReplicaServer mocks of a release side by side (and, in wire mode, a standby MetaServer). */
export async function startMocks(options: MocksOptions = {}): Promise<Mocks> {
  const { release, host, metaPort, replicaPort, wire, standbyPort = DEFAULT_STANDBY_PORT } = options;
  const started: MockServer[] = [];
  const close = async () => void (await Promise.all(started.map((mock) => mock.close())));
  try {
    const meta = await startMock({ role: 'meta-server', release, host, port: metaPort, wire });
    started.push(meta);
    const replica = await startMock({ role: 'replica-server', release, host, port: replicaPort, wire });
    started.push(replica);
    if (!wire) return { meta, replica, close };
    const standby = await startMock({ role: 'meta-server', release, host, port: standbyPort, wire, standbyOf: meta.url });
    started.push(standby);
    return { meta, replica, standby, close };
  } catch (error) {
    await close();
    throw error;
  }
}
