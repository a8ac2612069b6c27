// What the reference pages show beyond the bundled description: the pages of the site (per role,
// language and release), and the "docs view" of a document, in which the facts kept in
// x-pegasus-* extensions are written into the descriptions Redoc renders, in the page's language
// (the notes of src/notes.mjs), and each operation gets its code samples. The operations and their
// facts come from the spec's operation index of the document; the view writes into the raw
// operations it holds, which Redoc renders.
import { readFileSync } from 'node:fs';
import { artifactPath, buildOperationIndex, valueAtPointer } from '@pegasus-http/spec';
import { catalogueTable, historyNote, postNote, safetyBadge, safetyWarning, sinceNote, standbyNote, TEXT, wireNote } from './notes.mjs';
import { codeSamples } from './samples.mjs';

export const LANGUAGES = ['en', 'zh-CN'];

/** Where a page of the site lives, relative to the site's root: English at the root, others in a folder per language. */
export function pageFile(language, name) {
  return language === 'en' ? name : `${language}/${name}`;
}

/** The href from one page of the site to another. */
export function relativeHref(from, to) {
  const depth = from.split('/').length - 1;
  return `${'../'.repeat(depth)}${to}`;
}

/** The reference pages: one per role, language and release. */
export const PAGES = {
  'meta-server': {
    file: 'meta-server.html',
    en: {
      title: 'Pegasus MetaServer HTTP API',
      description: 'tables, replica servers, cluster state, bulk load, compaction and duplication, plus the calls every server has',
    },
    'zh-CN': {
      title: 'Pegasus MetaServer HTTP 接口',
      description: '表、ReplicaServer、集群状态、批量导入、compaction 和跨集群复制，以及每个服务端都有的调用',
    },
  },
  'replica-server': {
    file: 'replica-server.html',
    en: {
      title: 'Pegasus ReplicaServer HTTP API',
      description: 'replica data versions, duplication and manual compaction status, plus the calls every server has',
    },
    'zh-CN': {
      title: 'Pegasus ReplicaServer HTTP 接口',
      description: '副本数据版本、跨集群复制和手动 compaction 状态，以及每个服务端都有的调用',
    },
  },
};

/** Where the reference page of a role lives, per language and release: master's at the top, each release's in its folder. */
export function referenceFile(role, language, release = 'master') {
  const { file } = PAGES[role];
  return pageFile(language, release === 'master' ? file : `${release}/${file}`);
}

/** Where a published artifact is copied in the site: master's in artifacts/, each release's in its folder (as in @pegasus-http/spec's dist/). */
export function artifactFile(release, name) {
  return release === 'master' ? `artifacts/${name}` : `artifacts/${release}/${name}`;
}

/** Where Redoc puts an operation of the spec's index: the id of its section, and the hash that leads there. */
export function operationAnchor({ tag, operationId }) {
  return `/${tag}/${operationId.toLowerCase()}`;
}

/** The bundled document of a role in a language and release: the English artifact, or its translation. */
export function loadLanguageDocument(role, language, release = 'master') {
  const kind = language === 'en' ? 'openapi.json' : `openapi.${language}.json`;
  return JSON.parse(readFileSync(artifactPath(role, kind, release), 'utf8'));
}

const languageIndexes = new Map();

/** The spec's operation index of a role's document in a language and release (its summaries in that language), built once. */
export function languageIndex(role, language, release = 'master') {
  const key = `${role} ${language} ${release}`;
  if (!languageIndexes.has(key))
    languageIndexes.set(key, buildOperationIndex(role, loadLanguageDocument(role, language, release), undefined, release));
  return languageIndexes.get(key);
}

/** Whether `node` refers to `ref`, directly or through the components it refers to. */
function refersTo(document, node, ref, seen = new Set()) {
  if (!node || typeof node !== 'object' || seen.has(node)) return false;
  seen.add(node);
  if (typeof node.$ref === 'string') {
    if (node.$ref === ref) return true;
    if (node.$ref.startsWith('#/') && refersTo(document, valueAtPointer(document, node.$ref), ref, seen)) return true;
  }
  return Object.values(node).some((value) => refersTo(document, value, ref, seen));
}

/** The catalogues of a document's schemas, each under the tags of the operations (of its `index`) that use the schema. */
function catalogueNotes(index, language, catalogueHref) {
  const text = TEXT[language];
  const view = index.document;
  const notes = new Map();
  for (const [name, schema] of Object.entries(view.components?.schemas ?? {})) {
    const catalogue = schema['x-pegasus-catalogue'];
    if (!catalogue) continue;
    const link = catalogueHref ? text.catalogueLink(catalogueHref) : '';
    const note = [
      text.catalogueHeading(name, Object.keys(catalogue).length),
      '',
      (schema.description ?? '').trim(),
      '',
      link,
      '',
      catalogueTable(catalogue, language),
    ]
      .join('\n')
      .replace(/\n{3,}/g, '\n\n');
    for (const { tag, operation } of index.operations) {
      if (refersTo(view, operation, `#/components/schemas/${name}`)) notes.set(tag, [...new Set([...(notes.get(tag) ?? []), note])]);
    }
  }
  return notes;
}

function appendTo(object, text) {
  if (text) object.description = `${(object.description ?? '').trimEnd()}\n\n${text}`;
}

function prependTo(object, text) {
  if (text) object.description = `${text}\n\n${(object.description ?? '').trimStart()}`;
}

/**
 * A copy of a bundled document of `role` in `release` for a reference page in `language`: a
 * warning at the top of each call marked `x-pegasus-safety`, the release each call appeared in just
 * below, what a POST gets, what a standby MetaServer does (on the MetaServer's calls), how the
 * releases differ and the wire labels written into the descriptions, curl and TypeScript samples on
 * every operation (`x-codeSamples`), and each catalogue (`x-pegasus-catalogue`) as a table under
 * the tags that use it, with a link to `catalogueHref` (the searchable catalogue page).
 */
export function docsView(document, { role, language = 'en', release = 'master', catalogueHref } = {}) {
  const view = structuredClone(document);
  // The index of the copy itself: its facts are those of this document (in this language), and
  // each entry's `operation` is the copy's own operation object, the one to write into.
  const index = buildOperationIndex(role, view, undefined, release);
  const seen = new Set();
  const noteResponse = (response) => {
    if (!response || response.$ref || seen.has(response)) return;
    seen.add(response);
    appendTo(response, wireNote(response.content, language));
  };
  for (const entry of index.operations) {
    const { operation } = entry;
    // First the warning (if any), then the release the call appeared in, then its description.
    prependTo(operation, sinceNote(entry, language));
    prependTo(operation, safetyWarning(entry, language));
    const badge = safetyBadge(entry, language);
    if (badge) operation['x-badges'] = [...(operation['x-badges'] ?? []), badge];
    appendTo(operation, postNote(entry, language));
    if (role === 'meta-server') appendTo(operation, standbyNote(entry, language, release));
    appendTo(operation, historyNote(entry, language, release));
    Object.values(operation.responses).forEach(noteResponse);
    operation['x-codeSamples'] = codeSamples(role, entry, release);
  }
  Object.values(view.components?.responses ?? {}).forEach(noteResponse);
  for (const [tag, notes] of catalogueNotes(index, language, catalogueHref)) {
    const entry = view.tags?.find((t) => t.name === tag);
    if (entry) for (const note of notes) appendTo(entry, note);
  }
  return view;
}
