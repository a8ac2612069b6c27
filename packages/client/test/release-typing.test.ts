// A client is typed by its release's paths only. The first part is checked by tsc as it compiles
// the tests (npm test runs it before vitest: an unused @ts-expect-error, i.e. a call that does
// compile, fails the build). The second is written against the spec's operation index, whatever
// the releases hold: for every release and role, a program that calls every operation of the
// release's description, and expects an error for each of master's the release lacks, must
// type-check as a whole.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleRequest, operationIndex, RELEASES, type Release, ROLES, type Role } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
import {
  createMetaServerClient,
  createReplicaServerClient,
  getMetrics,
  type MetaServerClient,
  type MetaServerPaths,
  type MetaServerPathsOf,
  metaServerViews,
  type ReleasesServing,
  replicaServerViews,
} from '../src/index.js';
import { expectType } from './expect-type.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(PACKAGE, 'test-output', 'release-typing');
const require = createRequire(import.meta.url);

describe('release typing, by hand', () => {
  it('types a client by the release it is given, master by default', () => {
    const master = createMetaServerClient({ baseUrl: 'http://127.0.0.1:9' });
    const v250 = createMetaServerClient({ baseUrl: 'http://127.0.0.1:9', release: 'v2.5.0' });
    const v240 = createReplicaServerClient({ baseUrl: 'http://127.0.0.1:9', release: 'v2.4.0' });
    expectType(master)<MetaServerClient<'master'>>(true);
    expectType(v250)<MetaServerClient<'v2.5.0'>>(true);
    expectType(v250.release)<'v2.5.0'>(true);
    expectType<MetaServerPathsOf>(null as unknown as MetaServerPaths)<MetaServerPathsOf<'master'>>(true);
    expectType<ReleasesServing<'replica-server', '/version'>>('master')<'master' | 'v2.5.0' | 'v2.4.0'>(true);
    const neverSent = () => {
      void master.GET('/metrics');
      // @ts-expect-error: v2.5.0 serves no /metrics
      void v250.GET('/metrics');
      // @ts-expect-error: nor does v2.4.0
      void v240.GET('/metrics');
      // @ts-expect-error: /meta/apps is a MetaServer call, in every release
      void v240.GET('/meta/apps');
      // @ts-expect-error: a v2.5.0 client is no master client
      const asMaster: MetaServerClient = v250;
      // @ts-expect-error: getMetrics needs a release that serves /metrics
      void getMetrics(v240);
      void asMaster;
      // The views read every release.
      void metaServerViews(v250).cluster();
      void replicaServerViews(v240).duplications(2);
    };
    expect(typeof neverSent).toBe('function');
  });

  it('refuses a release it does not know, at compile time and at run time', () => {
    const unknown = () =>
      // @ts-expect-error: no such release
      createMetaServerClient({ baseUrl: 'http://127.0.0.1:9', release: 'v2.3.0' });
    expect(unknown).toThrow(/unknown Pegasus release "v2.3.0": the releases are master, v2.5.0, v2.4.0/);
  });
});

/** A call of an operation in TypeScript, with the request the description calls valid, on one line. */
function callOf(client: string, operation: { method: string; path: string }, request?: object): string {
  return `void ${client}.${operation.method}(${JSON.stringify(operation.path)}${request ? `, ${JSON.stringify(request)}` : ''});`;
}

/** The lines that check one release of one role: every operation callable, master's others not. */
function releaseChecks(role: Role, release: Release, client: string): string[] {
  const index = operationIndex(role, release);
  const factory = role === 'meta-server' ? 'createMetaServerClient' : 'createReplicaServerClient';
  const lines = [`const ${client} = ${factory}({ baseUrl: 'http://127.0.0.1:9', release: '${release}' });`];
  for (const operation of index.operations) {
    const { query, body } = exampleRequest(operation);
    const init = { ...(Object.keys(query).length > 0 ? { params: { query } } : {}), ...(body !== undefined ? { body } : {}) };
    lines.push(callOf(client, operation, Object.keys(init).length > 0 ? init : undefined));
  }
  for (const operation of operationIndex(role).operations.filter((o) => !index.find(o.method, o.path))) {
    lines.push(`// @ts-expect-error: ${release} does not serve ${operation.method} ${operation.path}`, callOf(client, operation));
  }
  return lines;
}

describe('release typing, against the index', () => {
  it('lets each release call every operation its description has, and none of master that it lacks', async () => {
    const checks = RELEASES.flatMap((release) =>
      ROLES.flatMap((role) => releaseChecks(role, release, `${role.split('-')[0]}_${release.replace(/\W/g, '_')}`)),
    );
    expect(checks.filter((line) => line.startsWith('void ')).length).toBeGreaterThan(RELEASES.length * ROLES.length);
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    const program = [
      "import { createMetaServerClient, createReplicaServerClient } from '../../src/index.js';",
      'export function neverCalled(): void {',
      ...checks.map((line) => `  ${line}`),
      '}',
    ];
    writeFileSync(join(WORK, 'calls.ts'), `${program.join('\n')}\n`);
    writeFileSync(
      join(WORK, 'tsconfig.json'),
      JSON.stringify({ extends: '../../../../tsconfig.base.json', compilerOptions: { noEmit: true }, files: ['calls.ts'] }),
    );
    const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
    const output = await new Promise<string>((resolve) =>
      execFile(process.execPath, [tsc, '-p', WORK], (_error, stdout) => resolve(stdout)),
    );
    expect(output).toBe('');
  }, 120_000);
});
