// The bounds on findings: values cut to a readable length, a few findings per answer and a count
// of the rest, and an answer wrong in a million places checked into a handful of findings.
import { operationIndex } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
import { checkCall, checkListing } from '../src/check.js';
import { roleContract } from '../src/contracts.js';
import { boundFindings, clip, FINDINGS_PER_ANSWER, FindingList, quote, quoteBytes, quoteJson } from '../src/findings.js';
import { exitCodeOf, type ProbeResult, reportOf } from '../src/report.js';

describe('a value quoted in a finding', () => {
  it('is kept whole when short, and cut with an ellipsis when long', () => {
    expect(clip('short')).toBe('short');
    expect(clip('x'.repeat(1000))).toBe(`${'x'.repeat(119)}…`);
    expect(quote('a "b"')).toBe('"a \\"b\\""');
    expect(quote('y'.repeat(50 * 1024 * 1024))).toBe(`"${'y'.repeat(117)}…"`);
    expect(quoteBytes(Buffer.alloc(10 * 1024 * 1024, 0x7a))).toHaveLength(120);
  });
});

describe('the findings of one answer', () => {
  it('are the first few and a count of the rest', () => {
    const list = new FindingList();
    for (let i = 0; i < 1_000_000; i++) list.add({ kind: 'drift', message: `problem ${i}` });
    const findings = list.list();
    expect(findings).toHaveLength(FINDINGS_PER_ANSWER + 1);
    expect(findings.at(-1)).toEqual({ kind: 'drift', message: '… and 999,995 more', more: 999_995 });
    expect(list.size).toBe(1_000_000);
  });

  it('keep their count when bounded again, and an error among those left out is an error', () => {
    const list = new FindingList();
    for (let i = 0; i < 7; i++) list.add({ kind: i === 6 ? 'error' : 'drift', message: `problem ${i}` });
    const again = boundFindings([{ kind: 'drift', message: 'first' }, ...list.list()]);
    expect(again.at(-1)).toEqual({ kind: 'error', message: '… and 3 more', more: 3 });
  });

  it('of a listing of 200,000 unknown calls: a handful of findings', () => {
    const help = 'x'.repeat(1000);
    const listed: Record<string, string> = {};
    for (let i = 0; i < 200_000; i++) listed[`/call${i}`] = help;
    const expected = { described: ['/version'], help: {}, release: 'master' as const };
    const findings = checkListing(listed, expected);
    expect(findings).toHaveLength(FINDINGS_PER_ANSWER + 1);
    expect(findings[0]?.actual).toHaveLength(120);
    expect(findings.at(-1)?.message).toBe('… and 199,996 more');
  });

  it('of a body that breaks its schema in many places: a handful of findings', () => {
    const { validator } = roleContract('replica-server', 'master');
    const version = operationIndex('replica-server', 'master').byId('version_get');
    const body = Buffer.from(JSON.stringify(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`f${i}`, i]))));
    const answer = { ok: true as const, status: 200, headers: { 'content-type': 'text/plain' }, body, durationMs: 0 };
    const findings = checkCall(validator, version, answer);
    expect(findings).toHaveLength(FINDINGS_PER_ANSWER + 1);
    expect(findings.at(-1)?.message).toMatch(/^… and [\d,]+ more$/);
  });
});

describe('the exit status', () => {
  const result = (outcome: ProbeResult['outcome'], internal?: true): ProbeResult => ({
    role: 'replica-server',
    server: 'http://127.0.0.1:1',
    serverRole: 'replica',
    operationId: 'version_get',
    method: 'GET',
    target: '/version',
    label: 'read',
    outcome,
    findings: [],
    ...(internal ? { internal } : {}),
  });
  const report = (results: ProbeResult[], ran = true) => reportOf({ ran, startedAt: '', durationMs: 0, servers: [], results, notes: [] });

  it('is 0 when everything matches, 1 on drift or a fault, 2 when nothing was checked or the kit failed', () => {
    expect(exitCodeOf(report([result('pass'), result('skipped')]))).toBe(0);
    expect(exitCodeOf(report([result('pass'), result('drift')]))).toBe(1);
    expect(exitCodeOf(report([result('pass'), result('error')]))).toBe(1);
    expect(exitCodeOf(report([result('error')], false))).toBe(2);
    expect(exitCodeOf(report([result('pass'), result('error', true)]))).toBe(2);
  });
});

describe('quoteJson', () => {
  it('quotes a value as JSON, cut to its bound', () => {
    expect(quoteJson({ a: [1, 'x'], b: null })).toBe('{"a":[1,"x"],"b":null}');
    const huge = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`f${i}`, i]));
    const quoted = quoteJson(huge);
    expect(quoted.length).toBeLessThanOrEqual(130);
    expect(JSON.stringify(huge).startsWith(quoted.replace(/…$|\.\.\.$/, '').slice(0, 100))).toBe(true);
  });
});
