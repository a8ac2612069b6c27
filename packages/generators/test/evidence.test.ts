// How a known issue is held to its evidence, on entries of this file's own (the matrix may have
// no issue at a given time): an issue that no longer shows is stale, an error no issue explains
// is reported, and a call issue says what the call decodes instead.
import { describe, expect, it } from 'vitest';
import { decodedAsIssueSays, type Entry, type Issue, typecheckEvidence } from './evidence.js';

const issue = (fields: Partial<Issue>): Issue => ({
  owner: 'description',
  check: 'typecheck',
  evidence: {},
  en: '',
  'zh-CN': '',
  ...fields,
});
const entry = (issues: Issue[]) => ({ issues }) as Entry;
const cases = [
  { release: 'master', role: 'meta-server' },
  { release: 'v2.5.0', role: 'meta-server' },
] as const;
const error = (file: string, code: string) => ({ file, line: 16, code, message: 'not assignable' });

describe('a typecheck issue', () => {
  const known = issue({ roles: ['meta-server'], evidence: { file: 'client/types/A.ts', code: 'TS2411' } });

  it('explains its error in every release it holds for, and only that error', () => {
    const errors = [error('master/meta-server/client/types/A.ts', 'TS2411'), error('v2.5.0/meta-server/client/types/A.ts', 'TS2411')];
    expect(typecheckEvidence(entry([known]), errors, [...cases])).toEqual({ unexplained: [], stale: [] });
    const other = error('master/meta-server/client/types/B.ts', 'TS2322');
    expect(typecheckEvidence(entry([known]), [...errors, other], [...cases]).unexplained).toEqual([
      'master/meta-server/client/types/B.ts(16): TS2322 not assignable',
    ]);
  });

  it('is stale where its error no longer shows', () => {
    const errors = [error('master/meta-server/client/types/A.ts', 'TS2411')];
    expect(typecheckEvidence(entry([known]), errors, [...cases]).stale).toEqual(['v2.5.0 meta-server: no TS2411 in client/types/A.ts']);
  });
});

describe('a call issue', () => {
  it('says the example loses the keys it names', () => {
    const drops = issue({ check: 'call', evidence: { call: 'duplications', dropsKeys: '^[1-9][0-9]*$' } });
    expect(decodedAsIssueSays(drops, { 1: { dupid: 1 }, appid: 2 })).toEqual({ appid: 2 });
    expect(() => decodedAsIssueSays(drops, { appid: 2 })).toThrow('no key');
  });

  it('says the call throws', () => {
    const throws = issue({ check: 'call', evidence: { call: 'cmdline', throws: 'SyntaxError' } });
    expect({ threw: 'SyntaxError: Unexpected token' }).toEqual(decodedAsIssueSays(throws, 'text'));
  });
});
