// What the reference pages show beyond the bundled description: the pages of the site (per role
// and language), and the "docs view" of a document, in which the facts kept in x-pegasus-*
// extensions are written into the descriptions Redoc renders, in the page's language, and each
// operation gets its code samples. The operations and their facts come from the spec's operation
// index of the document; the view writes into the raw operations it holds, which Redoc renders.
import { readFileSync } from 'node:fs';
import { artifactPath, buildOperationIndex, valueAtPointer } from '@pegasus-http/spec';
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

/** The reference pages: one per role and language. */
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

/** The bundled document of a role in a language: the English artifact, or its translation. */
export function loadLanguageDocument(role, language) {
  return JSON.parse(readFileSync(artifactPath(role, language === 'en' ? 'openapi.json' : `openapi.${language}.json`), 'utf8'));
}

// The words the docs view adds, per language. Code spans stay as they are.
export const TEXT = {
  en: {
    since: (release) => `**Since:** Pegasus ${release}.`,
    unreleased: (since) => `master (${since}, not yet released)`,
    olderReleases: '**Older releases:**',
    onTheWire: (notes) => `On the wire, ${notes.join('; ')}.`,
    wireLabel: (mediaType, label, writer) =>
      `the \`${mediaType}\` body is sent labelled \`Content-Type: ${label}\`${writer ? `, written as ${writer}` : ''}`,
    writers: {
      table_printer: 'compact JSON followed by a newline, keys in the order shown',
      rapidjson_pretty: 'JSON indented by 4 spaces, with no trailing newline',
      nlohmann: 'compact JSON with the keys sorted, with no trailing newline',
      nlohmann_indent2: 'JSON indented by 2 spaces with the keys sorted',
    },
    post: (status, example) => `**POST:** not served like GET; a POST gets the ${status} answer \`${example}\`.`,
    fullStop: '.',
    warningTitle: { mutating: 'Changes state', profiling: 'Exposes the process' },
    warning: {
      mutating:
        "It changes the server's or the cluster's state, and **the server has no authentication**: anyone who can reach its port can make this call. Keep the port behind a firewall, and try the call against the mock first.",
      profiling:
        'It profiles the process or exposes its internals (memory, symbols, command line) and can slow it down, and **the server has no authentication**: anyone who can reach its port can make this call. Keep the port behind a firewall.',
    },
    catalogueHeading: (name, count) => `### \`${name}\`: ${count} values`,
    catalogueColumns: ['name', 'entity', 'type', 'unit', 'description'],
    catalogueLink: (href) => `The same catalogue as a searchable table: [metric catalogue](${href}).`,
  },
  'zh-CN': {
    since: (release) => `**引入版本：** Pegasus ${release}。`,
    unreleased: (since) => `master（${since}，尚未发布）`,
    olderReleases: '**旧版本：**',
    onTheWire: (notes) => `在线路上，${notes.join('；')}。`,
    wireLabel: (mediaType, label, writer) =>
      `\`${mediaType}\` 响应体发送时标为 \`Content-Type: ${label}\`${writer ? `，写成${writer}` : ''}`,
    writers: {
      table_printer: '紧凑的 JSON 并以换行结尾，键按所示顺序排列',
      rapidjson_pretty: '缩进 4 个空格的 JSON，结尾没有换行',
      nlohmann: '键已排序的紧凑 JSON，结尾没有换行',
      nlohmann_indent2: '缩进 2 个空格、键已排序的 JSON',
    },
    post: (status, example) => `**POST：** 不按 GET 处理；POST 得到状态码为 ${status} 的应答 \`${example}\`。`,
    fullStop: '。',
    warningTitle: { mutating: '会改变状态', profiling: '会暴露进程信息' },
    warning: {
      mutating:
        '它会改变服务端或集群的状态，而且**服务端没有认证**：任何能访问其端口的人都能执行此调用。请把端口置于防火墙之后，并先在 mock 上试用此调用。',
      profiling:
        '它会剖析进程或暴露进程内部信息（内存、符号、命令行），可能拖慢进程，而且**服务端没有认证**：任何能访问其端口的人都能执行此调用。请把端口置于防火墙之后。',
    },
    catalogueHeading: (name, count) => `### \`${name}\`：${count} 个值`,
    catalogueColumns: ['名称', '实体', '类型', '单位', '说明'],
    catalogueLink: (href) => `同一目录的可搜索表格：[指标目录](${href})。`,
  },
};

/** A sentence on how the server really sends a response's bodies, or '' when nothing differs from the description. */
export function wireNote(content, language = 'en') {
  const text = TEXT[language];
  const notes = [];
  for (const [mediaType, media] of Object.entries(content ?? {})) {
    const wire = media['x-pegasus-wire'];
    if (!wire) continue;
    notes.push(text.wireLabel(mediaType, wire['content-type'], wire.serializer ? text.writers[wire.serializer] : ''));
  }
  return notes.length ? text.onTheWire(notes) : '';
}

// The notes below take an operation of the spec's index (`IndexedOperation`).

/** The line on the release that introduced an operation (`x-pegasus-since`), shown first. */
export function sinceNote({ since }, language = 'en') {
  const text = TEXT[language];
  return since ? text.since(since.endsWith('-SNAPSHOT') ? text.unreleased(since) : since) : '';
}

/** A Markdown section on how older releases differ (`x-pegasus-differences`), shown last. */
export function historyNote({ operation }, language = 'en') {
  const text = TEXT[language];
  const differences = operation['x-pegasus-differences'] ?? {};
  const releases = Object.keys(differences);
  if (!releases.length) return '';
  return [text.olderReleases, '', ...releases.map((release) => `- **${release}**: ${differences[release]}`)].join('\n');
}

/** The warning on a call marked `x-pegasus-safety` (a Markdown note, styled by the page), or '' for the others. */
export function safetyWarning({ safety }, language = 'en') {
  if (!safety) return '';
  const text = TEXT[language];
  return `> **⚠ ${text.warningTitle[safety]}${text.fullStop}** ${text.warning[safety]}`;
}

/** The badge Redoc shows next to the title of a call marked `x-pegasus-safety` (`x-badges`). */
export function safetyBadge({ safety }, language = 'en') {
  return safety ? { name: `⚠ ${TEXT[language].warningTitle[safety]}`, color: '#c62828' } : undefined;
}

/** A Markdown table of an `x-pegasus-catalogue`: one row per value, with what the catalogue says of it. */
export function catalogueTable(catalogue, language = 'en') {
  const cell = (text) => String(text).replaceAll('|', '\\|');
  const rows = Object.entries(catalogue).map(
    ([name, entry]) => `| \`${name}\` | \`${entry.entity}\` | ${entry.type} | ${entry.unit} | ${cell(entry.description)} |`,
  );
  return [`| ${TEXT[language].catalogueColumns.join(' | ')} |`, '|---|---|---|---|---|', ...rows].join('\n');
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

/** A sentence on what a POST to a GET-only call gets (`x-pegasus-post`), or '' for the usual calls. */
export function postNote({ post }, language = 'en') {
  return post ? TEXT[language].post(post.status, post.example) : '';
}

function appendTo(object, text) {
  if (text) object.description = `${(object.description ?? '').trimEnd()}\n\n${text}`;
}

function prependTo(object, text) {
  if (text) object.description = `${text}\n\n${(object.description ?? '').trimStart()}`;
}

/**
 * A copy of a bundled document of `role` for a reference page in `language`: a warning at the top
 * of each call marked `x-pegasus-safety`, the release each call appeared in just below, how older
 * releases differ and the wire labels written into the descriptions, curl and TypeScript samples on
 * every operation (`x-codeSamples`), and each catalogue (`x-pegasus-catalogue`) as a table under
 * the tags that use it, with a link to `catalogueHref` (the searchable catalogue page).
 */
export function docsView(document, { role, language = 'en', catalogueHref } = {}) {
  const view = structuredClone(document);
  // The index of the copy itself: its facts are those of this document (in this language), and
  // each entry's `operation` is the copy's own operation object, the one to write into.
  const index = buildOperationIndex(role, view);
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
    appendTo(operation, historyNote(entry, language));
    Object.values(operation.responses).forEach(noteResponse);
    operation['x-codeSamples'] = codeSamples(role, entry);
  }
  Object.values(view.components?.responses ?? {}).forEach(noteResponse);
  for (const [tag, notes] of catalogueNotes(index, language, catalogueHref)) {
    const entry = view.tags?.find((t) => t.name === tag);
    if (entry) for (const note of notes) appendTo(entry, note);
  }
  return view;
}
