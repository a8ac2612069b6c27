// The kit stays bounded against hostile servers: an answer of 50 MiB to every call, a 200 of a
// million fields to every call, and a server that never answers. Each run is the command in a
// child process, as a user runs it: its exit status, the bytes it printed, the peak resident memory
// of the kit's own process, and its wall time: bounded only where a hang is what is tested (with a
// wide margin: the machine may be loaded), printed otherwise. How long the hostile answers take is
// measured by `npm run bench` (bench/hostile.bench.ts), against a goal of a minute for the million
// fields.
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeCluster, startFakeCluster } from './fake-cluster.js';
import { answeringAlways, fiftyMiB, forward, millionFields, startServer, type TestServer } from './fault-servers.js';
import { runCli } from './run-cli.js';

const MIB = 1024 * 1024;
/** A run of the kit against a hostile server still going after this long is taken as hung (killed). */
const HANG_MS = 280_000;

let servers: TestServer[] = [];

/** A server that answers every call with these bytes, closed after the test. */
async function answering(body: Buffer): Promise<string> {
  const server = await answeringAlways(body);
  servers.push(server);
  return server.url;
}
let cluster: FakeCluster | undefined;
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await cluster?.close();
  servers = [];
  cluster = undefined;
});

describe('an answer of 50 MiB to every call', () => {
  it('is checked call by call in under 600 MB, printing less than 1 MB', { timeout: 300_000 }, async () => {
    const url = await answering(fiftyMiB());
    const run = await runCli(['--replica', url, '--release', 'master'], HANG_MS);
    console.info(`50 MiB to every call: ${run.wallMs} ms, peak RSS ${run.peakRssMb} MB, ${run.outputBytes} bytes printed`);
    expect(run.stdout).toMatch(/\d+ passed, \d+ drifted, \d+ failed, \d+ skipped in \d+ ms: the cluster does not match the contract/);
    expect(run.status).toBe(1);
    expect(run.peakRssMb).toBeLessThan(600);
    expect(run.outputBytes).toBeLessThan(MIB);
    // Every value quoted is cut: no line is longer than a message, its quotes and its URL.
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThan(1000);
  });

  it('is over a limit set lower, reported without being read', { timeout: 120_000 }, async () => {
    const url = await answering(fiftyMiB());
    const run = await runCli(['--replica', url, '--release', 'master', '--max-body-mb', '1']);
    expect(run.stdout).toMatch(/^ {6}too-large: the body exceeds 1048576 bytes/m);
    expect(run.status).toBe(1);
    expect(run.peakRssMb).toBeLessThan(300);
  });
});

describe('a 200 of a million fields to every call', () => {
  // Ajv looking for every one of a million problems takes minutes and gigabytes: an answer over
  // 1 MiB gets its first problem only, and the finding says so.
  it('ends in under 1.2 GB, each answer its first problem and a word on the rest', { timeout: 300_000 }, async () => {
    const url = await answering(millionFields());
    const run = await runCli(['--replica', url, '--release', 'master'], HANG_MS);
    console.info(`a million fields to every call: ${run.wallMs} ms, peak RSS ${run.peakRssMb} MB, ${run.outputBytes} bytes printed`);
    expect(run.stdout).toMatch(/the body has more than 1 MiB; only its first problem is reported/);
    expect(run.stdout).toMatch(/: the cluster does not match the contract/);
    expect(run.status).toBe(1);
    expect(run.peakRssMb).toBeLessThan(1200);
    expect(run.outputBytes).toBeLessThan(MIB);
  });
});

describe('a server that never answers', () => {
  const hung = async () => {
    const server = await startServer(() => undefined);
    servers.push(server);
    return server;
  };

  it('alone: two time limits, then nothing more is sent; exit 2, nothing could be checked', { timeout: 120_000 }, async () => {
    const server = await hung();
    const run = await runCli(['--replica', server.url, '--timeout', '2000']);
    console.info(`a hung server alone: ${run.wallMs} ms, ${server.received.length} requests`);
    expect(run.stdout).toMatch(/could not run: no server answered\.$/m);
    expect(run.stdout).toContain(
      `${server.url} gave no answer to 2 requests in a row (the last: timeout): its remaining calls were not sent.`,
    );
    expect(run.status).toBe(2);
    expect(server.received).toEqual(['GET /version', 'GET /']);
    expect(run.wallMs).toBeLessThan(60_000);
    expect(run.outputBytes).toBeLessThan(64 * 1024);
  });

  it('among servers that answer: a finding, its calls skipped, the others checked; exit 1', { timeout: 120_000 }, async () => {
    cluster = await startFakeCluster();
    const server = await hung();
    const run = await runCli(['--meta', cluster.primary.url, '--replica', `${server.url},${cluster.replica.url}`, '--timeout', '2000']);
    expect(run.stdout).toMatch(
      /^ERROR replicaServerCalls_list +GET http:\/\/127\.0\.0\.1:\d+\/ \d+ ms {2}\(the root listing\)\n {6}timeout: no complete answer within 2000 ms$/m,
    );
    expect(run.stdout).toMatch(/^SKIP {2}version_get .*not sent: http:\/\/127\.0\.0\.1:\d+ gave no answer to 2 requests in a row/m);
    expect(run.stdout).toMatch(/: the cluster does not match the contract, checked against master\.$/m);
    expect(run.stdout).not.toMatch(new RegExp(`^(DRIFT|ERROR) .*${cluster.replica.url}`, 'm'));
    expect(run.status).toBe(1);
    expect(run.wallMs).toBeLessThan(60_000);
  });

  it('that stops answering after /version and its listing: two time limits, then its calls are skipped', { timeout: 120_000 }, async () => {
    cluster = await startFakeCluster();
    const target = cluster.replica.url;
    const server = await startServer((request, response) => {
      if (request.url === '/version' || request.url === '/') forward(target, request, response);
    });
    servers.push(server);
    const run = await runCli(['--replica', server.url, '--timeout', '2000']);
    expect(run.stdout.match(/^ERROR .*\n {6}timeout: /gm)).toHaveLength(2);
    expect(run.stdout).toMatch(/^SKIP .*not sent: http:\/\/127\.0\.0\.1:\d+ gave no answer to 2 requests in a row \(the last: timeout\)/m);
    expect(run.status).toBe(1);
    expect(run.wallMs).toBeLessThan(60_000);
  });
});
