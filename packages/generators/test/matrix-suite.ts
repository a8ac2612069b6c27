// The matrix, for one generator: generate a client from every role of every release, type-check
// the clients and the programs that call them in one `tsc --strict` run, run each program against
// the wire mocks of its release, and hold every known issue of the entry to its evidence (an
// issue that no longer shows fails the test, so that its entry is mended).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RELEASES, type Release, ROLES, type Role } from '@pegasus-http/spec';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCommand } from '../src/command.mjs';
import { generateClient } from '../src/generate.mjs';
import { clientFolder, programFile } from '../src/layout.mjs';
import { generatorEntry, issuesOf } from '../src/matrix.mjs';
import { installedPackage } from '../src/packages.mjs';
import { callPlan } from '../src/plan.mjs';
import { typecheck } from '../src/typecheck.mjs';
import { copyPrograms, prepareFolder } from '../src/workspace.mjs';
import { type Diagnostic, decodedAsIssueSays, type Entry, type Issue, typecheckEvidence } from './evidence.js';

type Call = ReturnType<typeof callPlan>[number];

const CASES = RELEASES.flatMap((release) => ROLES.map((role) => ({ release, role })));

/** What a program's call decodes, or what it threw. */
async function decode(entry: Entry, role: Role, release: Release, call: Call, baseUrl: string): Promise<unknown> {
  const module = await import(
    /* @vite-ignore */ pathToFileURL(programFile(entry.id, call.module, clientFolder(entry.id, release, role))).href
  );
  try {
    return await module[call.name](baseUrl, call.query, call.prefer);
  } catch (error) {
    return { threw: String(error) };
  }
}

/** The value a call must decode: the documented example, or what a known issue of the entry says it becomes. */
function mustDecode(entry: Entry, role: Role, release: Release, call: Call): unknown {
  const issue = issuesOf(entry, 'call', role, release).find((i: Issue) => i.evidence.call === call.name);
  return issue ? decodedAsIssueSays(issue, call.expect) : call.expect;
}

/** The files of an output (a folder, or one file), by path relative to where it is, with their text. */
async function filesOf(folder: string, output: string): Promise<Record<string, string>> {
  const root = join(folder, output.split('/')[0]!);
  if (!(await stat(root)).isDirectory()) return { [output]: await readFile(root, 'utf8') };
  const names = (await readdir(root, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  const files = await Promise.all(
    names.map(async (d) => [relative(folder, join(d.parentPath, d.name)), await readFile(join(d.parentPath, d.name), 'utf8')]),
  );
  return Object.fromEntries(files.sort(([a], [b]) => String(a).localeCompare(String(b))));
}

export function matrixSuite(id: string): void {
  const entry = generatorEntry(id) as Entry;

  describe(`${entry.name} ${entry.version} (${entry.package})`, () => {
    const reports = new Map<string, Record<string, unknown>>();
    let folder: string;

    beforeAll(async () => {
      folder = await prepareFolder(entry);
    });

    it('is installed at the version the matrix names', () => {
      expect(installedPackage(entry.package).manifest.version).toBe(entry.version);
    });

    it('generates a client from each role of each release', async () => {
      for (const { release, role } of CASES) {
        reports.set(`${release} ${role}`, await generateClient(entry, role, release));
        await copyPrograms(id, role, release);
      }
      // A workaround stays while the generator still needs it: its reports count what it mended.
      for (const field of entry.workaround?.report ?? []) {
        const mended = [...reports.values()].reduce((sum, report) => sum + Number(report[field]), 0);
        expect(mended, `${field} the workaround mended`).toBeGreaterThan(0);
      }
    });

    it('type-checks every client, and the programs that call it, under --strict', async () => {
      const diagnostics = (await typecheck(folder)) as Diagnostic[];
      const { unexplained, stale } = typecheckEvidence(entry, diagnostics, CASES);
      expect(unexplained, 'errors no issue of the matrix explains').toEqual([]);
      expect(stale, 'issues of the matrix that no longer show: mend the entry').toEqual([]);
    });

    describe.each(RELEASES)('against the wire mocks of %s', (release) => {
      it.each(ROLES)('decodes what the %s answers as documented', async (role) => {
        const mock = inject('mocks')[release];
        const baseUrl = role === 'meta-server' ? mock.meta : mock.replica;
        const plan = callPlan(role, release);
        const decoded: Record<string, unknown> = {};
        for (const call of plan) decoded[call.name] = await decode(entry, role, release, call, baseUrl);
        expect(decoded).toEqual(Object.fromEntries(plan.map((call) => [call.name, mustDecode(entry, role, release, call)])));
      });
    });

    if (!entry.network)
      it("writes the same client with the page's command", async () => {
        const user = await runCommand(entry, 'meta-server', 'master');
        expect(await filesOf(user, entry.output)).toEqual(await filesOf(clientFolder(id, 'master', 'meta-server'), entry.output));
      });
  });
}
