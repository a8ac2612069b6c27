// npm start: after `turbo run build`, serves the reference site and both mock servers on loopback
// until Ctrl-C, then shuts everything down.
import { parseArgs } from 'node:util';
import { SITE_DIR, serveDirectory } from '@pegasus-http/docs/serve';
import { startMocks } from '@pegasus-http/mock';

const USAGE = `Usage: npm start [-- --host 127.0.0.1] [--docs-port 8080] [--meta-port 34601] [--replica-port 34801] [--wire [--standby-port 34602]]`;

function port(value, name) {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new Error(`--${name} must be a port number (0-65535), not "${value}"`);
  return Number(value);
}

let options;
try {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      'docs-port': { type: 'string', default: '8080' },
      'meta-port': { type: 'string', default: '34601' },
      'replica-port': { type: 'string', default: '34801' },
      'standby-port': { type: 'string', default: '34602' },
      wire: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  options = {
    ...values,
    docsPort: port(values['docs-port'], 'docs-port'),
    metaPort: port(values['meta-port'], 'meta-port'),
    replicaPort: port(values['replica-port'], 'replica-port'),
    standbyPort: port(values['standby-port'], 'standby-port'),
  };
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}

const running = [];
async function shutdown(code) {
  await Promise.allSettled(running.map((service) => service.close()));
  process.exit(code);
}

try {
  const site = await serveDirectory(SITE_DIR, { host: options.host, port: options.docsPort });
  running.push(site);
  const mocks = await startMocks({
    host: options.host,
    metaPort: options.metaPort,
    replicaPort: options.replicaPort,
    standbyPort: options.standbyPort,
    wire: options.wire,
  });
  running.push(mocks);
  console.log(`
Pegasus HTTP API
  Reference site:      ${site.url}/
  MetaServer mock:     ${mocks.meta.url}${options.wire ? ' (wire mode)' : ''}
  ReplicaServer mock:  ${mocks.replica.url}${options.wire ? ' (wire mode)' : ''}${mocks.standby ? `\n  Standby MetaServer: ${mocks.standby.url} (wire mode, redirects /meta/* to the MetaServer mock)` : ''}

Try: curl -s ${mocks.replica.url}/
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`Cannot start: ${error.message}`);
  await shutdown(1);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    shutdown(0);
  });
}
