// The pegasus-contract command: exit statuses, the three report formats, progress, argument
// errors, and a clean run against `pegasus-mock --wire`.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Mocks, startMocks } from '@pegasus-http/mock';
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

describe('pegasus-contract against pegasus-mock --wire', () => {
  let mocks: Mocks;
  beforeAll(async () => {
    mocks = await startMocks({ metaPort: 0, replicaPort: 0, standbyPort: 0, wire: true });
  });
  afterAll(async () => mocks.close());

  it('exits 0, with a line per call and a summary', async () => {
    const { status, stdout } = await run(['--meta', mocks.meta.url, '--replica', mocks.replica.url]);
    expect(stdout).toMatch(/^PASS {2}version_get\s+GET http:\/\/127\.0\.0\.1:\d+\/version -> 200 \d+ ms/m);
    expect(stdout).toMatch(/\d+ passed, 0 drifted, 0 failed, \d+ skipped in \d+ ms: the cluster matches the contract\./);
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
    cluster = await startFakeCluster({ missingRequiredField: true });
  });
  afterAll(async () => cluster.close());

  it('writes JSON to stdout and progress to stderr, exiting 1 on drift', async () => {
    const { status, stdout, stderr } = await run(['--replica', cluster.replica.url, '--format', 'json']);
    const report = JSON.parse(stdout) as {
      summary: { drift: number };
      results: { operationId: string; outcome: string; findings: { message: string }[] }[];
    };
    expect(report.summary.drift).toBeGreaterThan(0);
    expect(report.results.find((r) => r.operationId === 'version_get')!.findings[0]!.message).toMatch(/required property 'GitCommit'/);
    expect(stderr).toMatch(/^\[1\] pass metaServerCalls_list|^\[1\] \w+ replicaServerCalls_list/m);
    expect(status).toBe(1);
  });

  it('writes JUnit XML, with a failure per drifting call', async () => {
    const { status, stdout } = await run(['--replica', cluster.replica.url, '--format', 'junit']);
    expect(stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="pegasus-contract"/);
    expect(stdout).toMatch(
      /<testcase classname="pegasus-contract.replica" name="version_get GET \/version \(read\)" time="[\d.]+"><failure message="version_get 200: the body must have required property &apos;GitCommit&apos;">/,
    );
    expect(stdout).toMatch(/<skipped message="changes state: pass --allow-mutations"\/>/);
    expect(status).toBe(1);
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
