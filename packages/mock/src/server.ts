// The mock servers, once per role. In the default mode a mock is Prism's own server; in wire mode
// it is the wire layer in front of Prism (wire-server.ts), and a MetaServer may act as a standby.
import type { Role } from '@pegasus-http/spec';
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_STANDBY_PORT } from './defaults.js';
import { urlOf } from './listen.js';
import { createPrismServer, prismOperations } from './prism.js';
import { startWireServer } from './wire-server.js';

export interface MockOptions {
  role: Role;
  /** Address to bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Defaults to the role's Pegasus port. */
  port?: number;
  /** Look like the real server on the wire (see the package README). */
  wire?: boolean;
  /**
   * Wire mode, MetaServer only: act as a standby MetaServer whose primary is at this URL, and
   * redirect every call that a standby redirects there with a 307, as Pegasus master does.
   */
  standbyOf?: string;
}

export interface MockServer {
  role: Role;
  url: string;
  wire: boolean;
  close(): Promise<void>;
}

/** Starts one mock server. */
export async function startMock(options: MockOptions): Promise<MockServer> {
  const { role, host = DEFAULT_HOST, port = DEFAULT_PORTS[role], wire = false, standbyOf } = options;
  if (standbyOf && (!wire || role !== 'meta-server')) throw new Error('only a wire-mode MetaServer mock can act as a standby');
  if (wire) {
    const { server, close } = await startWireServer(role, host, port, standbyOf);
    return { role, wire, url: urlOf(server), close };
  }
  const prismServer = createPrismServer(await prismOperations(role));
  const url = await prismServer.listen(port, host);
  return { role, wire, url, close: () => prismServer.close() };
}

export interface MocksOptions {
  host?: string;
  metaPort?: number;
  replicaPort?: number;
  /** Wire mode; it also starts a standby MetaServer that redirects to the primary one. */
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

/** Starts the MetaServer and the ReplicaServer mocks side by side (and, in wire mode, a standby MetaServer). */
export async function startMocks(options: MocksOptions = {}): Promise<Mocks> {
  const { host, metaPort, replicaPort, wire, standbyPort = DEFAULT_STANDBY_PORT } = options;
  const started: MockServer[] = [];
  const close = async () => void (await Promise.all(started.map((mock) => mock.close())));
  try {
    const meta = await startMock({ role: 'meta-server', host, port: metaPort, wire });
    started.push(meta);
    const replica = await startMock({ role: 'replica-server', host, port: replicaPort, wire });
    started.push(replica);
    if (!wire) return { meta, replica, close };
    const standby = await startMock({ role: 'meta-server', host, port: standbyPort, wire, standbyOf: meta.url });
    started.push(standby);
    return { meta, replica, standby, close };
  } catch (error) {
    await close();
    throw error;
  }
}
