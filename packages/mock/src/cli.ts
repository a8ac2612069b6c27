// pegasus-mock: starts the MetaServer and ReplicaServer mocks until interrupted.
import { parseArgs } from 'node:util';
import { RELEASES, type Release } from '@pegasus-http/spec';
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_STANDBY_PORT } from './defaults.js';

const RELEASE_NAMES = RELEASES.join(', ');

const USAGE = `Usage: pegasus-mock [--release master] [--host 127.0.0.1] [--meta-port 34601] [--replica-port 34801] [--wire [--standby-port 34602]]

Serves the examples of the Pegasus HTTP API description: a MetaServer and a ReplicaServer.
  --release RELEASE     the Pegasus release whose contract to serve: ${RELEASE_NAMES}
                        (the v may be left out: 2.5.0; default master)
  --host ADDRESS        address to bind (default ${DEFAULT_HOST})
  --meta-port PORT      MetaServer mock port (default ${DEFAULT_PORTS['meta-server']}; 0 picks a free port)
  --replica-port PORT   ReplicaServer mock port (default ${DEFAULT_PORTS['replica-server']}; 0 picks a free port)
  --wire                look like a real Pegasus server on the wire: text/plain on every body,
                        the server's own bytes, 400 and 404 texts, each call's own checks on
                        the request (/meta/apps?foo=1 is a 400); other methods than GET and
                        POST get the connection closed; also starts a standby MetaServer
                        of the primary one, which does what the release's standby does:
                        master redirects the /meta/* calls with a 307, v2.5.0 and v2.4.0
                        answer them from an empty state
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

/** The release a command line names: master, v2.5.0 or 2.5.0, v2.4.0 or 2.4.0. */
function release(value: string | undefined): Release {
  if (value === undefined) return 'master';
  const named = RELEASES.find((candidate) => candidate === value || (candidate !== 'master' && candidate === `v${value}`));
  if (!named) throw new Error(`--release must be one of ${RELEASE_NAMES} (the v may be left out), not "${value}"`);
  return named;
}

const OPTIONS = {
  release: { type: 'string' },
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

/** What to start, read from the options; a value that does not parse is an error with exit status 2. */
function readSettings(values: ReturnType<typeof readArguments>) {
  try {
    if (values['standby-port'] !== undefined && !values.wire) throw new Error('--standby-port needs --wire');
    return {
      release: release(values.release),
      host: values.host ?? DEFAULT_HOST,
      metaPort: port(values['meta-port'], 'meta-port', DEFAULT_PORTS['meta-server']),
      replicaPort: port(values['replica-port'], 'replica-port', DEFAULT_PORTS['replica-server']),
      standbyPort: port(values['standby-port'], 'standby-port', DEFAULT_STANDBY_PORT),
      wire: values.wire,
    };
  } catch (error) {
    console.error(`pegasus-mock: ${(error as Error).message}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const values = readArguments();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const settings = readSettings(values);
  // Prism takes seconds to load; --help and argument errors do not wait for it.
  const { startMocks } = await import('./server.js');
  const mocks = await startMocks(settings).catch((error: Error & { code?: string }) => {
    console.error(`pegasus-mock: cannot start: ${error.message ?? error}`);
    process.exit(1);
  });
  const mode = `(${settings.release}${settings.wire ? ', wire mode' : ''})`;
  console.log(`MetaServer mock ${mode}:    ${mocks.meta.url}`);
  console.log(`ReplicaServer mock ${mode}: ${mocks.replica.url}`);
  if (mocks.standby) console.log(`Standby MetaServer mock ${mode}: ${mocks.standby.url} (standby of ${mocks.meta.url})`);
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
