// The site's own pages around the Redoc references, in each language: the landing page, the wire
// behaviour page (rendered from content/wire.<language>.md) and the searchable metric catalogue.
// Every page is one self-contained HTML file: inline style and script, no remote request.
import { escapeHtml } from './html.mjs';
import { LANGUAGE_STORAGE_KEY, layout } from './layout.mjs';
import { TEXT } from './notes.mjs';
import { artifactFile, PAGES, pageFile, referenceFile, relativeHref } from './pages.mjs';

/** The words of the site's pages, per language. */
export const SITE_TEXT = {
  en: {
    siteTitle: 'Apache Pegasus HTTP API reference',
    languageName: 'English',
    wireTitle: 'How Pegasus answers on the wire: what a client author must know',
    metricsTitle: 'Pegasus metric catalogue',
    metricsIntro: (count) =>
      `The ${count} metrics Pegasus master defines, as <code>/metrics</code> reports them on a MetaServer or a ReplicaServer. Type words to keep the rows that contain all of them, in the name, entity, type, unit or description.`,
    filterLabel: 'Filter',
    filterPlaceholder: 'e.g. replica latency, Counter, rdb_',
    shown: (n, total) => `<span id="shown">${n}</span> of ${total} metrics shown`,
    columns: ['name', 'entity', 'type', 'unit', 'description'],
    landingIntro:
      'The HTTP admin API of Pegasus’s two server roles, described from the server’s source in OpenAPI 3.1: every call, every status it can really return, and how the bytes look on the wire.',
    roles: {
      'meta-server': 'MetaServer, port 34601',
      'replica-server': 'ReplicaServer, port 34801',
    },
    operations: (n) => `${n} calls`,
    readFirst: 'Read first',
    readFirstItems: (wireHref, metricsHref, changesHref, generateHref) => [
      `<a href="${changesHref}">API changes between releases</a>: per call, what each release added, removed or changed since the one before, and whether it breaks an existing client.`,
      `<a href="${generateHref}">Generate a client</a>: which artifact to take, and for each TypeScript generator other teams use the command and setting that make its client read a real server, checked on every test run.`,
      `<a href="${wireHref}">Wire behaviour</a>: <code>text/plain</code> labels on JSON, values sent as strings, the error styles, the 307 of a standby MetaServer, GET and POST alike, a parameter given twice.`,
      `<a href="${metricsHref}">Metric catalogue</a>: the 214 metrics of <code>/metrics</code>, searchable.`,
      'There is <strong>no authentication</strong>: the calls that change state or expose the process carry a warning on their page.',
    ],
    releasesTitle: 'Releases',
    releasesIntro:
      'Master describes the next Pegasus release; each supported release, the one a production cluster runs, has its own reference, exact to that release: the calls it serves and how it answers them. The selector in the bar of every reference page goes to the same call in another release.',
    releaseColumn: 'release',
    artifactsTitle: 'The description, to download',
    artifactsIntro:
      'The published artifacts of <code>@pegasus-http/spec</code>, for client generators in any language, for each release. Each lints clean on its own; the Chinese ones carry the same description with the text in Chinese.',
    artifactKinds: {
      'openapi.json': 'bundled, JSON',
      'openapi.yaml': 'bundled, YAML',
      'deref.json': 'dereferenced (no <code>$ref</code>), JSON',
    },
    english: 'English',
    chinese: 'Chinese',
    mockTitle: 'Try it against the mock',
    mockText: [
      '<code>npm start</code> in the repository serves this site on <code>http://127.0.0.1:8080</code> and a mock of each role, on <code>http://127.0.0.1:34601</code> (MetaServer) and <code>http://127.0.0.1:34801</code> (ReplicaServer); <code>npx pegasus-mock</code> starts the mocks alone, and <code>--wire</code> makes them answer byte for byte as a real server does. The curl and TypeScript samples on every call of the reference run against them unchanged.',
      "The mocks answer with the documented examples; choose one with Prism’s <code>Prefer</code> header, for instance <code>curl -s http://127.0.0.1:34801/config -H 'Prefer: code=400, example=emptyName'</code>.",
    ],
  },
  'zh-CN': {
    siteTitle: 'Apache Pegasus HTTP 接口参考',
    languageName: '中文',
    wireTitle: 'Pegasus 在线路上如何应答：客户端开发者必须知道的事',
    metricsTitle: 'Pegasus 指标目录',
    metricsIntro: (count) =>
      `Pegasus master 定义的 ${count} 个指标，即 MetaServer 或 ReplicaServer 上 <code>/metrics</code> 所报告的指标。输入若干个词，只保留在名称、实体、类型、单位或说明中包含所有这些词的行。`,
    filterLabel: '过滤',
    filterPlaceholder: '例如：副本 延迟、Counter、rdb_',
    shown: (n, total) => `显示 <span id="shown">${n}</span> / ${total} 个指标`,
    columns: ['名称', '实体', '类型', '单位', '说明'],
    landingIntro:
      'Pegasus 两种服务端角色的 HTTP 管理接口，依据服务端源码以 OpenAPI 3.1 描述：每个调用、它实际可能返回的每个状态码，以及线路上的字节是什么样子。',
    roles: {
      'meta-server': 'MetaServer，端口 34601',
      'replica-server': 'ReplicaServer，端口 34801',
    },
    operations: (n) => `${n} 个调用`,
    readFirst: '先读这些',
    readFirstItems: (wireHref, metricsHref, changesHref, generateHref) => [
      `<a href="${changesHref}">版本之间的接口变更</a>：逐个调用列出每个版本相对于上一个版本新增、删除或修改了什么，以及是否会让现有客户端出错。`,
      `<a href="${generateHref}">生成客户端</a>：使用哪个产物，以及其他团队所用的每个 TypeScript 生成器需要什么命令和设置，生成的客户端才能正确读取真实服务端的应答；每次测试都会检查。`,
      `<a href="${wireHref}">线路行为</a>：JSON 也标为 <code>text/plain</code>、以字符串发送的值、各种错误形式、备用 MetaServer 的 307、GET 与 POST 等价、参数出现两次。`,
      `<a href="${metricsHref}">指标目录</a>：<code>/metrics</code> 的 214 个指标，可搜索。`,
      '服务端<strong>没有认证</strong>：会改变状态或暴露进程信息的调用在其页面上带有警告。',
    ],
    releasesTitle: '版本',
    releasesIntro:
      'master 描述 Pegasus 的下一个版本；每个受支持的已发布版本（生产集群所运行的版本）都有自己的参考页面，准确描述该版本：它提供哪些调用、如何应答。每个参考页面顶栏中的版本选择器可以转到另一个版本中的同一个调用。',
    releaseColumn: '版本',
    artifactsTitle: '下载接口描述',
    artifactsIntro:
      '<code>@pegasus-http/spec</code> 为每个版本发布的产物，供任何语言的客户端生成器使用。每个文件单独校验（lint）都没有问题；中文版本是同一份描述，只是文字为中文。',
    artifactKinds: {
      'openapi.json': '打包（bundled），JSON',
      'openapi.yaml': '打包（bundled），YAML',
      'deref.json': '完全展开（没有 <code>$ref</code>），JSON',
    },
    english: '英文',
    chinese: '中文',
    mockTitle: '在 mock 上试用',
    mockText: [
      '在仓库中运行 <code>npm start</code>，会在 <code>http://127.0.0.1:8080</code> 上提供本站点，并为每种角色各启动一个 mock：<code>http://127.0.0.1:34601</code>（MetaServer）和 <code>http://127.0.0.1:34801</code>（ReplicaServer）；<code>npx pegasus-mock</code> 只启动 mock，加上 <code>--wire</code> 则会像真实服务端一样逐字节应答。参考页面上每个调用的 curl 和 TypeScript 示例都可以不加修改地在 mock 上运行。',
      "mock 用文档中的示例作答；可以用 Prism 的 <code>Prefer</code> 头选择示例，例如 <code>curl -s http://127.0.0.1:34801/config -H 'Prefer: code=400, example=emptyName'</code>。",
    ],
  },
};

const OTHER = { en: 'zh-CN', 'zh-CN': 'en' };

/** A release as the landing page names it: `v2.5.0`, or master with its version. */
export function releaseLabel({ release, version }, language) {
  return release === 'master' ? TEXT[language].unreleased(version) : release;
}

/** The cards of both roles (master's pages, in both languages). */
function roleCards(language, { counts }, href) {
  const text = SITE_TEXT[language];
  const other = OTHER[language];
  return Object.entries(PAGES).map(([role, page]) => {
    const otherLink = `<a href="${href(referenceFile(role, other))}" hreflang="${other}" data-language="${other}">${escapeHtml(SITE_TEXT[other].languageName)}</a>`;
    return `      <li><a href="${href(referenceFile(role, language))}">${escapeHtml(page[language].title)}</a><br>${escapeHtml(text.roles[role])} · ${escapeHtml(text.operations(counts[role]))} · ${otherLink}<br>${escapeHtml(page[language].description)}</li>`;
  });
}

/** The table of the releases: per release and role, its reference page in both languages and its number of calls. */
function releasesTable(language, releases, href) {
  const text = SITE_TEXT[language];
  const roles = Object.keys(PAGES);
  const cell = (role, { release, counts }) =>
    [
      `<a href="${href(referenceFile(role, 'en', release))}" hreflang="en" data-language="en">${escapeHtml(SITE_TEXT.en.languageName)}</a>`,
      `<a href="${href(referenceFile(role, 'zh-CN', release))}" hreflang="zh-CN" data-language="zh-CN">${escapeHtml(SITE_TEXT['zh-CN'].languageName)}</a>`,
      escapeHtml(text.operations(counts[role])),
    ].join(' · ');
  const rows = releases.map(
    (entry) =>
      `        <tr id="release-${entry.release}"><td>${escapeHtml(releaseLabel(entry, language))}</td>${roles.map((role) => `<td>${cell(role, entry)}</td>`).join('')}</tr>`,
  );
  const header = [text.releaseColumn, ...roles.map((role) => PAGES[role][language].title)].map((h) => `<th>${escapeHtml(h)}</th>`);
  return `    <div class="scroll"><table>
      <thead><tr>${header.join('')}</tr></thead>
      <tbody>
${rows.join('\n')}
      </tbody>
    </table></div>`;
}

/** The artifacts of one release, English and Chinese, per role and kind; `artifacts` lists the files copied. */
function artifactTable(language, { release }, artifacts, href) {
  const text = SITE_TEXT[language];
  const rows = Object.keys(PAGES).flatMap((role) =>
    Object.entries(text.artifactKinds).map(([kind, label]) => {
      const links = [`${role}.${kind}`, `${role}.${kind.replace(/\.(json|yaml)$/, '.zh-CN.$1')}`].map((name) => {
        const path = artifactFile(release, name);
        if (!artifacts.includes(path)) throw new Error(`${path} is missing`);
        return `<td><a href="${href(path)}" download>${name}</a></td>`;
      });
      return `        <tr><td>${escapeHtml(PAGES[role][language].title)}</td><td>${label}</td>${links.join('')}</tr>`;
    }),
  );
  return `    <div class="scroll"><table>
      <thead><tr><th></th><th></th><th>${escapeHtml(text.english)}</th><th>${escapeHtml(text.chinese)}</th></tr></thead>
      <tbody>
${rows.join('\n')}
      </tbody>
    </table></div>`;
}

/**
 * The landing page of a language. `releases` gives, per release (as RELEASES orders them), its
 * version and each role's number of operations; `artifacts` the files copied under artifacts/.
 */
export function landingPage(language, { releases, artifacts }) {
  const text = SITE_TEXT[language];
  const file = pageFile(language, 'index.html');
  const href = (name) => relativeHref(file, name);
  const master = releases.find((entry) => entry.release === 'master');
  // The root page opens in the language chosen last time; the Chinese page never redirects.
  const head =
    language === 'en'
      ? `  <script>try { if (localStorage.getItem('${LANGUAGE_STORAGE_KEY}') === 'zh-CN') location.replace('zh-CN/index.html'); } catch (e) {}</script>\n`
      : '';
  const readFirst = text.readFirstItems(
    ...['wire.html', 'metrics.html', 'changes.html', 'generate.html'].map((name) => href(pageFile(language, name))),
  );
  const artifactSections = releases.map(
    (entry) =>
      `    <h3 id="artifacts-${entry.release}">${escapeHtml(releaseLabel(entry, language))}</h3>\n${artifactTable(language, entry, artifacts, href)}`,
  );
  const body = `    <h1>${escapeHtml(text.siteTitle)}</h1>
    <p>${escapeHtml(text.landingIntro)}</p>
    <ul class="roles">
${roleCards(language, master, href).join('\n')}
    </ul>
    <h2 id="releases">${escapeHtml(text.releasesTitle)}</h2>
    <p>${escapeHtml(text.releasesIntro)}</p>
${releasesTable(language, releases, href)}
    <h2>${escapeHtml(text.readFirst)}</h2>
    <ul>
${readFirst.map((item) => `      <li>${item}</li>`).join('\n')}
    </ul>
    <h2 id="mock">${escapeHtml(text.mockTitle)}</h2>
${text.mockText.map((paragraph) => `    <p>${paragraph}</p>`).join('\n')}
    <h2 id="artifacts">${escapeHtml(text.artifactsTitle)}</h2>
    <p>${text.artifactsIntro}</p>
${artifactSections.join('\n')}`;
  return layout({ language, file, title: text.siteTitle, body, head });
}

/** The wire-behaviour page of a language, from its rendered Markdown. */
export function wirePage(language, html) {
  return layout({ language, file: pageFile(language, 'wire.html'), title: SITE_TEXT[language].wireTitle, body: html });
}

/** The searchable metric catalogue of a language, from `KnownMetricName`'s `x-pegasus-catalogue`. */
export function metricsPage(language, catalogue) {
  const text = SITE_TEXT[language];
  const entries = Object.entries(catalogue);
  const rows = entries
    .map(([name, m]) => {
      const description = escapeHtml(m.description).replace(/`([^`]+)`/g, '<code>$1</code>');
      return `      <tr id="${escapeHtml(name)}"><td><code>${escapeHtml(name)}</code></td><td><code>${escapeHtml(m.entity)}</code></td><td>${escapeHtml(m.type)}</td><td>${escapeHtml(m.unit)}</td><td>${description}</td></tr>`;
    })
    .join('\n');
  const body = `    <h1>${escapeHtml(text.metricsTitle)}</h1>
    <p>${text.metricsIntro(entries.length)}</p>
    <div class="filter">
      <label for="filter">${escapeHtml(text.filterLabel)}</label>
      <input id="filter" type="search" autocomplete="off" placeholder="${escapeHtml(text.filterPlaceholder)}">
      <span>${text.shown(entries.length, entries.length)}</span>
    </div>
    <table id="catalogue">
      <thead><tr>${text.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
      <tbody>
${rows}
      </tbody>
    </table>
    <script>
      (function () {
        var input = document.getElementById('filter');
        var shown = document.getElementById('shown');
        var rows = Array.prototype.slice.call(document.querySelectorAll('#catalogue tbody tr'));
        var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
        function apply() {
          var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
          var count = 0;
          rows.forEach(function (row, i) {
            var match = words.every(function (word) { return texts[i].indexOf(word) >= 0; });
            row.hidden = !match;
            if (match) count++;
          });
          shown.textContent = String(count);
        }
        input.addEventListener('input', apply);
        var query = new URLSearchParams(location.search).get('q');
        if (query) { input.value = query; apply(); }
      })();
    </script>`;
  return layout({ language, file: pageFile(language, 'metrics.html'), title: text.metricsTitle, body });
}
