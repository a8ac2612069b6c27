// How long `pegasus-contract` takes against a server that sends the same hostile answer to every
// call (the fault tests' bounds, test/bounds.test.ts): the command in a child process, as a user
// runs it, against one ReplicaServer URL, checked against master's contract. The baseline is the
// same run against a server answering `{}` to every call: what starting the kit and probing every
// call cost by themselves. The goal (scripts/bench.mjs): a million fields within a minute.
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { answeringAlways, fiftyMiB, millionFields, type TestServer } from '../test/fault-servers.js';
import { runCli } from '../test/run-cli.js';

const OPTIONS = { iterations: 3, warmupIterations: 0, time: 0 };
const BODIES = { empty: () => Buffer.from('{}'), million: millionFields, fifty: fiftyMiB };

const servers: Partial<Record<keyof typeof BODIES, TestServer>> = {};

beforeAll(async () => {
  for (const [name, body] of Object.entries(BODIES)) servers[name as keyof typeof BODIES] = await answeringAlways(body());
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server?.close()));
});

/** One run of the kit against a server; fails the benchmark when the run did not end as a drift report. */
async function check(name: keyof typeof BODIES): Promise<void> {
  const run = await runCli(['--replica', servers[name]!.url, '--release', 'master'], 600_000);
  if (run.status !== 1) throw new Error(`the kit ended with ${run.status ?? run.signal} against ${name}:\n${run.stdout.slice(-2000)}`);
}

describe('contract kit against a hostile server', () => {
  bench('baseline: {} to every call', () => check('empty'), OPTIONS);
  bench('a million fields to every call', () => check('million'), OPTIONS);
  bench('50 MiB to every call', () => check('fifty'), OPTIONS);
});
