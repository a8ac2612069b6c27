// The notes the docs view (src/pages.mjs) writes into each operation of a reference page, in the
// page's language: the warning of a call marked `x-pegasus-safety`, the release it appeared in, how
// its bodies really go on the wire, what a POST gets, what a standby MetaServer does with it, how
// the releases differ. Each note takes an operation of the spec's index (`IndexedOperation`) and
// reads only what the index or the operation's own extensions say.
import { documentedAnswer } from '@pegasus-http/spec';

// The words the docs view adds, per language. Code spans stay as they are.
export const TEXT = {
  en: {
    since: (release) => `**Since:** Pegasus ${release}.`,
    unreleased: (since) => `master (${since}, not yet released)`,
    olderReleases: '**Older releases:**',
    comparedWithMaster: '**Compared with master:**',
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
    standby: {
      serve: '**On a standby MetaServer:** served there too, as on the primary.',
      redirect: '**On a standby MetaServer:** a standby redirects this call to the primary with a 307 (its `Location` names the primary).',
      answer: (release, status, example, body) =>
        `**On a standby MetaServer:** a standby MetaServer of ${release} never redirects; it answers this call itself, from its own empty state, with the ${status} answer \`${example}\`${body ? `: ${body}` : ''}.`,
      emptyBody: 'an empty body',
      crash: (release) =>
        `> **⚠ On a standby MetaServer:** a standby MetaServer of ${release} crashes on this call and sends no answer. Make it on the primary only.`,
    },
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
    comparedWithMaster: '**与 master 相比：**',
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
    standby: {
      serve: '**在备用 MetaServer 上：** 同样由它自己处理，与主 MetaServer 相同。',
      redirect: '**在备用 MetaServer 上：** 备用 MetaServer 以 307 把此调用重定向到主 MetaServer（其 `Location` 指向主 MetaServer）。',
      answer: (release, status, example, body) =>
        `**在备用 MetaServer 上：** ${release} 的备用 MetaServer 从不重定向，而是依据它自己的空状态自行应答此调用：状态码为 ${status} 的应答 \`${example}\`${body ? `：${body}` : ''}。`,
      emptyBody: '空的响应体',
      crash: (release) =>
        `> **⚠ 在备用 MetaServer 上：** ${release} 的备用 MetaServer 遇到此调用会崩溃，没有任何应答。只在主 MetaServer 上执行此调用。`,
    },
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

/** The line on the release that introduced an operation (`x-pegasus-since`), shown first. */
export function sinceNote({ since }, language = 'en') {
  const text = TEXT[language];
  return since ? text.since(since.endsWith('-SNAPSHOT') ? text.unreleased(since) : since) : '';
}

/**
 * A Markdown section on how the releases differ from master (`x-pegasus-differences`), shown last:
 * "Older releases" on master's pages, "Compared with master" on a release's.
 */
export function historyNote({ operation }, language = 'en', release = 'master') {
  const text = TEXT[language];
  const differences = operation['x-pegasus-differences'] ?? {};
  const releases = Object.keys(differences);
  if (!releases.length) return '';
  const heading = release === 'master' ? text.olderReleases : text.comparedWithMaster;
  return [heading, '', ...releases.map((name) => `- **${name}**: ${differences[name]}`)].join('\n');
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

/** A sentence on what a POST to a GET-only call gets (`x-pegasus-post`), or '' for the usual calls. */
export function postNote({ post }, language = 'en') {
  return post ? TEXT[language].post(post.status, post.example) : '';
}

/**
 * What a standby MetaServer does with a call (`x-pegasus-standby`): `'redirect'` (the documented
 * 307 to the primary), `{ status, example }` (it answers that documented answer itself), `'crash'`,
 * or undefined: it serves the call as any server does. A call that documents a 307 and carries no
 * mark is redirected.
 */
export function standbyOf({ operation, redirects }) {
  return operation['x-pegasus-standby'] ?? (redirects ? 'redirect' : undefined);
}

/** Text as a Markdown code span, whatever backticks it holds. */
function codeSpan(text) {
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map(([run]) => run.length)) + 1);
  return fence.length > 1 ? `${fence} ${text} ${fence}` : `\`${text}\``;
}

/** The body of a documented answer of an operation, in Markdown ('' if it is not documented). */
function answerBody(entry, { status, example }, language) {
  const answer = documentedAnswer(entry, status, example);
  if (!answer) return '';
  const text = typeof answer.value === 'string' ? answer.value : JSON.stringify(answer.value);
  return text === '' ? TEXT[language].standby.emptyBody : codeSpan(text);
}

/** The note on what a standby MetaServer of `release` does with a call (for the MetaServer's calls only). */
export function standbyNote(entry, language = 'en', release = 'master') {
  const words = TEXT[language].standby;
  const standby = standbyOf(entry);
  if (standby === 'redirect') return words.redirect;
  if (standby === 'crash') return words.crash(release);
  if (standby) return words.answer(release, standby.status, standby.example, answerBody(entry, standby, language));
  return words.serve;
}
