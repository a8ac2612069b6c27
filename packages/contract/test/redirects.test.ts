// Redirects that lead nowhere, in a circle, or to a host not named: each is a finding with a clear
// message, the run goes on with the servers it can reach, and ends with its summary and exit
// status 1. No request reaches a host that was not named, unless --follow-redirects-anywhere.
// Each run is the command in a child process, as a user runs it (exit status, time, output size).
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeCluster, startFakeCluster } from './fake-cluster.js';
import { redirectingProxy, type TestServer } from './fault-servers.js';
import { type CliRun, runCli } from './run-cli.js';

let servers: TestServer[] = [];
let cluster: FakeCluster | undefined;
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await cluster?.close();
  servers = [];
  cluster = undefined;
});

async function proxy(target: string, locate: (request: IncomingMessage, self: string) => string): Promise<TestServer> {
  const server = await redirectingProxy(target, locate);
  servers.push(server);
  return server;
}

const SUMMARY =
  /^\d+ passed, \d+ drifted, \d+ failed, \d+ skipped in \d+ ms: the cluster does not match the contract, checked against master\.$/m;

/** What every run of this file must show: a summary, exit status 1, in seconds, with a short output. */
function endsWithDrift(run: CliRun): void {
  expect(run.stdout).toMatch(SUMMARY);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(1);
  expect(run.wallMs).toBeLessThan(60_000);
  expect(run.outputBytes).toBeLessThan(256 * 1024);
}

/** The replica server is checked as usual whatever the MetaServers do. */
function replicaChecked(run: CliRun, replica: string): void {
  expect(run.stdout).toContain(`${replica}, a ReplicaServer, reports version 2.6.0-SNAPSHOT: checked against master.`);
  expect(run.stdout).not.toMatch(new RegExp(`^(DRIFT|ERROR) .* GET ${replica}`, 'm'));
}

describe('a redirect that leads in a circle', () => {
  it('a MetaServer that redirects to itself: a redirect loop', async () => {
    cluster = await startFakeCluster();
    const self = await proxy(cluster.primary.url, (request, url) => `${url}${request.url}`);
    const run = await runCli(['--meta', self.url, '--replica', cluster.replica.url]);
    expect(run.stdout).toMatch(
      /^ERROR apps_list .*\n {6}redirect loop: http:\/\/127\.0\.0\.1:(\d+)\/meta\/apps -> http:\/\/127\.0\.0\.1:\1\/meta\/apps$/m,
    );
    replicaChecked(run, cluster.replica.url);
    endsWithDrift(run);
  });

  it('a redirect whose URL grows each hop: more than five redirects', async () => {
    cluster = await startFakeCluster();
    const growing = await proxy(
      cluster.primary.url,
      (request, url) => `${url}${request.url}${request.url!.includes('?') ? '&' : '?'}hop=x`,
    );
    const run = await runCli(['--meta', growing.url, '--replica', cluster.replica.url]);
    expect(run.stdout).toMatch(
      /^ {6}more than 5 redirects: http:\/\/127\.0\.0\.1:\d+\/meta\/apps -> .* -> … -> .*hop=x&hop=x&hop=x&hop=x&hop=x/m,
    );
    endsWithDrift(run);
  });

  it('two MetaServers that redirect to each other: a redirect loop through both', async () => {
    cluster = await startFakeCluster();
    let other = '';
    const first = await proxy(cluster.primary.url, (request) => `${other}${request.url}`);
    const second = await proxy(cluster.standby.url, (request) => `${first.url}${request.url}`);
    other = second.url;
    const run = await runCli(['--meta', `${first.url},${second.url}`, '--replica', cluster.replica.url]);
    const loop = `redirect loop: ${first.url}/meta/nodes -> ${second.url}/meta/nodes -> ${first.url}/meta/nodes`;
    expect(run.stdout).toContain(loop);
    replicaChecked(run, cluster.replica.url);
    endsWithDrift(run);
  });
});

describe('a standby whose primary is down (a failover)', () => {
  it('reports the primary down and each redirect leading nowhere, and checks the rest', async () => {
    cluster = await startFakeCluster();
    await cluster.primary.close();
    const { primary, standby, replica } = cluster;
    const run = await runCli(['--meta', `${primary.url},${standby.url}`, '--replica', replica.url]);
    expect(run.stdout).toContain(`${primary.url}, a MetaServer, primary or standby: not reached, not checked.`);
    expect(run.stdout).toMatch(
      /^ERROR metaServerCalls_list +GET http:\/\/127\.0\.0\.1:\d+\/ \d+ ms {2}\(the root listing\)\n {6}refused: /m,
    );
    const nowhere = `the 307 leads to ${primary.url}/meta/apps, which gave no answer: `;
    expect(run.stdout).toContain(nowhere);
    expect(run.stdout).toMatch(/^PASS {2}version_get +GET http:\/\/127\.0\.0\.1:\d+\/version -> 200/m);
    replicaChecked(run, replica.url);
    endsWithDrift(run);
  });
});

describe('a redirect to a host not named on the command line', () => {
  it('is reported and not followed: no request reaches that host', async () => {
    cluster = await startFakeCluster();
    const { primary, standby, replica } = cluster;
    // The standby redirects every /meta/* call to the primary, which is not named.
    const run = await runCli(['--meta', standby.url, '--replica', replica.url]);
    expect(primary.received).toEqual([]);
    expect(run.stdout).toContain(
      `the 307 leads to ${primary.url}/meta/apps, which was not named with --meta or --replica: not followed (name it, or pass --follow-redirects-anywhere)`,
    );
    expect(run.stdout).toContain(
      `Note: No primary MetaServer answered; the standbys redirect to ${primary.url}, which was not named with --meta or --replica: not contacted`,
    );
    replicaChecked(run, replica.url);
    endsWithDrift(run);
  });

  it('is followed with --follow-redirects-anywhere', async () => {
    cluster = await startFakeCluster();
    const { primary, standby, replica } = cluster;
    const run = await runCli(['--meta', standby.url, '--replica', replica.url, '--follow-redirects-anywhere']);
    expect(primary.received.length).toBeGreaterThan(0);
    expect(run.stdout).toContain(`Note: The primary MetaServer, ${primary.url}, was found through the standbys' redirects.`);
    expect(run.status).toBe(0);
  });

  it("is followed when it names the primary by the address the primary gives itself: to the primary's URL as named", async () => {
    // A master standby names the primary by its host name (`localhost:port`); the command line by its IP.
    cluster = await startFakeCluster({ primaryByName: true });
    const { primary, standby, replica } = cluster;
    const run = await runCli(['--meta', `${primary.url},${standby.url}`, '--replica', replica.url]);
    const redirected = new RegExp(`^PASS {2}apps_list +GET ${standby.url}/meta/apps -> 307 \\d+ ms {2}\\(brief, redirected\\)$`, 'm');
    expect(run.stdout).toMatch(redirected);
    expect(run.status).toBe(0);
  });
});

describe('a standby that checks the parameters its release checks first, before it redirects', () => {
  it('is what the contract says, not drift: its own 400, and the cluster matches', async () => {
    // master's get_app, list_app and list_node reject an unknown parameter with an empty 400 first.
    cluster = await startFakeCluster();
    const { primary, standby, replica } = cluster;
    const run = await runCli(['--meta', `${primary.url},${standby.url}`, '--replica', replica.url]);
    expect(run.stdout).toMatch(new RegExp(`^PASS {2}apps_list +GET ${standby.url}/meta/apps\\?pegasus_contract=1 -> 400 `, 'm'));
    expect(run.stdout).toMatch(/: the cluster matches the contract, checked against master\.$/m);
    expect(run.status).toBe(0);
    expect(run.wallMs).toBeLessThan(60_000);
    expect(run.outputBytes).toBeLessThan(256 * 1024);
  });
});
