// Where the mock's start time goes: the same steps as `pegasus-mock`, timed one by one, and the
// CommonJS modules they load, counted by package. Prints one JSON line.
// Usage: node mock-start-phases.mjs [--wire]
import { request } from 'node:http';
import { createRequire } from 'node:module';

const wire = process.argv.includes('--wire');
const phases = [['Node.js start, to the first line of a script', process.uptime() * 1000]];
let last = performance.now();
const lap = (name) => {
  const now = performance.now();
  phases.push([name, now - last]);
  last = now;
};
const { startMock } = await import('@pegasus-http/mock');
lap('loading @pegasus-http/mock (Prism and the spec library)');
const meta = await startMock({ role: 'meta-server', port: 0, wire });
lap('starting the MetaServer mock (reading its description)');
const replica = await startMock({ role: 'replica-server', port: 0, wire });
lap('starting the ReplicaServer mock');
const standby = wire ? await startMock({ role: 'meta-server', port: 0, wire, standbyOf: meta.url }) : undefined;
if (wire) lap('starting the standby MetaServer mock');
await new Promise((resolve, reject) => {
  request(`${meta.url}/version`, (response) => response.resume().on('end', resolve)).on('error', reject).end();
});
lap('the first answer');

const byPackage = new Map();
const modules = Object.keys(createRequire(import.meta.url).cache);
for (const path of modules) {
  const name = path.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? '(other)';
  byPackage.set(name, (byPackage.get(name) ?? 0) + 1);
}
const packages = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 6);
console.log(JSON.stringify({ phases, modules: modules.length, packages }));
await Promise.all([meta.close(), replica.close(), standby?.close()]);
