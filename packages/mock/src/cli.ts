// pegasus-mock: starts the MetaServer and ReplicaServer mocks until interrupted.
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_STANDBY_PORT } from './defaults.js';

const USAGE = `Usage: pegasus-mock [--host 127.0.0.1] [--meta-port 34601] [--replica-port 34801] [--wire [--standby-port 34602]]

Serves the examples of the Pegasus HTTP API description: a MetaServer and a ReplicaServer.
  --host ADDRESS        address to bind (default ${DEFAULT_HOST})
  --meta-port PORT      MetaServer mock port (default ${DEFAULT_PORTS['meta-server']}; 0 picks a free port)
  --replica-port PORT   ReplicaServer mock port (default ${DEFAULT_PORTS['replica-server']}; 0 picks a free port)
  --wire                look like a real Pegasus server on the wire: text/plain on every body,
                        the server's own bytes, 400 and 404 texts; other methods than GET and
                        POST get the connection closed; also starts a standby MetaServer
                        that redirects the /meta/* calls to the primary one with a 307
  --standby-port PORT   the standby MetaServer's port in wire mode (default ${DEFAULT_STANDBY_PORT})
  -h, --help            show this help

Choose a status or an example with Prism's Prefer header, e.g.
  curl -H 'Prefer: code=400, example=emptyName' 'http://127.0.0.1:34601/config'`;

function port(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65535) throw new Error(`--${name} must be a port number (0-65535), not "${value}"`);
  return parsed;
}

const OPTIONS = {
  host: { type: 'string' },
  'meta-port': { type: 'string' },
  'replica-port': { type: 'string' },
  'standby-port': { type: 'string' },
  wire: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The command's options, or the usage and exit status 2 when they do not parse. */
function readArguments() {
  try {
    return parseArgs({ options: OPTIONS, strict: true }).values;
  } catch (error) {
    console.error(`pegasus-mock: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const values = readArguments();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  let metaPort: number;
  let replicaPort: number;
  let standbyPort: number;
  try {
    metaPort = port(values['meta-port'], 'meta-port', DEFAULT_PORTS['meta-server']);
    replicaPort = port(values['replica-port'], 'replica-port', DEFAULT_PORTS['replica-server']);
    standbyPort = port(values['standby-port'], 'standby-port', DEFAULT_STANDBY_PORT);
    if (values['standby-port'] !== undefined && !values.wire) throw new Error('--standby-port needs --wire');
  } catch (error) {
    console.error(`pegasus-mock: ${(error as Error).message}`);
    process.exit(2);
  }
  // Prism takes seconds to load; --help and argument errors do not wait for it.
  const { startMocks } = await import('./server.js');
  const mocks = await startMocks({ host: values.host ?? DEFAULT_HOST, metaPort, replicaPort, standbyPort, wire: values.wire }).catch(
    (error: Error & { code?: string }) => {
      console.error(`pegasus-mock: cannot start: ${error.message ?? error}`);
      process.exit(1);
    },
  );
  const mode = values.wire ? ' (wire mode)' : '';
  console.log(`MetaServer mock${mode}:    ${mocks.meta.url}`);
  console.log(`ReplicaServer mock${mode}: ${mocks.replica.url}`);
  if (mocks.standby) console.log(`Standby MetaServer mock${mode}: ${mocks.standby.url} (redirects to ${mocks.meta.url})`);
  console.log('Press Ctrl-C to stop.');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    mocks.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
