// The English text nodes of a bundled description, the ones a translation overlay
// (openapi/overlays/) must cover, and a small evaluator of the JSONPath subset the overlays use.
//
// A text node is, in a bundled document:
//   - info.title, info.summary, info.description (with the wire-behaviour text the bundle appends);
//   - the description of externalDocs, of each server and server variable, and of each tag;
//   - each operation's summary and description, and each value of its x-pegasus-differences;
//   - the description of each parameter, request body, response and header;
//   - the title and description of each schema, at any depth (properties, items, compositions…),
//     and the description of each entry of an x-pegasus-catalogue;
//   - the summary and description of each example (never its value: that is wire data).
// Run directly (`node scripts/text-nodes.mjs [zh-CN]`) to print, as overlay actions, the nodes the
// overlay of that language does not translate yet.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { paths } from 'jsonpath-rfc9535';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SUBSCHEMA = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
];
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every text node of a bundled document, in document order, as { path: [keys…], text }. */
export function textNodes(document) {
  const nodes = [];
  const text = (owner, key, path) => {
    if (isObject(owner) && typeof owner[key] === 'string') nodes.push({ path: [...path, key], text: owner[key] });
  };
  const each = (map, path, visit) => {
    if (Array.isArray(map)) for (const [index, value] of map.entries()) visit(value, [...path, index]);
    else if (isObject(map)) for (const [key, value] of Object.entries(map)) visit(value, [...path, key]);
  };
  const externalDocs = (owner, path) => text(owner?.externalDocs, 'description', [...path, 'externalDocs']);
  // A `$ref` may carry its own title, summary or description (OpenAPI 3.1), which the reader sees
  // instead of the target's: those are text nodes too; what it points to is translated where it is.
  const schema = (node, path) => {
    if (!isObject(node)) return;
    text(node, 'title', path);
    text(node, 'description', path);
    if (node.$ref) return;
    externalDocs(node, path);
    for (const key of SUBSCHEMA) schema(node[key], [...path, key]);
    for (const key of SUBSCHEMA_MAPS) each(node[key], [...path, key], schema);
    for (const key of SUBSCHEMA_LISTS) each(node[key], [...path, key], schema);
    each(node['x-pegasus-catalogue'], [...path, 'x-pegasus-catalogue'], (entry, at) => text(entry, 'description', at));
  };
  const example = (node, path) => {
    if (!isObject(node)) return;
    text(node, 'summary', path);
    text(node, 'description', path);
  };
  const content = (node, path) =>
    each(node, path, (media, at) => {
      schema(media?.schema, [...at, 'schema']);
      each(media?.examples, [...at, 'examples'], example);
    });
  const header = (node, path) => {
    if (!isObject(node)) return;
    text(node, 'description', path);
    if (node.$ref) return;
    schema(node.schema, [...path, 'schema']);
    content(node.content, [...path, 'content']);
    each(node.examples, [...path, 'examples'], example);
  };
  const parameter = header;
  const body = (node, path) => {
    if (!isObject(node)) return;
    text(node, 'description', path);
    if (node.$ref) return;
    each(node.headers, [...path, 'headers'], header);
    content(node.content, [...path, 'content']);
  };
  const operation = (node, path) => {
    text(node, 'summary', path);
    text(node, 'description', path);
    externalDocs(node, path);
    each(node['x-pegasus-differences'], [...path, 'x-pegasus-differences'], (_value, at) =>
      text(node['x-pegasus-differences'], at.at(-1), [...path, 'x-pegasus-differences']),
    );
    each(node.parameters, [...path, 'parameters'], parameter);
    body(node.requestBody, [...path, 'requestBody']);
    each(node.responses, [...path, 'responses'], body);
  };

  text(document.info, 'title', ['info']);
  text(document.info, 'summary', ['info']);
  text(document.info, 'description', ['info']);
  externalDocs(document, []);
  each(document.servers, ['servers'], (server, at) => {
    text(server, 'description', at);
    each(server?.variables, [...at, 'variables'], (variable, vat) => text(variable, 'description', vat));
  });
  each(document.tags, ['tags'], (tag, at) => {
    text(tag, 'description', at);
    externalDocs(tag, at);
  });
  each(document.paths, ['paths'], (item, at) => {
    if (!isObject(item) || item.$ref) return;
    text(item, 'summary', at);
    text(item, 'description', at);
    each(item.parameters, [...at, 'parameters'], parameter);
    for (const method of METHODS) if (isObject(item[method])) operation(item[method], [...at, method]);
  });
  const components = document.components ?? {};
  each(components.schemas, ['components', 'schemas'], schema);
  each(components.parameters, ['components', 'parameters'], parameter);
  each(components.headers, ['components', 'headers'], header);
  each(components.requestBodies, ['components', 'requestBodies'], body);
  each(components.responses, ['components', 'responses'], body);
  each(components.examples, ['components', 'examples'], example);
  return nodes;
}

/**
 * Whether a text is wire data only: once the code spans, the source references (`src/…:lines`)
 * and the punctuation are taken out, no word is left. Such a text (`GET /configs?x`) reads the same
 * in every language, and a translation may leave it as it is.
 */
export function isCodeOnly(text) {
  return !/\p{L}{2,}/u.test(text.replace(/`[^`]*`/g, ' ').replace(/\bsrc\/\S+/g, ' '));
}

/** The value at `path` (an array of keys) in `document`, or undefined. */
export function valueAt(document, path) {
  return path.reduce((node, key) => (node === null || node === undefined ? undefined : node[key]), document);
}

/** A JSON pointer for messages: ['paths', '/config', 'get'] → /paths/~1config/get. */
export function pointer(path) {
  return path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

const quote = (name) => `'${String(name).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const segment = (key) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${quote(key)}]`);

/** A JSONPath expression in the overlays' subset that selects exactly `path` in `document`. */
export function jsonPathOf(document, path) {
  let expression = '$';
  path.forEach((key, index) => {
    const parent = valueAt(document, path.slice(0, index));
    const node = parent?.[key];
    // Array members are selected by what names them, not by position, so that a reordering does not
    // move a translation to another node.
    if (Array.isArray(parent) && isObject(node) && typeof node.name === 'string') expression += `[?@.name==${quote(node.name)}]`;
    else if (Array.isArray(parent) && isObject(node) && typeof node.url === 'string') expression += `[?@.url==${quote(node.url)}]`;
    else expression += segment(key);
  });
  return expression;
}

/**
 * The paths (arrays of keys) of the nodes a JSONPath expression (RFC 9535) selects in `document`,
 * evaluated by jsonpath-rfc9535, the library Redocly applies the overlays with.
 */
export function selectPaths(document, expression) {
  return paths(document, expression).map(normalizedPathKeys);
}

// A normalized path (RFC 9535 §2.7) as keys: `$['paths']['/x'][0]` → ['paths', '/x', 0].
const NORMALIZED_SEGMENT = /\[(?:(\d+)|'((?:[^'\\]|\\.)*)')\]/g;
function normalizedPathKeys(normalized) {
  return [...normalized.slice(1).matchAll(NORMALIZED_SEGMENT)].map(([, index, name]) =>
    index !== undefined ? Number(index) : JSON.parse(`"${name.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`),
  );
}

/** Every leaf (string) of an action's `update`, as { path: [keys below the target], text }. */
export function updateLeaves(update, path = []) {
  if (typeof update === 'string') return [{ path, text: update }];
  if (!isObject(update)) return [{ path, text: undefined }];
  return Object.entries(update).flatMap(([key, value]) => updateLeaves(value, [...path, key]));
}

// Run directly: print the text nodes the overlay does not translate yet, as actions to fill in.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const language = process.argv[2] ?? 'zh-CN';
  const dist = new URL('../dist/', import.meta.url);
  const missing = [];
  for (const role of ['meta-server', 'replica-server']) {
    const english = JSON.parse(readFileSync(new URL(`${role}.openapi.json`, dist), 'utf8'));
    const translated = JSON.parse(readFileSync(new URL(`${role}.openapi.${language}.json`, dist), 'utf8'));
    for (const { path, text } of textNodes(english)) {
      if (!isCodeOnly(text) && valueAt(translated, path) === text)
        missing.push(`  - target: ${jsonPathOf(english, path)}\n    update: ${JSON.stringify(text)}`);
    }
  }
  console.log(missing.length ? [...new Set(missing)].join('\n') : `Every text node is translated in ${language}.`);
}
