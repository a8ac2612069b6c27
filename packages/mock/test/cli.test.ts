// The pegasus-mock command: starts both roles of a release, prints their URLs, stops cleanly on
// Ctrl-C, and refuses bad arguments with a clear message.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { operationIndex, type Release } from '@pegasus-http/spec';
import { afterEach, describe, expect, it } from 'vitest';
import { firstAnswer, wireText } from './helpers.js';

const BIN = fileURLToPath(new URL('../bin/pegasus-mock.mjs', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts the command; resolves with what it printed once it printed `until`. */
function start(args: string[], until = /ReplicaServer mock.*\n/): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (until.test(out)) resolve({ child, out });
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

/** The URL a startup line gives, and the parenthesis the line names the release and mode in. */
function urlOf(out: string, server: string): { url: string; named: string } {
  const [, named, url] = new RegExp(`^${server} mock \\(([^)]*)\\): +(http://\\S+)`, 'm').exec(out) ?? [];
  if (!url || named === undefined) throw new Error(`no ${server} line in ${out}`);
  return { url, named };
}

/** The root listing a mock of a release must serve: its first example, as JSON or as the server's bytes. */
function rootListing(release: Release, wire: boolean): unknown {
  const listing = firstAnswer(operationIndex('meta-server', release).atPath('/')[0]!);
  return wire ? wireText(listing.media, listing.value) : listing.value;
}

describe('pegasus-mock', () => {
  it('serves both roles of master on 127.0.0.1, names the release, and stops on SIGINT with status 0', async () => {
    const { child, out } = await start(['--meta-port', '0', '--replica-port', '0']);
    const urls = { meta: urlOf(out, 'MetaServer'), replica: urlOf(out, 'ReplicaServer') };
    expect(urls.meta).toEqual({ named: 'master', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const meta = (await (await fetch(`${urls.meta.url}/`)).json()) as Record<string, string>;
    const replica = (await (await fetch(`${urls.replica.url}/`)).json()) as Record<string, string>;
    expect(Object.keys(meta)).toContain('/meta/apps');
    expect(Object.keys(replica)).toContain('/replica/data_version');
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGINT');
    expect(await exited).toEqual({ code: 0, signal: null });
  });

  it("serves master's wire mode with --release master --wire, with a standby MetaServer that redirects to the primary", async () => {
    const args = ['--release', 'master', '--meta-port', '0', '--replica-port', '0', '--standby-port', '0', '--wire'];
    const { out } = await start(args, /Standby MetaServer mock.*\n/);
    const replica = urlOf(out, 'ReplicaServer');
    const [, standby, primary] = /^Standby MetaServer mock \(master, wire mode\): (http:\/\/\S+) \(standby of (http:\/\/\S+)\)/m.exec(out)!;
    expect(replica.named).toBe('master, wire mode');
    expect((await fetch(`${replica.url}/version`)).headers.get('content-type')).toBe('text/plain');
    const redirect = await fetch(`${standby}/meta/cluster`, { redirect: 'manual' });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe(`${primary}/meta/cluster`);
  });

  it.each([
    [['--release', '2.5.0', '--wire', '--standby-port', '0'], 'v2.5.0', true],
    [['--release', 'v2.4.0'], 'v2.4.0', false],
  ] as const)('serves the release %j names, and names it', async (args, release, wire) => {
    const { out } = await start(['--meta-port', '0', '--replica-port', '0', ...args]);
    const meta = urlOf(out, 'MetaServer');
    expect(meta.named).toBe(wire ? `${release}, wire mode` : release);
    expect(urlOf(out, 'ReplicaServer').named).toBe(meta.named);
    const response = await fetch(`${meta.url}/`);
    expect(wire ? await response.text() : await response.json()).toEqual(rootListing(release, wire));
  });

  it('prints its usage with --help', () => {
    const result = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: pegasus-mock');
  });

  it.each([
    [['--meta-port', 'abc'], /--meta-port must be a port number/],
    [['--replica-port', '70000'], /--replica-port must be a port number/],
    [['--nope'], /Unknown option '--nope'/],
    [['--standby-port', '34602'], /--standby-port needs --wire/],
    [['--release', '2.3.0'], /--release must be one of master, v2.5.0, v2.4.0 \(the v may be left out\), not "2.3.0"/],
    [['--release', 'v2.5'], /--release must be one of .*, not "v2.5"/],
    [['--release', 'vmaster'], /--release must be one of .*, not "vmaster"/],
    [['--release'], /argument missing/],
  ])('refuses %j with status 2', (args, message) => {
    const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('says why when a port is taken, with status 1', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const { port } = blocker.address() as { port: number };
    const result = spawnSync(process.execPath, [BIN, '--meta-port', String(port), '--replica-port', '0'], { encoding: 'utf8' });
    blocker.close();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot start: .*EADDRINUSE/);
  });
});
