// What other teams' tools read as we mean it (openapi/README.md): swagger-parser's schema of 3.1
// (no description on a server variable), the generators (no `patternProperties`; a map whose keys
// hold different kinds of value gives its exact form in `then`), and every regex engine (no `\u`
// escape in a pattern). And that the generator-friendly forms are still exact.
import { createSchemaValidator, type JsonObject, loadDocument, RELEASES, ROLES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';

const CASES = RELEASES.flatMap((release) => ROLES.map((role) => [release, role] as const));

/** Every value under `key` in a document, with its path, outside examples and extensions. */
function valuesOf(node: unknown, key: string, path: string[] = []): [string, unknown][] {
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([name, value]) => {
    if (name === 'example' || name === 'examples' || name.startsWith('x-')) return [];
    const here: [string, unknown][] = name === key ? [[[...path, name].join('.'), value]] : [];
    return [...here, ...valuesOf(value, key, [...path, name])];
  });
}

describe.each(CASES)('%s %s, as other tools read it', (release, role) => {
  const document = loadDocument(role, 'openapi.json', release);

  it('says what each server variable is in its server description, never in the variable (swagger-parser 12 rejects it)', () => {
    for (const server of document.servers as JsonObject[]) {
      for (const [name, variable] of Object.entries(server.variables as Record<string, JsonObject>)) {
        expect(variable, name).not.toHaveProperty('description');
        expect(server.description).toContain(`\`${name}\``);
      }
    }
  });

  it('has no patternProperties, which generators drop or type wrongly', () => {
    expect(valuesOf(document, 'patternProperties')).toEqual([]);
  });

  it('writes no \\u escape in a pattern, which Go (RE2) cannot read: \\x00 means the same', () => {
    for (const [where, pattern] of valuesOf(document, 'pattern')) expect(String(pattern), where).not.toMatch(/\\u/);
  });
});

describe.each(['master', 'v2.5.0'] as const)('%s: the generator-friendly forms are exact', (release) => {
  const document = loadDocument('meta-server', 'openapi.json', release);
  const validator = createSchemaValidator(document);
  const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const entry = {
    create_ts: '2024-05-10 14:10:00',
    dupid: 1715321400,
    fail_mode: 'FAIL_SLOW',
    remote: 'target_cluster',
    status: 'DS_LOG',
    ...(release === 'master' ? { partition_states: null, remote_app_name: 'temp', remote_replica_count: 3 } : {}),
  };

  it('AppDuplications: generators see a map of duplications or integers', () => {
    expect(document.components!.schemas!.AppDuplications).toMatchObject({
      additionalProperties: { anyOf: [schema('DuplicationEntry'), { type: 'integer', format: 'int32' }] },
    });
  });

  it.each([
    ['no duplication', null],
    ['one duplication', { '1': entry, appid: 2 }],
    ['ten duplications, "10" before "2"', Object.fromEntries([...Array.from({ length: 10 }, (_, i) => [`${i + 1}`, entry]), ['appid', 2]])],
  ])('AppDuplications accepts %s', (_what, value) => {
    expect(validator.validate(schema('AppDuplications'), value)).toEqual([]);
  });

  it.each([
    ['an integer at a position', { '1': 5, appid: 2 }],
    ['a duplication under appid', { '1': entry, appid: entry }],
    ['a key that is no position', { '01': entry, appid: 2 }],
    ['no appid', { '1': entry }],
    ['an empty object', {}],
  ])('AppDuplications rejects %s', (_what, value) => {
    expect(validator.validate(schema('AppDuplications'), value)).not.toEqual([]);
  });
});

describe('master: the patterns written for every engine mean what they did', () => {
  const validator = createSchemaValidator(loadDocument('meta-server'));
  const filterItem = { $ref: '#/components/schemas/MetricsFilterItem' };

  it.each(['a b', 'replica', '1.2', 'é'])('MetricsFilterItem accepts %j', (item) => {
    expect(validator.validate(filterItem, item)).toEqual([]);
  });

  it.each(['a\u0000b', '\u0000', 'a\u0000', 'a,b', ' a', 'a\n'])('MetricsFilterItem rejects %j, as it did with \\u0000', (item) => {
    expect(validator.validate(filterItem, item)).not.toEqual([]);
  });
});
