// The known issues of a matrix entry, held to their evidence: each must still show where it says
// (a tsc error in a file, a call that decodes something else than the documented example), and
// nothing may go wrong that no issue explains.
import type { Release, Role } from '@pegasus-http/spec';
import { expect } from 'vitest';
import { issuesOf } from '../src/matrix.mjs';

export interface Issue {
  /** Whose fault: our description (fixed in openapi/) or the generator (worked around, or reported). */
  owner: 'description' | 'generator';
  check: 'typecheck' | 'call';
  roles?: Role[];
  releases?: Release[];
  /** typecheck: a tsc error `code` in `file` (relative to a client's folder); call: what `call` decodes instead. */
  evidence: { file?: string; code?: string; call?: string; dropsKeys?: string; throws?: string };
  en: string;
  'zh-CN': string;
}

export interface Entry {
  id: string;
  name: string;
  package: string;
  version: string;
  tools: string[];
  runtime: string[];
  output: string;
  command: string[];
  files: string[];
  imported: string[];
  setup: string;
  summary: Record<'en' | 'zh-CN', string>;
  setting: Record<'en' | 'zh-CN', string>;
  status: 'works' | 'workaround' | 'partial' | 'broken';
  workaround?: { report: string[] } & Record<'en' | 'zh-CN', string>;
  network?: Record<'en' | 'zh-CN', string>;
  issues: Issue[];
}

/** A tsc error, its file relative to the generator's folder. */
export interface Diagnostic {
  file: string;
  line: number;
  code: string;
  message: string;
}

const shows = (issue: Issue, d: Diagnostic, release: Release, role: Role) =>
  d.file === `${release}/${role}/${issue.evidence.file}` && d.code === issue.evidence.code;

/** The tsc errors no issue explains, and the typecheck issues no error shows any more. */
export function typecheckEvidence(entry: Entry, diagnostics: Diagnostic[], cases: { release: Release; role: Role }[]) {
  const issues = (role: Role, release: Release): Issue[] => issuesOf(entry, 'typecheck', role, release);
  const explained = (d: Diagnostic) => cases.some(({ release, role }) => issues(role, release).some((i) => shows(i, d, release, role)));
  const unexplained = diagnostics.filter((d) => !explained(d)).map((d) => `${d.file}(${d.line}): ${d.code} ${d.message}`);
  const stale = cases.flatMap(({ release, role }) =>
    issues(role, release)
      .filter((i) => !diagnostics.some((d) => shows(i, d, release, role)))
      .map((i) => `${release} ${role}: no ${i.evidence.code} in ${i.evidence.file}`),
  );
  return { unexplained, stale };
}

/** What a call decodes, as a call issue says: the example without some keys, or a thrown error. */
export function decodedAsIssueSays(issue: Issue, expected: unknown): unknown {
  const { dropsKeys, throws } = issue.evidence;
  if (throws) return { threw: expect.stringContaining(throws) };
  const pattern = new RegExp(dropsKeys!);
  const kept = Object.fromEntries(Object.entries(expected as object).filter(([key]) => !pattern.test(key)));
  if (Object.keys(kept).length === Object.keys(expected as object).length) throw new Error(`the example has no key ${dropsKeys} to drop`);
  return kept;
}
