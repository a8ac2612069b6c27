// The conventions of openapi/README.md that are about the files as a whole: nothing unused, each
// path file where its roles say, operationIds unique, and each root listing verbatim from the seed
// page (listing.test.ts checks the described paths against that listing).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type JsonObject, listOperations, loadDocument, RELEASES, ROLES, resolveRef } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
// @ts-expect-error: a plain ESM script without types
import { OPENAPI_DIR, releases } from '../scripts/redocly.mjs';

const FIXTURES = new URL('./fixtures/', import.meta.url);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const allFiles = filesUnder(OPENAPI_DIR as string).map((f) => relative(OPENAPI_DIR as string, f));
const openapiFiles = allFiles.filter((f) => f.endsWith('.yaml'));
const documents = Object.fromEntries(ROLES.map((role) => [role, loadDocument(role)]));
// Every published document of a role: master and each release.
const everyRelease = (role: (typeof ROLES)[number]) => RELEASES.map((release) => loadDocument(role, 'openapi.json', release));
const componentsOf = (role: (typeof ROLES)[number], kind: string) =>
  everyRelease(role).flatMap((d) => Object.keys((d.components?.[kind] as JsonObject | undefined) ?? {}));
const rootPaths = Object.fromEntries(
  ROLES.map((role) => {
    const root = YAML.parse(readFileSync(join(OPENAPI_DIR as string, `${role}.yaml`), 'utf8')) as {
      paths: Record<string, { $ref: string }>;
    };
    return [role, root.paths];
  }),
);

/** The path files the release overlays add: URL path → file under openapi/. */
function releasePathFiles(): [string, string][] {
  return (releases() as string[]).flatMap((release) => {
    const overlay = YAML.parse(readFileSync(join(OPENAPI_DIR as string, 'releases', `${release}.yaml`), 'utf8')) as {
      actions: { target: string; update?: unknown }[];
    };
    return overlay.actions
      .filter((action) => action.target === '$.paths' && action.update)
      .flatMap((action) => Object.entries(action.update as Record<string, { $ref: string }>))
      .map(([path, item]) => [path, item.$ref.replace(/^\.\.\//, '')] as [string, string]);
  });
}

describe('openapi/ files', () => {
  it('every component file is used by at least one role in some release', () => {
    const unused = openapiFiles
      .filter((f) => f.startsWith('components/'))
      .filter((f) => {
        const [, kind, file] = f.split('/');
        const name = file!.replace(/\.yaml$/, '');
        return !ROLES.some((role) => componentsOf(role, kind!).includes(name));
      });
    expect(unused).toEqual([]);
  });

  it('every example file is used in some release, and sits in the folder of its operation', () => {
    const operationIds = new Set(ROLES.flatMap((role) => everyRelease(role).flatMap((d) => listOperations(d).map((o) => o.operationId))));
    for (const file of openapiFiles.filter((f) => f.startsWith('examples/'))) {
      const [, folder, name] = file.split('/');
      expect(operationIds.has(folder!), `${file}: no operation ${folder}`).toBe(true);
      const component = name!.replace(/\.yaml$/, '');
      expect(
        ROLES.some((role) => componentsOf(role, 'examples').includes(component)),
        `${file} is unused`,
      ).toBe(true);
    }
  });

  it('puts each path file under the roles that serve it in some release: common/ for both, meta/ or replica/ for one', () => {
    const servedBy = new Map<string, string[]>();
    for (const role of ROLES) {
      for (const { $ref } of Object.values(rootPaths[role]!)) servedBy.set($ref, [...(servedBy.get($ref) ?? []), role]);
    }
    // A call only releases serve is added by their overlays, whose $refs are relative to openapi/releases/.
    for (const [path, file] of releasePathFiles()) {
      const roles = ROLES.filter((role) => everyRelease(role).some((d) => path in d.paths));
      if (!servedBy.has(file)) servedBy.set(file, roles);
    }
    for (const file of openapiFiles.filter((f) => f.startsWith('paths/'))) {
      const roles = servedBy.get(file) ?? [];
      const folder = file.split('/')[1];
      const expected = { common: ['meta-server', 'replica-server'], meta: ['meta-server'], replica: ['replica-server'] }[folder!];
      expect(roles, file).toEqual(expected);
    }
  });

  it('gives each operation an operationId of its own across both roles', () => {
    const seen = new Map<string, string>();
    for (const role of ROLES) {
      for (const { operationId, path, method } of listOperations(documents[role]!)) {
        const where = `${method.toUpperCase()} ${path} (${rootPaths[role]![path]!.$ref})`;
        expect(seen.get(operationId) ?? where, operationId).toBe(where);
        seen.set(operationId, where);
      }
    }
  });

  it('has a README in every folder, stating its rule', () => {
    const folders = new Set(allFiles.map((f) => f.split('/').slice(0, -1).join('/')).filter((d) => !d.startsWith('examples/')));
    for (const folder of folders) expect(allFiles, folder || 'openapi/').toContain(folder ? `${folder}/README.md` : 'README.md');
  });
});

describe.each(ROLES)('the %s root listing', (role) => {
  const seedText = readFileSync(new URL(`seed-${role}-listing.json`, FIXTURES), 'utf8');
  const document = documents[role]!;
  const listing = (document.paths['/']!.get as JsonObject & { responses: JsonObject }).responses['200'];
  const examples = (resolveRef<JsonObject>(document, listing).content as Record<string, JsonObject>)['application/json']!
    .examples as Record<string, unknown>;

  it('has, as its `website` example, the listing of the seed page verbatim', () => {
    const value = resolveRef<JsonObject>(document, examples.website).value as Record<string, string>;
    expect(JSON.stringify(value, null, 4)).toBe(seedText.trimEnd());
  });

  it('serves, as its first example, what master lists', () => {
    const [, first] = Object.entries(examples)[0]!;
    const value = resolveRef<JsonObject>(document, first).value as Record<string, string>;
    expect(Object.keys(value)).toEqual(Object.keys(document.paths));
  });
});
