// Every /metrics body of the reference notes (§2.7.4 and §2.7.5 of
// pegasus-builtin-and-replica-endpoints.md, kept verbatim in fixtures/metrics/) validates against
// the published schemas of both roles, and so do the bodies with_metric_fields makes: metric
// objects without `name`, and empty ones. The fixtures are byte for byte what the server writes.
import { readFileSync } from 'node:fs';
import { createSchemaValidator, type JsonObject, loadDocument, ROLES, resolveRef, writeWireJson } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';

const FIXTURES = new URL('./fixtures/metrics/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

/** JSON.parse, except that timestamp_ns (above 2^53) becomes a bigint instead of being rounded. */
function parseExact(text: string): unknown {
  const value = JSON.parse(text.replace(/^( {4}"timestamp_ns": )(\d+),$/m, '$1"$2",')) as JsonObject;
  if (typeof value.timestamp_ns === 'string') value.timestamp_ns = BigInt(value.timestamp_ns);
  return value;
}

const SNAPSHOTS = ['brief.json', 'empty-match.json', 'with-metric-fields-value.json', 'with-metric-fields-type.json'];
const METRIC_OBJECTS = ['detail-counter.json', 'detail-percentile.json'];
const ERRORS = ['error.json'];

describe.each(ROLES)('the reference /metrics bodies against the %s schemas', (role) => {
  const document = loadDocument(role);
  const validator = createSchemaValidator(document);
  const operation = document.paths['/metrics']!.get as JsonObject & { responses: Record<string, unknown> };
  const schemaOf = (status: string) =>
    (resolveRef<JsonObject>(document, operation.responses[status]).content as Record<string, JsonObject>)['application/json']!.schema;

  it.each(SNAPSHOTS)('%s is a valid 200 body', (name) => {
    expect(validator.validate(schemaOf('200'), JSON.parse(fixture(name)))).toEqual([]);
  });

  it.each(METRIC_OBJECTS)('%s is a valid metric object', (name) => {
    expect(validator.validate({ $ref: '#/components/schemas/Metric' }, JSON.parse(fixture(name)))).toEqual([]);
  });

  it.each(ERRORS)('%s is a valid 400 body', (name) => {
    expect(validator.validate(schemaOf('400'), JSON.parse(fixture(name)))).toEqual([]);
  });

  it('accepts metric objects without a name, and empty ones', () => {
    const metrics = (name: string) =>
      (JSON.parse(fixture(name)) as { entities: { metrics: object[] }[] }).entities.flatMap((e) => e.metrics);
    expect(metrics('with-metric-fields-value.json')).toContainEqual({});
    expect(metrics('with-metric-fields-type.json').every((m) => !('name' in m))).toBe(true);
  });

  it('rejects what the server never sends', () => {
    const brief = JSON.parse(fixture('brief.json')) as JsonObject & { entities: JsonObject[] };
    expect(validator.validate(schemaOf('200'), { ...brief, timestamp_ns: '1716188591123456789' })).not.toEqual([]);
    expect(validator.validate(schemaOf('200'), brief.entities)).not.toEqual([]);
    expect(validator.validate(schemaOf('200'), { ...brief, entities: [{ ...brief.entities[0], metrics: [] }] })).not.toEqual([]);
    expect(validator.validate({ $ref: '#/components/schemas/Metric' }, { type: 'gauge', name: 'x', value: 1 })).not.toEqual([]);
    expect(validator.validate(schemaOf('400'), { error_message: 'unknown parameter' })).not.toEqual([]);
  });
});

describe('the reference /metrics bodies', () => {
  it.each([...SNAPSHOTS, ...METRIC_OBJECTS, ...ERRORS])('%s is written as the rapidjson_pretty writer writes it', (name) => {
    expect(writeWireJson(parseExact(fixture(name)), 'rapidjson_pretty')).toBe(fixture(name));
  });

  it('keep the timestamp the reference gives, which no double can hold', () => {
    expect((parseExact(fixture('brief.json')) as JsonObject).timestamp_ns).toBe(1716188591123456789n);
    expect(Number.isSafeInteger((JSON.parse(fixture('brief.json')) as JsonObject).timestamp_ns)).toBe(false);
  });
});
