// The pegasus-mock command: starts both roles, prints their URLs, stops cleanly on Ctrl-C, and
// refuses bad arguments with a clear message.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/pegasus-mock.mjs', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
});

function start(args: string[]): Promise<{ child: ChildProcess; urls: Record<string, string> }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const meta = /MetaServer mock.*?(http:\/\/\S+)/.exec(out);
      const replica = /ReplicaServer mock.*?(http:\/\/\S+)/.exec(out);
      if (meta && replica) resolve({ child, urls: { meta: meta[1]!, replica: replica[1]! } });
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

describe('pegasus-mock', () => {
  it('serves both roles on 127.0.0.1 and stops on SIGINT with status 0', async () => {
    const { child, urls } = await start(['--meta-port', '0', '--replica-port', '0']);
    expect(urls.meta).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const meta = (await (await fetch(`${urls.meta}/`)).json()) as Record<string, string>;
    const replica = (await (await fetch(`${urls.replica}/`)).json()) as Record<string, string>;
    expect(Object.keys(meta)).toContain('/meta/apps');
    expect(Object.keys(replica)).toContain('/replica/data_version');
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGINT');
    expect(await exited).toEqual({ code: 0, signal: null });
  });

  it('serves the wire mode with --wire, with a standby MetaServer that redirects to the primary', async () => {
    const child = spawn(process.execPath, [BIN, '--meta-port', '0', '--replica-port', '0', '--standby-port', '0', '--wire'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const out = await new Promise<string>((resolve) => {
      let text = '';
      child.stdout!.on('data', (chunk) => {
        text += chunk;
        if (/Standby MetaServer mock/.test(text)) resolve(text);
      });
    });
    const [, replica] = /ReplicaServer mock.*?(http:\/\/\S+)/.exec(out)!;
    const [, standby, primary] = /Standby MetaServer mock.*?(http:\/\/\S+) \(redirects to (http:\/\/\S+)\)/.exec(out)!;
    expect((await fetch(`${replica}/version`)).headers.get('content-type')).toBe('text/plain');
    const redirect = await fetch(`${standby}/meta/cluster`, { redirect: 'manual' });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe(`${primary}/meta/cluster`);
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
