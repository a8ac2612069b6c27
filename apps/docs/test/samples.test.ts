// The code samples of the reference pages (`x-codeSamples`, written by the docs view) run against
// the mocks unchanged: every curl command is run with the real curl (only its host and port point
// at a mock started here), and every TypeScript sample type-checks against @pegasus-http/client and
// runs; each call must answer 200.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type Mocks, startMocks } from '@pegasus-http/mock';
import {
  buildOperationIndex,
  loadDocument,
  type OpenApiDocument,
  operationIndex,
  RELEASES,
  type Release,
  ROLES,
  type Role,
} from '@pegasus-http/spec';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM modules without types
import { docsView } from '../src/pages.mjs';
// @ts-expect-error: plain ESM modules without types
import { SAMPLE_BASE_URLS } from '../src/samples.mjs';

const run = promisify(execFile);
const CURL = '/usr/bin/curl';
const SAMPLES = new URL('../test-output/samples/', import.meta.url).pathname;

type Sample = { lang: string; label: string; source: string };
type Case = { release: Release; role: Role; operationId: string; curl: string; typescript: string };

// The samples of every page: each role of each release.
const cases: Case[] = RELEASES.flatMap((release) =>
  ROLES.flatMap((role) => {
    const view = docsView(loadDocument(role, 'openapi.json', release), { role, release }) as OpenApiDocument;
    return buildOperationIndex(role, view, undefined, release).operations.map(({ operationId, operation }) => {
      const samples = operation['x-codeSamples'] as Sample[];
      return {
        release,
        role,
        operationId,
        curl: samples.find((s) => s.label === 'curl')!.source,
        typescript: samples.find((s) => s.lang === 'TypeScript')!.source,
      };
    });
  }),
);
const caseName = (c: Case) => `${c.release} ${c.role} ${c.operationId}`;

/** The words of a command line as a POSIX shell reads them: single quotes, backslash-newline continuations. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === '\\' && command[i + 1] === '\n') i++;
    else if (c === '\\') word = (word ?? '') + command[++i];
    else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

// The mocks of each release, each serving its release's contract.
const mocks = new Map<Release, Mocks>();
const baseUrl = (c: Case) => (c.role === 'meta-server' ? mocks.get(c.release)!.meta.url : mocks.get(c.release)!.replica.url);
/** A sample with only its server changed: the role's default address becomes the mock's of its release. */
const aimed = (c: Case, text: string) => text.replaceAll((SAMPLE_BASE_URLS as Record<Role, string>)[c.role], baseUrl(c));

beforeAll(async () => {
  for (const release of RELEASES) mocks.set(release, await startMocks({ metaPort: 0, replicaPort: 0, release }));
  rmSync(SAMPLES, { recursive: true, force: true });
  mkdirSync(SAMPLES, { recursive: true });
});
afterAll(async () => {
  for (const running of mocks.values()) await running.close();
});

describe('every operation has both samples', () => {
  it('aimed at the role default address', () => {
    for (const c of cases) {
      expect(c.curl, c.operationId).toContain((SAMPLE_BASE_URLS as Record<Role, string>)[c.role]);
      expect(c.typescript, c.operationId).toContain(`from '@pegasus-http/client'`);
    }
    expect(cases.length).toBe(
      RELEASES.reduce((n, release) => n + ROLES.reduce((m, role) => m + operationIndex(role, release).operations.length, 0), 0),
    );
    for (const c of cases.filter((c) => c.release !== 'master')) expect(c.typescript, caseName(c)).toContain(`release: '${c.release}'`);
  });

  it('parses shell words as a shell does', () => {
    expect(shellWords(`curl -s 'http://h/a?b=1&c' \\\n  -H 'Content-Type: application/json' \\\n  -d '{"a":"it'\\''s"}'`)).toEqual([
      'curl',
      '-s',
      'http://h/a?b=1&c',
      '-H',
      'Content-Type: application/json',
      '-d',
      `{"a":"it's"}`,
    ]);
  });
});

describe('the curl samples, run with curl against the mocks', () => {
  // CI must have curl (.ci/run installs it); elsewhere, without curl, the commands are sent with fetch.
  const hasCurl = existsSync(CURL);
  if (!hasCurl && process.env.CI) it('needs curl', () => expect.fail(`${CURL} is missing: install Debian's curl`));

  it.each(cases.map((c) => [caseName(c), c] as const))('%s answers 200', async (_name, c) => {
    const [program, ...args] = shellWords(aimed(c, c.curl));
    expect(program).toBe('curl');
    if (hasCurl) {
      const cwd = await mkdtemp(join(tmpdir(), 'pegasus-curl-'));
      try {
        const { stdout } = await run(CURL, [...args, '--write-out', '\n%{http_code}'], {
          cwd,
          encoding: 'latin1',
          maxBuffer: 16 * 1024 * 1024,
        });
        expect(stdout.split('\n').at(-1)).toBe('200');
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    } else {
      const url = args.find((a) => a.startsWith('http'))!;
      const headers: Record<string, string> = {};
      let body: string | undefined;
      let method = 'GET';
      for (let i = 0; i < args.length; i++) {
        if (args[i] === '-H') {
          const [name, ...value] = args[++i]!.split(':');
          headers[name!] = value.join(':').trim();
        } else if (args[i] === '-d' || args[i] === '--data-binary') {
          body = args[++i];
          method = 'POST';
        } else if (args[i] === '-X') method = args[++i]!;
      }
      expect((await fetch(url, { method, headers, body })).status).toBe(200);
    }
  });
});

describe('the TypeScript samples, against @pegasus-http/client and the mocks', () => {
  const file = (c: Case) => join(SAMPLES, `${c.release}-${c.role}-${c.operationId}.ts`);

  it('type-check, all of them (strict)', () => {
    for (const c of cases) writeFileSync(file(c), c.typescript);
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: ['node'],
    };
    const program = ts.createProgram(cases.map(file), options);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  // Each sample is transpiled as it is (only its server changed) and imported here; what it prints
  // with console.log is caught.
  it.each(cases.map((c) => [caseName(c), c] as const))('%s runs and answers 200', async (_name, c) => {
    const { outputText } = ts.transpileModule(aimed(c, c.typescript), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    });
    const program = file(c).replace(/\.ts$/, '.mjs');
    writeFileSync(program, outputText);
    const printed: unknown[][] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void printed.push(args);
    try {
      await import(pathToFileURL(program).href);
    } finally {
      console.log = log;
    }
    expect(printed).toHaveLength(1);
    expect(printed[0]![0]).toBe(200);
  });
});
