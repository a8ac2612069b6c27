// The mocks of `pegasus-mock`, with a CPU profiler that runs only while they are under load: the
// profile shows what a request costs, without the start. SIGUSR2 starts the profiler; SIGTERM
// stops it, writes the profile to the given file and exits.
// Usage: node profiled-mock.mjs <out.cpuprofile> [--wire]; prints "MetaServer mock: <url>".
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startMocks } from '@pegasus-http/mock';

const [out, ...flags] = process.argv.slice(2);
const wire = flags.includes('--wire');
const mocks = await startMocks({ metaPort: 0, replicaPort: 0, standbyPort: 0, wire });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
// A sample every 0.2 ms (`node --cpu-prof` takes one a millisecond): requests are short.
await session.post('Profiler.setSamplingInterval', { interval: 200 });
let profiling = false;
process.on('SIGUSR2', async () => {
  await session.post('Profiler.start');
  profiling = true;
});
process.on('SIGTERM', async () => {
  if (profiling) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out, JSON.stringify(profile));
  }
  await mocks.close();
  process.exit(0);
});
console.log(`MetaServer mock: ${mocks.meta.url}`);
