// The releases as data (openapi/releases/README.md): each overlay's actions are described and all
// take effect, each release's artifacts say which release they describe, and the prose of
// `x-pegasus-differences` agrees with what the overlays really change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type IndexedOperation,
  type JsonObject,
  loadDocument,
  type OpenApiDocument,
  operationIndex,
  RELEASES,
  type Release,
  ROLES,
  resolveRef,
} from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
// @ts-expect-error: a plain ESM script without types
import { OPENAPI_DIR, releases } from '../scripts/redocly.mjs';
// @ts-expect-error: a plain ESM script without types
import { selectPaths } from '../scripts/text-nodes.mjs';

type Action = { target?: unknown; description?: unknown; update?: unknown; remove?: unknown };
const overlay = (release: string) =>
  YAML.parse(readFileSync(join(OPENAPI_DIR as string, 'releases', `${release}.yaml`), 'utf8')) as { actions: Action[] };
const OLDER = RELEASES.filter((r): r is Exclude<Release, 'master'> => r !== 'master');

/** The release an overlay is applied on top of: master for the newest, else the next newer release. */
const baseOf = (release: Release): Release => RELEASES[RELEASES.indexOf(release) - 1]!;

describe('the releases', () => {
  it('are master and one overlay per release in openapi/releases/, newest first', () => {
    expect(RELEASES).toEqual(['master', ...(releases() as string[])]);
  });

  describe.each(OLDER)('%s', (release) => {
    const actions = overlay(release).actions;

    it('describes every action', () => {
      for (const action of actions)
        expect(typeof action.description === 'string' && action.description.trim().length > 10, JSON.stringify(action.target)).toBe(true);
    });

    it('has every action select something where it is applied', () => {
      const bases = ROLES.map((role) => loadDocument(role, 'openapi.json', baseOf(release)));
      const idle = actions.filter((action) => bases.every((document) => (selectPaths(document, action.target) as unknown[]).length === 0));
      expect(idle.map((a) => a.target)).toEqual([]);
    });

    it.each(ROLES)('gives %s artifacts that name the release in their version and first paragraph', (role) => {
      const { info } = loadDocument(role, 'openapi.json', release);
      const firstParagraph = (text: unknown) => String(text).split('\n\n')[0]!;
      expect(info.version).toBe(release.slice(1));
      expect(firstParagraph(info.description)).toContain(release);
      expect(firstParagraph(info.description)).not.toBe(firstParagraph(loadDocument(role).info.description));
    });
  });
});

// ---------------------------------------------------------------------------------------------
// x-pegasus-differences against the data

const TEXT_KEYS = new Set(['description', 'summary', 'title', 'x-pegasus-source', 'x-pegasus-differences', 'x-pegasus-catalogue']);

/** A schema with every $ref followed and every text left out: what a client sees of it. */
function structure(document: OpenApiDocument, value: unknown, depth = 0): unknown {
  if (depth > 40) return '…';
  const node = resolveRef<unknown>(document, value);
  if (Array.isArray(node)) return node.map((item) => structure(document, item, depth + 1));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as JsonObject)
      .filter(([key]) => !TEXT_KEYS.has(key))
      .map(([key, child]) => [key, structure(document, child, depth + 1)]),
  );
}

/** What an operation says a server does, its texts aside: parameters, bodies, statuses, examples, request rules, standby. */
function shape(document: OpenApiDocument, operation: IndexedOperation): unknown {
  const media = (m: IndexedOperation['request']) => m && { ...m, schema: structure(document, m.schema) };
  return {
    method: operation.method,
    parameters: operation.parameters.map((p) => ({ ...p, schema: structure(document, p.schema) })),
    request: media(operation.request),
    responses: Object.values(operation.responses).map((r) => ({
      status: r.status,
      media: r.media.map(media),
      headers: structure(document, r.headers),
    })),
    post: operation.post,
    rules: operation.operation['x-pegasus-rules'],
    standby: operation.operation['x-pegasus-standby'],
  };
}

/** The help strings a release's `/` listing gives for a path, in any of its examples. */
function helpStrings(role: (typeof ROLES)[number], release: Release, path: string): string[] {
  const listing = operationIndex(role, release).find('GET', '/')!;
  return Object.values(listing.responses['200']!.media[0]!.examples).map((listed) => (listed as Record<string, string>)[path]!);
}

// Prose that says nothing in the call's structure differs: "Same behaviour.", "Same body." or "Same
// as v2.5.0." with at most the help string; or "Same answers, but …" for a difference no structure
// can show (a side effect, such as a hook that runs in one release and not in another).
const SAME = /^((Same (behaviour|body)\.|Same as v2\.5\.0\.)( Help string:? `[^`]*`\.?)?$|Same answers, but\b)/;

describe.each(ROLES)('x-pegasus-differences of %s', (role) => {
  const master = operationIndex(role);
  describe.each(OLDER)('against %s', (release) => {
    const index = operationIndex(role, release);
    const base = baseOf(release);
    const cases = master.operations.map((operation) => [operation.operationId, operation] as const);

    it.each(cases)('%s', (_id, operation) => {
      const prose = String((operation.operation['x-pegasus-differences'] as Record<string, string>)[release]).trim();
      const served = index.operations.find((o) => o.operationId === operation.operationId);
      if (!served) {
        expect(prose, 'a call the release does not serve').toMatch(/^(Not served|No such call)/);
        return;
      }
      expect(prose).not.toMatch(/^(Not served|No such call)/);
      // "Same as v2.5.0." compares with v2.5.0, every other statement with master.
      const against = /^(Same as|As) v2\.5\.0/.test(prose) ? operationIndex(role, base) : master;
      const before = against.operations.find((o) => o.operationId === operation.operationId)!;
      const same = JSON.stringify(shape(against.document, before)) === JSON.stringify(shape(index.document, served));
      if (SAME.test(prose)) expect(same, `"${prose}" but the overlays change the call`).toBe(true);
      else expect(same, `"${prose}" but nothing differs`).toBe(false);
      const loses307 = before.redirects && !served.redirects;
      if (loses307) expect(prose, 'a call that loses its 307 says so').toMatch(/never redirects|does not redirect/);
      else expect(prose).not.toMatch(/never redirects/);
      for (const [, help] of prose.matchAll(/Help string:? `([^`]*)`/g)) expect(helpStrings(role, release, served.path)).toContain(help);
    });
  });
});

describe.each(OLDER.flatMap((release) => ROLES.map((role) => [release, role] as const)))('the %s %s root listing', (release, role) => {
  it('lists, in its first example, exactly the calls the release describes', () => {
    const index = operationIndex(role, release);
    const [first] = Object.values(index.find('GET', '/')!.responses['200']!.media[0]!.examples);
    expect(Object.keys(first as object).sort()).toEqual(Object.keys(index.document.paths).sort());
  });
});
