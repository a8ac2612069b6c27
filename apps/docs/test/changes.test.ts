// The changes page (src/changes.mjs), without a browser: how the changes of a `redocly diff` report
// are grouped by operation, and that the built page (dist/, built first) lists, for each role and
// pair of consecutive releases, exactly the calls the spec's indexes of the two releases add and
// remove, each linked to its reference page. Nothing here names a call: whatever the release data
// becomes, the page is checked against the indexes.
import { existsSync, readFileSync } from 'node:fs';
import { buildOperationIndex, type OpenApiDocument, operationIndex, type Release, ROLES, type Role } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM modules without types
import { CHANGES_TEXT, changesByOperation, RELEASE_PAIRS } from '../src/changes.mjs';
// @ts-expect-error: plain ESM modules without types
import { LANGUAGES, operationAnchor, pageFile, referenceFile } from '../src/pages.mjs';

const SITE = new URL('../dist/', import.meta.url).pathname;
type Language = 'en' | 'zh-CN';
type Group = { operation: { operationId: string }; release: string; change: string; impact: string; details: unknown[] };

/** A document of the given calls (`GET /path`), each with one answer. */
function documentOf(calls: string[]): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const call of calls) {
    const [method, path] = call.split(' ') as [string, string];
    const operationId = `${path.slice(1)}_${method.toLowerCase()}`;
    paths[path] = { ...paths[path], [method.toLowerCase()]: { operationId, tags: ['t'], responses: { '200': { description: 'ok' } } } };
  }
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths };
}

describe('the changes of a diff report, by operation', () => {
  const base = buildOperationIndex('meta-server', documentOf(['GET /kept', 'GET /gone', 'GET /both', 'POST /both']), undefined, 'v2.5.0');
  const revision = buildOperationIndex('meta-server', documentOf(['GET /kept', 'GET /new', 'GET /both']), undefined, 'master');
  const change = (path: string, kind: string, impact: string, more = {}) => ({ path, kind, impact, typeName: 'T', verdicts: [], ...more });
  const report = {
    changes: [
      change('#/info', 'modified', 'patch', { property: 'version' }),
      change('#/paths/~1gone', 'removed', 'major', { verdicts: [{ message: 'Path `/gone` was removed.' }] }),
      change('#/paths/~1new', 'added', 'minor'),
      change('#/paths/~1both/post', 'removed', 'major'),
      change('#/paths/~1kept/get/responses/200', 'modified', 'patch', { property: 'description' }),
      change('#/paths/~1kept/get/parameters/0', 'added', 'major'),
    ],
  };
  const { operations, other } = changesByOperation(report, base, revision) as { operations: Group[]; other: { path: string }[] };
  const byId = Object.fromEntries(operations.map((group) => [group.operation.operationId, group]));

  it('puts a removed or added path or method on each operation, from the release that has it', () => {
    expect(byId.gone_get).toMatchObject({ change: 'removed', release: 'v2.5.0', impact: 'major' });
    expect(byId.new_get).toMatchObject({ change: 'added', release: 'master', impact: 'minor' });
    expect(byId.both_post).toMatchObject({ change: 'removed', release: 'v2.5.0' });
    expect(byId.both_get).toBeUndefined();
  });

  it('gathers the changes inside an operation, rated by the gravest of them', () => {
    expect(byId.kept_get).toMatchObject({ change: 'changed', release: 'master', impact: 'major' });
    expect(byId.kept_get!.details).toHaveLength(2);
  });

  it('keeps the changes about no operation apart, and lists the gravest first', () => {
    expect(other.map((c) => c.path)).toEqual(['#/info']);
    expect(operations.map((group) => group.impact)).toEqual(['major', 'major', 'major', 'minor']);
  });
});

/** The rows of the built changes page of a language: each call's data and its link. */
function rowsOf(language: Language) {
  const html = readFileSync(`${SITE}${pageFile(language, 'changes.html')}`, 'utf8');
  return [
    ...html.matchAll(
      /<tr data-role="([^"]+)" data-base="([^"]+)" data-revision="([^"]+)" data-operation="([^"]+)" data-change="([^"]+)"[^>]*><td><a href="([^"]+)"/g,
    ),
  ].map(([, role, base, revision, operationId, change, href]) => ({
    role: role!,
    base: base!,
    revision: revision!,
    operationId: operationId!,
    change: change!,
    href: href!,
  }));
}

/** The operationIds of the calls of one index that the other has not (same method and path). */
function missingFrom(from: Role, release: Release, other: Release): string[] {
  const there = operationIndex(from, other);
  return operationIndex(from, release)
    .operations.filter((o) => !there.find(o.method, o.path))
    .map((o) => o.operationId)
    .sort();
}

describe.each(LANGUAGES as Language[])('the built %s changes page', (language) => {
  const rows = rowsOf(language);

  it('lists a change for some call, in its own words', () => {
    expect(rows.length).toBeGreaterThan(0);
    const html = readFileSync(`${SITE}${pageFile(language, 'changes.html')}`, 'utf8');
    const text = (CHANGES_TEXT as Record<Language, { title: string; impacts: Record<string, { name: string }> }>)[language];
    expect(html).toContain(`<h1>${text.title}</h1>`);
    for (const impact of Object.values(text.impacts)) expect(html).toContain(impact.name);
  });

  const cases = (RELEASE_PAIRS as [Release, Release][]).flatMap(([base, revision]) => ROLES.map((role) => [base, revision, role] as const));
  it.each(cases)('lists, from %s to %s, the %s calls added and removed, as the indexes say', (base, revision, role) => {
    const of = (change: string) =>
      rows
        .filter((r) => r.role === role && r.base === base && r.revision === revision && r.change === change)
        .map((r) => r.operationId)
        .sort();
    expect(of('added')).toEqual(missingFrom(role, revision, base));
    expect(of('removed')).toEqual(missingFrom(role, base, revision));
    for (const id of of('changed')) {
      const { method, path } = operationIndex(role, revision).byId(id);
      expect(operationIndex(role, base).find(method, path), id).toBeDefined();
    }
  });

  it('links each call to its section on the reference page of the release that has it', () => {
    for (const row of rows) {
      const release = (row.change === 'removed' ? row.base : row.revision) as Release;
      const operation = operationIndex(row.role as Role, release).byId(row.operationId);
      const file = referenceFile(row.role, language, release) as string;
      expect(row.href, row.operationId).toBe(`${language === 'en' ? '' : '../'}${file}#${operationAnchor(operation)}`);
      expect(existsSync(`${SITE}${file}`), file).toBe(true);
    }
  });
});
