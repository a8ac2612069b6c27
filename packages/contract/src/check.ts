// Checks answers against what the contract documents: the status, the real Content-Type label and
// the body against the schema of that status and media type (all read from the operation index);
// a probe's expected status; the root listing; a standby's Location; the framework's 404. Every
// value quoted from an answer is cut (findings.ts), and an answer wrong in a million places costs a
// few findings and a count of the rest.
import { type IndexedMedia, type IndexedOperation, type Release, valueAtPointer } from '@pegasus-http/spec';
import { type ParsedBody, parseBodyJson } from './body-json.js';
import { FULL_CHECK_BYTES, type SchemaValidator } from './contracts.js';
import { clip, FINDINGS_PER_ANSWER, type Finding, FindingList, quote, quoteBytes, quoteJson } from './findings.js';
import type { Answer } from './http.js';

export type { Finding } from './findings.js';

/** An answer the server completed. */
export type Reply = Extract<Answer, { ok: true }>;

export function faultFinding(answer: Extract<Answer, { ok: false }>): Finding {
  return { kind: 'error', message: `${answer.fault}: ${answer.message}` };
}

/** The label the server put on an answer, without parameters. */
export function labelOf(answer: Reply): string {
  return (answer.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
}

/** The findings of a body against one documented media type; empty when it fits. */
function bodyAgainst(validator: SchemaValidator, media: IndexedMedia, text: string, parsed: ParsedBody, where: string): Finding[] {
  if (media.kind === 'binary') return []; // a binary body (the CPU profile) has no structure to check
  if (media.kind === 'text') {
    const { problems } = validator.problems(media.schema, text, text.length);
    return problems.length === 0
      ? []
      : [{ kind: 'drift', message: `${where}: the text body ${clip(problems[0]?.message ?? '')}`, actual: quote(text) }];
  }
  if (!parsed.ok) return [{ kind: 'drift', message: `${where}: the body is not JSON`, expected: 'a JSON body', actual: quote(text) }];
  const { problems, complete } = validator.problems(media.schema, parsed.value, text.length);
  const findings = new FindingList();
  for (const problem of problems.slice(0, FINDINGS_PER_ANSWER)) {
    const message = `${where}: the body ${clip(problem.message)}`;
    findings.add({
      kind: 'drift',
      message,
      pointer: clip(problem.pointer),
      actual: quoteJson(valueAtPointer(parsed.value, problem.pointer)),
    });
  }
  findings.addCount(problems.length - FINDINGS_PER_ANSWER, 'drift');
  if (!complete) {
    findings.add({
      kind: 'drift',
      message: `${where}: the body has more than ${FULL_CHECK_BYTES / 1024 / 1024} MiB; only its first problem is reported`,
    });
  }
  return findings.list();
}

/**
 * The body must fit one of the documented media types, tried in order; when none fits, the
 * attempt that came closest is reported: the JSON one when the body is JSON.
 */
function checkBody(validator: SchemaValidator, media: IndexedMedia[], answer: Reply, where: string): Finding[] {
  const text = answer.body.toString('utf8');
  const parsed = parseBodyJson(answer.body, text);
  const attempts: Finding[][] = [];
  for (const candidate of media) {
    const findings = bodyAgainst(validator, candidate, text, parsed, where);
    if (findings.length === 0) return [];
    attempts.push(findings);
  }
  const closest = parsed.ok
    ? (attempts.find((a) => a.every((f) => f.pointer !== undefined || f.more !== undefined)) ?? attempts[0])
    : attempts.at(-1);
  return closest ?? [];
}

/** The statuses an operation documents, other than `default`. */
export function documentedStatuses(operation: IndexedOperation): string[] {
  return Object.keys(operation.responses).filter((status) => status !== 'default');
}

/** Checks one answer against the operation: a documented status, its wire label, and the body. */
export function checkAnswer(validator: SchemaValidator, operation: IndexedOperation, answer: Reply): Finding[] {
  const { operationId } = operation;
  const response = operation.responses[String(answer.status)];
  if (!response) {
    const expected = documentedStatuses(operation).join(', ');
    return [
      { kind: 'drift', message: `${operationId}: status ${answer.status} is not documented`, expected, actual: String(answer.status) },
    ];
  }
  const where = `${operationId} ${answer.status}`;
  const findings: Finding[] = [];
  // The label: Pegasus sends text/plain on everything; the contract records it per media type.
  const labels = [...new Set(response.media.map((media) => media.wireLabel))];
  const label = labelOf(answer);
  if (labels.length > 0 && !labels.includes(label)) {
    findings.push({
      kind: 'drift',
      message: `${where}: wrong Content-Type label`,
      expected: labels.join(' or '),
      actual: clip(label) || 'none',
    });
  }
  if (response.media.length === 0) {
    if (answer.body.length > 0)
      findings.push({ kind: 'drift', message: `${where}: a body where none is documented`, actual: quoteBytes(answer.body) });
    return findings;
  }
  return [...findings, ...checkBody(validator, response.media, answer, where)];
}

/** Checks an answer and, when the probe names the documented answers it accepts, that its status is one of theirs. */
export function checkCall(
  validator: SchemaValidator,
  operation: IndexedOperation,
  answer: Answer,
  expect: { status: number; example: string }[] = [],
): Finding[] {
  if (!answer.ok) return [faultFinding(answer)];
  const findings = checkAnswer(validator, operation, answer);
  if (expect.length > 0 && !expect.some((e) => e.status === answer.status)) {
    const message = `${operation.operationId}: expected the documented ${expect.map((e) => `${e.status} (${e.example})`).join(' or ')}`;
    findings.unshift({ kind: 'drift', message, expected: expect.map((e) => e.status).join(' or '), actual: String(answer.status) });
  }
  return findings;
}

/** What a root listing must hold: exactly the described calls (the gperftools ones only when built with it), with the release's help strings. */
export interface ListingExpectation {
  described: string[];
  help: Record<string, string>;
  release: Release;
}

/** Compares the calls a server lists with those the contract describes for its role. */
export function checkListing(listed: Record<string, unknown>, expected: ListingExpectation): Finding[] {
  const { described, help, release } = expected;
  const findings = new FindingList();
  const known = new Set(described);
  for (const path in listed) {
    if (!Object.hasOwn(listed, path) || known.has(path)) continue;
    if (!findings.open) findings.addCount(1, 'drift');
    else
      findings.add({
        kind: 'drift',
        message: `the server lists ${clip(path)}, which the contract does not describe`,
        actual: quoteJson(listed[path]),
      });
  }
  for (const path of described.filter((p) => !Object.hasOwn(listed, p)))
    findings.add({ kind: 'drift', message: `the contract describes ${path}, which the server does not list` });
  for (const path of described.filter((p) => Object.hasOwn(listed, p) && help[p] !== undefined && help[p] !== listed[p])) {
    findings.add({
      kind: 'drift',
      message: `the help string of ${path} differs from the ${release} contract's`,
      expected: JSON.stringify(help[path]),
      actual: quoteJson(listed[path]),
    });
  }
  return findings.list();
}

/** Where a standby's 307 must point: one of the primary's addresses (when it is known), and the same call. */
export interface RedirectExpectation {
  hosts: string[];
  path: string;
  /** The primary's release, whose contract its answer is checked against (the standby's when unknown). */
  release?: Release;
}

/** Checks the Location of a standby's 307 (an absolute http:// URL). */
export function checkLocation(operationId: string, location: string, expected: RedirectExpectation): Finding[] {
  const url = new URL(location);
  const findings: Finding[] = [];
  if (expected.hosts.length > 0 && !expected.hosts.includes(url.host)) {
    findings.push({
      kind: 'drift',
      message: `${operationId}: the 307 does not point at the primary`,
      expected: expected.hosts.join(' or '),
      actual: clip(url.host),
    });
  }
  if (url.pathname !== expected.path)
    findings.push({
      kind: 'drift',
      message: `${operationId}: the 307 points at another call`,
      expected: expected.path,
      actual: clip(url.pathname),
    });
  return findings;
}

/** The framework's 404 for a path no call is registered under: its status, label and body. */
export function checkUnknownPath(answer: Answer, expected: { contentType: string; body: string }): Finding[] {
  if (!answer.ok) return [faultFinding(answer)];
  const findings: Finding[] = [];
  if (answer.status !== 404)
    findings.push({
      kind: 'drift',
      message: "an unknown path must be the framework's 404",
      expected: '404',
      actual: String(answer.status),
    });
  const label = labelOf(answer);
  if (label !== expected.contentType)
    findings.push({ kind: 'drift', message: 'wrong Content-Type label', expected: expected.contentType, actual: clip(label) || 'none' });
  if (!answer.body.equals(Buffer.from(expected.body, 'utf8'))) {
    findings.push({
      kind: 'drift',
      message: "the 404 body differs from the framework's",
      expected: JSON.stringify(expected.body),
      actual: quoteBytes(answer.body),
    });
  }
  return findings;
}
