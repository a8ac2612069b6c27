// The page "Generate a client" (generate.html): which artifact to take, per release, and for each
// generator of the matrix (packages/generators/matrix.json, which its tests check against the wire
// mocks on every `npm test`) the command, the setting that makes its client read a real Pegasus
// server, and its status. Everything shown is read from the matrix and the files it names, at
// build time; the page restates nothing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { commandLine, GENERATORS, matrixFile, PINNED, shownFiles } from '@pegasus-http/generator-matrix/matrix';
import { escapeHtml } from './html.mjs';
import { layout } from './layout.mjs';
import { artifactFile, pageFile, relativeHref } from './pages.mjs';
import { releaseLabel } from './site.mjs';

// What this page adds to the site's style: long paths and names in the text break anywhere rather
// than widen the page on a phone; the status after a generator's name is quieter.
const STYLE = `
  main p code, main li code { overflow-wrap: anywhere; }
  h2 small { font-weight: normal; font-size: 0.65em; color: #546e7a; }
`;
const require = createRequire(import.meta.url);

/** The words of the page, per language. Text in backticks is shown as code. */
export const GENERATE_TEXT = {
  en: {
    title: 'Generate a client',
    intro: (wireHref) =>
      `Clients generated from the published artifacts by the TypeScript generators other teams use. Each one is checked on every <code>npm test</code> (<code>packages/generators</code>): generated from both roles of every release, type-checked with <code>tsc --strict</code>, and run against the wire-faithful mocks (<code>pegasus-mock --wire</code>), which answer as a real server does. What each call decodes must be the documented example. Pegasus labels every body <code>text/plain</code>, JSON included, and reads lists comma-joined in one parameter (<a href="${wireHref}">wire behaviour</a>): below, per generator, the command and the setting without which its client misreads the server.`,
    artifactsTitle: 'Which artifact to take',
    artifactsIntro:
      'Take the artifact of the release your cluster runs (<code>/version</code> tells it; master describes the next release). Every generator below is tested with the bundled OpenAPI 3.1 JSON, <code>&lt;role&gt;.openapi.json</code>. The YAML holds the same; the dereferenced one (<code>&lt;role&gt;.deref.json</code>, no <code>$ref</code>) is for tools that cannot follow references, and its type names are the tool’s, not the components’.',
    artifacts30:
      'The OpenAPI 3.0 variants (<code>&lt;role&gt;.openapi-3.0.json</code>, <code>.yaml</code>) are for tools that read 3.0 best.',
    artifactsPaths:
      'Each file is at a stable path: in the npm package <code>@pegasus-http/spec</code> (<code>@pegasus-http/spec/v2.5.0/meta-server.openapi.json</code>; master’s without a release folder), in the repository under <code>packages/spec/dist/</code>, and on this site, to download. Each is also published with its text in Chinese (<code>.zh-CN</code> before the extension, on the home page).',
    artifactColumns: ['artifact', 'OpenAPI', 'MetaServer', 'ReplicaServer'],
    artifactKinds: {
      'openapi.json': 'bundled, JSON',
      'openapi.yaml': 'bundled, YAML',
      'deref.json': 'dereferenced, JSON',
      'openapi-3.0.json': 'bundled, JSON',
      'openapi-3.0.yaml': 'bundled, YAML',
    },
    matrixTitle: 'The generators',
    matrixColumns: ['generator', 'version', 'status', 'what it needs'],
    status: {
      works: 'Works',
      workaround: 'Works, with a workaround',
      partial: 'Known issues',
      broken: 'Does not work',
    },
    install: 'Install it, pinned as tested:',
    command: (artifact, output) =>
      `Generate the MetaServer’s client, next to its artifact (<code>${artifact}</code>; for the ReplicaServer, its <code>replica-server</code> artifact), into <code>./${output}</code>:`,
    file: (name) => `<code>${escapeHtml(name)}</code>`,
    reads: 'It reads these files, next to the artifact:',
    setting: 'The setting',
    settingCode:
      'In code: a client of one server (<code>connect.ts</code>), then calls with it (<code>server.ts</code>), as the matrix runs them:',
    workaround: 'The generator’s bug, and its workaround',
    network: 'Offline',
    issues: 'Known issues',
    owner: { description: 'In our description', generator: 'In the generator' },
    evidence: {
      typecheck: (code, file) => `tsc: <code>${escapeHtml(code)}</code> in <code>${escapeHtml(file)}</code>`,
      call: (call) => `the call <code>${escapeHtml(call)}</code>`,
    },
    everyRelease: 'every release',
    roles: { 'meta-server': 'MetaServer', 'replica-server': 'ReplicaServer' },
  },
  'zh-CN': {
    title: '生成客户端',
    intro: (wireHref) =>
      `其他团队所用的 TypeScript 生成器根据发布的产物生成的客户端。每个生成器在每次 <code>npm test</code> 中都会被检查（<code>packages/generators</code>）：为每个版本的两种角色生成客户端，用 <code>tsc --strict</code> 做类型检查，并在与线路一致的 mock（<code>pegasus-mock --wire</code>）上运行，这些 mock 像真实服务端一样应答。每个调用解码出的值都必须是文档中的示例。Pegasus 给每个响应体都标上 <code>text/plain</code>，JSON 也不例外，并且把列表参数读成一个用逗号连接的参数（<a href="${wireHref}">线路行为</a>）：下面按生成器给出命令和设置，没有这些设置，它生成的客户端就会误读服务端的应答。`,
    artifactsTitle: '使用哪个产物',
    artifactsIntro:
      '使用集群所运行版本的产物（<code>/version</code> 会告诉你版本；master 描述的是下一个版本）。下面每个生成器都用打包的 OpenAPI 3.1 JSON（<code>&lt;role&gt;.openapi.json</code>）测试。YAML 内容相同；完全展开的产物（<code>&lt;role&gt;.deref.json</code>，没有 <code>$ref</code>）供不能跟随引用的工具使用，其中的类型名由工具决定，而不是来自 components。',
    artifacts30: 'OpenAPI 3.0 版本（<code>&lt;role&gt;.openapi-3.0.json</code>、<code>.yaml</code>）供最适合读取 3.0 的工具使用。',
    artifactsPaths:
      '每个文件都有稳定的路径：在 npm 包 <code>@pegasus-http/spec</code> 中（<code>@pegasus-http/spec/v2.5.0/meta-server.openapi.json</code>；master 的没有版本目录）、在仓库的 <code>packages/spec/dist/</code> 下，以及在本站点上供下载。每个文件也发布了文字为中文的版本（扩展名前加 <code>.zh-CN</code>，见首页）。',
    artifactColumns: ['产物', 'OpenAPI', 'MetaServer', 'ReplicaServer'],
    artifactKinds: {
      'openapi.json': '打包（bundled），JSON',
      'openapi.yaml': '打包（bundled），YAML',
      'deref.json': '完全展开，JSON',
      'openapi-3.0.json': '打包（bundled），JSON',
      'openapi-3.0.yaml': '打包（bundled），YAML',
    },
    matrixTitle: '生成器',
    matrixColumns: ['生成器', '版本', '状态', '需要的设置'],
    status: {
      works: '可用',
      workaround: '可用，需要变通',
      partial: '有已知问题',
      broken: '不可用',
    },
    install: '按测试时的版本固定安装：',
    command: (artifact, output) =>
      `在 MetaServer 的产物（<code>${artifact}</code>；ReplicaServer 用它的 <code>replica-server</code> 产物）旁边生成客户端，写入 <code>./${output}</code>：`,
    file: (name) => `<code>${escapeHtml(name)}</code>`,
    reads: '它读取这些文件（放在产物旁边）：',
    setting: '设置',
    settingCode: '代码：一个服务端的客户端（<code>connect.ts</code>），以及用它发出的调用（<code>server.ts</code>），与矩阵运行的一样：',
    workaround: '生成器的缺陷及其变通办法',
    network: '离线使用',
    issues: '已知问题',
    owner: { description: '在我们的接口描述中', generator: '在生成器中' },
    evidence: {
      typecheck: (code, file) => `tsc：<code>${escapeHtml(code)}</code>，位于 <code>${escapeHtml(file)}</code>`,
      call: (call) => `调用 <code>${escapeHtml(call)}</code>`,
    },
    everyRelease: '所有版本',
    roles: { 'meta-server': 'MetaServer', 'replica-server': 'ReplicaServer' },
  },
};

/** A text of the matrix as HTML: escaped, its code spans (in backticks) as code. */
export function prose(text) {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The matrix as the page shows it: its entries, each with the text of the files it shows and its install lines. */
export function loadMatrix() {
  const pinned = (names) => names.map((name) => `${name}@${PINNED[name]}`).join(' ');
  return GENERATORS.map((entry) => ({
    ...entry,
    commandLine: commandLine(entry, `meta-server.${entry.artifact}`),
    shown: shownFiles(entry).map((path) => ({ name: path.split('/').pop(), text: matrixFile(path) })),
    install: [
      `npm install --save-dev ${pinned([entry.package, ...entry.tools])}`,
      ...(entry.runtime.length ? [`npm install ${pinned(entry.runtime)}`] : []),
    ],
  }));
}

/** The OpenAPI version of an artifact file, as it states it. */
function openapiVersion(text) {
  return /"openapi"\s*:\s*"([^"]+)"|^openapi:\s*['"]?([\d.]+)/m.exec(text)?.slice(1).find(Boolean);
}

/**
 * Every English artifact @pegasus-http/spec publishes (its `exports`), per release and role:
 * `{ release, role, kind, name, openapi }`, `name` the file's name, `openapi` the version it states.
 */
export function publishedArtifacts(releases) {
  const manifest = require.resolve('@pegasus-http/spec/package.json');
  return Object.entries(require(manifest).exports).flatMap(([key, target]) => {
    const match = /^\.\/(?:(v[\d.]+)\/)?(meta-server|replica-server)\.((?:openapi|deref)(?:-3\.0)?\.(?:json|yaml))$/.exec(key);
    if (!match || !releases.includes(match[1] ?? 'master')) return [];
    const [, release = 'master', role, kind] = match;
    const openapi = openapiVersion(readFileSync(join(dirname(manifest), target), 'utf8').slice(0, 4096));
    return [{ release, role, kind, name: `${role}.${kind}`, path: join(dirname(manifest), target), openapi }];
  });
}

/** The table of one release's artifacts: per kind, its OpenAPI version and each role's file to download. */
function artifactTable(language, release, artifacts, href) {
  const text = GENERATE_TEXT[language];
  const ofRelease = artifacts.filter((a) => a.release === release);
  const order = Object.keys(text.artifactKinds);
  const rank = (kind) => (order.includes(kind) ? order.indexOf(kind) : order.length);
  const kinds = [...new Set(ofRelease.map((a) => a.kind))].sort((a, b) => rank(a) - rank(b));
  const link = (role, kind) => {
    const artifact = ofRelease.find((a) => a.role === role && a.kind === kind);
    return artifact ? `<a href="${href(artifactFile(release, artifact.name))}" download>${escapeHtml(artifact.name)}</a>` : '';
  };
  const rows = kinds.map((kind) => {
    const { openapi } = ofRelease.find((a) => a.kind === kind);
    const cells = [
      escapeHtml(text.artifactKinds[kind] ?? kind),
      escapeHtml(openapi),
      link('meta-server', kind),
      link('replica-server', kind),
    ];
    return `        <tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  return `    <div class="scroll"><table>
      <thead><tr>${text.artifactColumns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
      <tbody>
${rows.join('\n')}
      </tbody>
    </table></div>`;
}

/** A block of code, escaped. */
function codeBlock(code) {
  return `<pre><code>${escapeHtml(code.trimEnd())}</code></pre>`;
}

/** The overview table: each generator, its version, status and setting in a line. */
function matrixTable(language, matrix) {
  const text = GENERATE_TEXT[language];
  const rows = matrix.map(
    (entry) =>
      `        <tr><td><a href="#${entry.id}">${escapeHtml(entry.name)}</a></td><td><code>${escapeHtml(entry.package)}@${escapeHtml(entry.version)}</code></td><td>${escapeHtml(text.status[entry.status])}</td><td>${prose(entry.summary[language])}</td></tr>`,
  );
  return `    <div class="scroll"><table>
      <thead><tr>${text.matrixColumns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
      <tbody>
${rows.join('\n')}
      </tbody>
    </table></div>`;
}

/** Where an issue shows: the evidence, the roles and releases it holds for. */
function issueWhere(language, issue) {
  const text = GENERATE_TEXT[language];
  const { code, file, call } = issue.evidence;
  const evidence = issue.check === 'typecheck' ? text.evidence.typecheck(code, file) : text.evidence.call(call);
  const roles = (issue.roles ?? Object.keys(text.roles)).map((role) => text.roles[role]).join(', ');
  return `${evidence} · ${escapeHtml(roles)} · ${escapeHtml(issue.releases?.join(', ') ?? text.everyRelease)}`;
}

/** Files shown whole, each under its name. */
function fileBlocks(language, files) {
  return files.map(({ name, text: code }) => `    <p>${GENERATE_TEXT[language].file(name)}</p>\n    ${codeBlock(code)}`).join('\n');
}

/** The known issues of an entry, each with whose they are and where they show. */
function issueList(language, entry) {
  const text = GENERATE_TEXT[language];
  const items = entry.issues.map(
    (issue) =>
      `      <li><strong>${escapeHtml(text.owner[issue.owner])}</strong> (${issueWhere(language, issue)}): ${prose(issue[language])}</li>`,
  );
  return items.length ? `    <h3 id="${entry.id}-issues">${escapeHtml(text.issues)}</h3>\n    <ul>\n${items.join('\n')}\n    </ul>` : '';
}

/** An optional part of a section: a heading and a text of the matrix. */
function part(id, heading, paragraph) {
  return paragraph ? `    <h3 id="${id}">${escapeHtml(heading)}</h3>\n    <p>${prose(paragraph)}</p>` : '';
}

/** The section of one generator: install, command and its files, setting and its code, workaround, network, issues. */
function generatorSection(language, entry) {
  const text = GENERATE_TEXT[language];
  const configuration = entry.shown.filter((file) => entry.files.some((path) => path.endsWith(`/${file.name}`)));
  const code = entry.shown.filter((file) => !configuration.includes(file));
  return [
    `    <h2 id="${entry.id}">${escapeHtml(entry.name)} <small>${escapeHtml(entry.version)} · ${escapeHtml(text.status[entry.status])}</small></h2>`,
    `    <p>${escapeHtml(text.install)}</p>\n    ${codeBlock(entry.install.join('\n'))}`,
    `    <p>${text.command(escapeHtml(`meta-server.${entry.artifact}`), escapeHtml(entry.output))}</p>\n    ${codeBlock(entry.commandLine)}`,
    configuration.length ? `    <p>${escapeHtml(text.reads)}</p>\n${fileBlocks(language, configuration)}` : '',
    part(`${entry.id}-setting`, text.setting, entry.setting[language]),
    `    <p>${text.settingCode}</p>\n${fileBlocks(language, code)}`,
    part(`${entry.id}-workaround`, text.workaround, entry.workaround?.[language]),
    part(`${entry.id}-network`, text.network, entry.network?.[language]),
    issueList(language, entry),
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The "Generate a client" page of a language. `releases` gives, per release (as RELEASES orders
 * them), its version; `artifacts` the published artifacts (`publishedArtifacts`); `matrix` the
 * generators (`loadMatrix`).
 */
export function generatePage(language, { releases, artifacts, matrix }) {
  const text = GENERATE_TEXT[language];
  const file = pageFile(language, 'generate.html');
  const href = (name) => relativeHref(file, name);
  const has30 = artifacts.some((a) => a.kind.includes('-3.0.'));
  const tables = releases.map(
    (entry) =>
      `    <h3 id="artifacts-${entry.release}">${escapeHtml(releaseLabel(entry, language))}</h3>\n${artifactTable(language, entry.release, artifacts, href)}`,
  );
  const body = `    <h1>${escapeHtml(text.title)}</h1>
    <p>${text.intro(href(pageFile(language, 'wire.html')))}</p>
    <h2 id="artifacts">${escapeHtml(text.artifactsTitle)}</h2>
    <p>${text.artifactsIntro}${has30 ? ` ${text.artifacts30}` : ''}</p>
    <p>${text.artifactsPaths}</p>
${tables.join('\n')}
    <h2 id="generators">${escapeHtml(text.matrixTitle)}</h2>
${matrixTable(language, matrix)}
${matrix.map((entry) => generatorSection(language, entry)).join('\n')}`;
  return layout({ language, file, title: text.title, body, head: `  <style>${STYLE}</style>\n` });
}
