// What the reference pages show beyond the bundled description: each page's file and title, and
// the "docs view" of a document, in which the facts kept in x-pegasus-* extensions are written
// into the descriptions Redoc renders.
import { HTTP_METHODS } from '@pegasus-http/spec';

export const PAGES = {
  'meta-server': {
    file: 'meta-server.html',
    title: 'Pegasus MetaServer HTTP API',
    description: 'tables, replica servers, cluster state, bulk load, compaction and duplication, plus the calls every server has',
  },
  'replica-server': {
    file: 'replica-server.html',
    title: 'Pegasus ReplicaServer HTTP API',
    description: 'replica data versions, duplication and manual compaction status, plus the calls every server has',
  },
};

const WRITERS = {
  table_printer: 'compact JSON followed by a newline, keys in the order shown',
  rapidjson_pretty: 'JSON indented by 4 spaces, with no trailing newline',
  nlohmann: 'compact JSON with the keys sorted, with no trailing newline',
  nlohmann_indent2: 'JSON indented by 2 spaces with the keys sorted',
};

/** A sentence on how the server really sends a response's bodies, or '' when nothing differs from the description. */
export function wireNote(content) {
  const notes = [];
  for (const [mediaType, media] of Object.entries(content ?? {})) {
    const wire = media['x-pegasus-wire'];
    if (!wire) continue;
    const writer = wire.serializer ? `, written as ${WRITERS[wire.serializer]}` : '';
    notes.push(`the \`${mediaType}\` body is sent labelled \`Content-Type: ${wire['content-type']}\`${writer}`);
  }
  return notes.length ? `On the wire, ${notes.join('; ')}.` : '';
}

/** A Markdown section on the release that introduced an operation and how older releases differ. */
export function historyNote(operation) {
  const since = operation['x-pegasus-since'];
  const lines = [`**Since:** Pegasus ${since.endsWith('-SNAPSHOT') ? `master (${since}, not yet released)` : since}.`];
  const differences = operation['x-pegasus-differences'] ?? {};
  const releases = Object.keys(differences);
  if (releases.length) {
    lines.push('', '**Older releases:**', '');
    for (const release of releases) lines.push(`- **${release}**: ${differences[release]}`);
  }
  return lines.join('\n');
}

/** A Markdown table of an `x-pegasus-catalogue`: one row per value, with what the catalogue says of it. */
export function catalogueTable(catalogue) {
  const cell = (text) => String(text).replaceAll('|', '\\|');
  const rows = Object.entries(catalogue).map(
    ([name, entry]) => `| \`${name}\` | \`${entry.entity}\` | ${entry.type} | ${entry.unit} | ${cell(entry.description)} |`,
  );
  return ['| name | entity | type | unit | description |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** Whether `node` refers to `ref`, directly or through the components it refers to. */
function refersTo(document, node, ref, seen = new Set()) {
  if (!node || typeof node !== 'object' || seen.has(node)) return false;
  seen.add(node);
  if (typeof node.$ref === 'string') {
    if (node.$ref === ref) return true;
    const target = node.$ref.startsWith('#/') ? node.$ref.slice(2).split('/').reduce((at, key) => at?.[key], document) : undefined;
    if (refersTo(document, target, ref, seen)) return true;
  }
  return Object.values(node).some((value) => refersTo(document, value, ref, seen));
}

/** The catalogues of a document's schemas, each under the tags of the operations that use the schema. */
function catalogueNotes(view) {
  const notes = new Map();
  for (const [name, schema] of Object.entries(view.components?.schemas ?? {})) {
    const catalogue = schema['x-pegasus-catalogue'];
    if (!catalogue) continue;
    const note = [`### \`${name}\`: ${Object.keys(catalogue).length} values`, '', (schema.description ?? '').trim(), '', catalogueTable(catalogue)].join('\n');
    for (const item of Object.values(view.paths)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!operation || !refersTo(view, operation, `#/components/schemas/${name}`)) continue;
        for (const tag of operation.tags ?? []) notes.set(tag, [...new Set([...(notes.get(tag) ?? []), note])]);
      }
    }
  }
  return notes;
}

/** A sentence on what a POST to a GET-only call gets (`x-pegasus-post`), or '' for the usual calls. */
export function postNote(operation) {
  const post = operation['x-pegasus-post'];
  return post ? `**POST:** not served like GET; a POST gets the ${post.status} answer \`${post.example}\`.` : '';
}

function appendTo(object, text) {
  if (text) object.description = `${(object.description ?? '').trimEnd()}\n\n${text}`;
}

/**
 * A copy of a bundled document with the version history and the wire labels written into its
 * descriptions, and each catalogue (`x-pegasus-catalogue`) as a table under the tags that use it.
 */
export function docsView(document) {
  const view = structuredClone(document);
  const seen = new Set();
  const noteResponse = (response) => {
    if (!response || response.$ref || seen.has(response)) return;
    seen.add(response);
    appendTo(response, wireNote(response.content));
  };
  for (const item of Object.values(view.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      appendTo(operation, postNote(operation));
      appendTo(operation, historyNote(operation));
      Object.values(operation.responses).forEach(noteResponse);
    }
  }
  Object.values(view.components?.responses ?? {}).forEach(noteResponse);
  for (const [tag, notes] of catalogueNotes(view)) {
    const entry = view.tags?.find((t) => t.name === tag);
    if (entry) notes.forEach((note) => appendTo(entry, note));
  }
  return view;
}
