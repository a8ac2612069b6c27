// The pegasus-contract command: exit statuses, the three report formats, progress, argument
// errors, and a clean run against `pegasus-mock --wire`.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Mocks, startMocks } from '@pegasus-http/mock';
import { RELEASES } from '@pegasus-http/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCluster, startFakeCluster } from './fake-cluster.js';

const BIN = fileURLToPath(new URL('../bin/pegasus-contract.mjs', import.meta.url));

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

// The mock of a release (`pegasus-mock --wire --release`): its /version names the release, so the
// kit checks every server against that release's contract, the standby included.
describe.each(RELEASES.filter((release) => release !== 'master'))(
  'pegasus-contract against pegasus-mock --wire --release %s',
  (release) => {
    let mocks: Mocks;
    beforeAll(async () => {
      // Passed through a variable: the mock's `release` option is newer than this test.
      const options = { metaPort: 0, replicaPort: 0, standbyPort: 0, wire: true, release };
      mocks = await startMocks(options);
    });
    afterAll(async () => mocks.close());

    it('exits 0 and says it checked that release', async () => {
      const { status, stdout } = await run(['--meta', `${mocks.standby!.url},${mocks.meta.url}`, '--replica', mocks.replica.url]);
      const name = release.replaceAll('.', '\\.');
      expect(stdout).toMatch(new RegExp(`^${mocks.replica.url}, a ReplicaServer, reports version [^:]+: checked against ${name}\\.$`, 'm'));
      expect(stdout).toMatch(
        new RegExp(
          `\\d+ passed, 0 drifted, 0 failed, \\d+ skipped in \\d+ ms: the cluster matches the contract, checked against ${name}\\.`,
        ),
      );
      expect(status).toBe(0);
    });
  },
);

describe('pegasus-contract against pegasus-mock --wire', () => {
  let mocks: Mocks;
  beforeAll(async () => {
    mocks = await startMocks({ metaPort: 0, replicaPort: 0, standbyPort: 0, wire: true });
  });
  afterAll(async () => mocks.close());

  it('exits 0, with a line per call and a summary', async () => {
    const { status, stdout } = await run(['--meta', mocks.meta.url, '--replica', mocks.replica.url]);
    expect(stdout).toMatch(/^PASS {2}version_get\s+GET http:\/\/127\.0\.0\.1:\d+\/version -> 200 \d+ ms/m);
    expect(stdout).toMatch(
      /\d+ passed, 0 drifted, 0 failed, \d+ skipped in \d+ ms: the cluster matches the contract, checked against master\./,
    );
    expect(status).toBe(0);
  });

  it("checks the standby's redirects too, and exits 0", async () => {
    const { status, stdout } = await run(['--meta', `${mocks.standby!.url},${mocks.meta.url}`, '--allow-mutations']);
    expect(stdout).toMatch(/^PASS {2}cluster_get\s+GET http:\/\/127\.0\.0\.1:\d+\/meta\/cluster -> 307/m);
    expect(status).toBe(0);
  });
});

describe('pegasus-contract reports', () => {
  let cluster: FakeCluster;
  beforeAll(async () => {
    cluster = await startFakeCluster({ drift: { missingRequiredField: true } });
  });
  afterAll(async () => cluster.close());

  it('writes JSON to stdout and progress to stderr, exiting 1 on drift', async () => {
    const { status, stdout, stderr } = await run(['--replica', cluster.replica.url, '--format', 'json']);
    const report = JSON.parse(stdout) as {
      summary: { drift: number };
      servers: { server: string; release: string; version: string }[];
      results: { operationId: string; outcome: string; release: string; findings: { message: string }[] }[];
    };
    expect(report.summary.drift).toBeGreaterThan(0);
    expect(report.servers).toEqual([
      expect.objectContaining({ server: cluster.replica.url, release: 'master', version: '2.6.0-SNAPSHOT' }),
    ]);
    expect(new Set(report.results.map((r) => r.release))).toEqual(new Set(['master']));
    expect(report.results.find((r) => r.operationId === 'version_get')!.findings[0]!.message).toMatch(/required property 'GitCommit'/);
    expect(stderr).toMatch(/^\[1\] pass metaServerCalls_list|^\[1\] \w+ replicaServerCalls_list/m);
    expect(status).toBe(1);
  });

  it('writes JUnit XML, with a failure per drifting call', async () => {
    const { status, stdout } = await run(['--replica', cluster.replica.url, '--format', 'junit']);
    expect(stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="pegasus-contract"/);
    expect(stdout).toContain(`<testsuite name="replica ${cluster.replica.url} (master)"`);
    expect(stdout).toMatch(
      /<testcase classname="pegasus-contract.replica" name="version_get GET \/version \(read\)" time="[\d.]+"><failure message="version_get 200: the body must have required property &apos;GitCommit&apos;">/,
    );
    expect(stdout).toMatch(/<skipped message="changes state: pass --allow-mutations"\/>/);
    expect(status).toBe(1);
  });
});

describe('pegasus-contract --release', () => {
  let cluster: FakeCluster;
  beforeAll(async () => {
    cluster = await startFakeCluster({ release: 'v2.5.0', replicaVersion: 'unknown' });
  });
  afterAll(async () => cluster.close());

  it.each(['2.5.0', 'v2.5.0'])('%s checks every server against v2.5.0 without reading its version', async (release) => {
    const { status, stdout } = await run(['--replica', cluster.replica.url, '--release', release]);
    expect(stdout).toContain(`${cluster.replica.url}, a ReplicaServer, release chosen with --release: checked against v2.5.0.`);
    expect(status).toBe(0);
  });

  it('is what a server whose version names no release needs', async () => {
    const { status, stdout } = await run(['--replica', cluster.replica.url]);
    expect(stdout).toMatch(
      /could not run: http:\/\/127\.0\.0\.1:\d+ reports version "unknown", which no release of the contract covers; pass --release/,
    );
    expect(status).toBe(2);
  });
});

describe('pegasus-contract refuses to run', () => {
  it.each([
    [[], /give at least one server/],
    [['--meta', 'localhost:34601'], /must be an http:\/\/ URL|is not a URL/],
    [['--meta', 'https://10.0.0.1:34601'], /must be an http:\/\/ URL/],
    [['--meta', 'http://10.0.0.1:34601/meta'], /without a path or query/],
    [['--replica', 'http://127.0.0.1:9', '--format', 'xml'], /--format must be pretty, json or junit/],
    [['--replica', 'http://127.0.0.1:9', '--timeout', 'soon'], /--timeout must be a positive number/],
    [['--replica', 'http://127.0.0.1:9', '--max-body-mb', '0'], /--max-body-mb must be a positive number of MiB, not "0"/],
    [['--replica', 'http://127.0.0.1:9', '--release', '2.3.0'], /--release must be one of master, v2\.5\.0, v2\.4\.0, not "2\.3\.0"/],
    [['--nope'], /Unknown option '--nope'/],
  ])('with %j, exit status 2', (args, message) => {
    const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    expect(result.stderr).toMatch(message);
    expect(result.status).toBe(2);
  });

  it('when no server answers, with exit status 2', async () => {
    const { status, stdout } = await run(['--meta', 'http://127.0.0.1:1', '--replica', 'http://127.0.0.1:2']);
    expect(stdout).toMatch(/could not run: no server answered/);
    expect(status).toBe(2);
  });

  it('prints its usage with --help', () => {
    const result = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: pegasus-contract --meta/);
  });
});
