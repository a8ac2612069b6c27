// The site's own pages around the Redoc references, in each language: the landing page, the wire
// behaviour page (rendered from content/wire.<language>.md) and the searchable metric catalogue.
// Every page is one self-contained HTML file: inline style and script, no remote request.
import { escapeHtml } from './html.mjs';
import { PAGES, pageFile, relativeHref } from './pages.mjs';

export const LANGUAGE_STORAGE_KEY = 'pegasus-docs-language';

/** The words of the site's pages, per language. */
export const SITE_TEXT = {
  en: {
    siteTitle: 'Apache Pegasus HTTP API reference',
    languageName: 'English',
    home: 'Home',
    wire: 'Wire behaviour',
    metrics: 'Metric catalogue',
    switchLabel: '中文',
    switchTitle: '切换到中文',
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
    readFirstItems: (wireHref, metricsHref) => [
      `<a href="${wireHref}">Wire behaviour</a>: <code>text/plain</code> labels on JSON, values sent as strings, the error styles, the 307 of a standby MetaServer, GET and POST alike, a parameter given twice.`,
      `<a href="${metricsHref}">Metric catalogue</a>: the 214 metrics of <code>/metrics</code>, searchable.`,
      'There is <strong>no authentication</strong>: the calls that change state or expose the process carry a warning on their page.',
    ],
    artifactsTitle: 'The description, to download',
    artifactsIntro:
      'The published artifacts of <code>@pegasus-http/spec</code>, for client generators in any language. Each lints clean on its own; the Chinese ones carry the same description with the text in Chinese.',
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
    home: '首页',
    wire: '线路行为',
    metrics: '指标目录',
    switchLabel: 'English',
    switchTitle: 'Switch to English',
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
    readFirstItems: (wireHref, metricsHref) => [
      `<a href="${wireHref}">线路行为</a>：JSON 也标为 <code>text/plain</code>、以字符串发送的值、各种错误形式、备用 MetaServer 的 307、GET 与 POST 等价、参数出现两次。`,
      `<a href="${metricsHref}">指标目录</a>：<code>/metrics</code> 的 214 个指标，可搜索。`,
      '服务端<strong>没有认证</strong>：会改变状态或暴露进程信息的调用在其页面上带有警告。',
    ],
    artifactsTitle: '下载接口描述',
    artifactsIntro:
      '<code>@pegasus-http/spec</code> 发布的产物，供任何语言的客户端生成器使用。每个文件单独校验（lint）都没有问题；中文版本是同一份描述，只是文字为中文。',
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

/** The navigation links of a page of the site (also given to the Redoc template). */
export function navigation(language, file, { switchTo } = {}) {
  const text = SITE_TEXT[language];
  const href = (name) => relativeHref(file, pageFile(language, name));
  return {
    home: { href: href('index.html'), label: text.home },
    roles: Object.entries(PAGES).map(([, page]) => ({
      href: href(page.file),
      label: page[language].title.replace(/^Pegasus /, '').replace(/ HTTP.*$/, ''),
    })),
    wire: { href: href('wire.html'), label: text.wire },
    metrics: { href: href('metrics.html'), label: text.metrics },
    switch: {
      href: relativeHref(file, pageFile(OTHER[language], switchTo ?? file.split('/').pop())),
      label: text.switchLabel,
      title: text.switchTitle,
      language: OTHER[language],
    },
  };
}

/** The script that remembers the language chosen with the switch (every page has it). */
export const REMEMBER_LANGUAGE = `document.addEventListener('click', function (event) {
  var link = event.target.closest && event.target.closest('a[data-language]');
  if (link) try { localStorage.setItem('${LANGUAGE_STORAGE_KEY}', link.getAttribute('data-language')); } catch (e) {}
});`;

const STYLE = `
  body { font: 16px/1.6 -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #263238; }
  .pegasus-bar { display: flex; flex-wrap: wrap; gap: 1.2em; align-items: center; padding: 0.5em 1em; font-size: 14px; background: #263238; color: #fff; }
  .pegasus-bar a { color: #fff; }
  .pegasus-bar .switch { margin-left: auto; font-weight: bold; }
  main { max-width: 60em; margin: 2em auto; padding: 0 1em; }
  code { background: #eceff1; padding: 0 0.25em; border-radius: 3px; font-size: 0.9em; }
  pre { background: #263238; color: #eceff1; padding: 0.8em 1em; overflow-x: auto; border-radius: 4px; }
  pre code { background: none; padding: 0; color: inherit; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  th, td { border: 1px solid #cfd8dc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
  th { background: #eceff1; }
  td code { white-space: nowrap; }
  blockquote { margin: 1em 0; padding: 0.5em 1em; border-left: 4px solid #f9a825; background: #fffde7; }
  .roles { display: grid; grid-template-columns: repeat(auto-fit, minmax(18em, 1fr)); gap: 1em; padding: 0; list-style: none; }
  .roles li { border: 1px solid #cfd8dc; border-radius: 6px; padding: 1em; }
  .roles a { font-size: 1.15em; font-weight: bold; }
  .filter { display: flex; gap: 1em; align-items: center; margin: 1em 0; }
  .filter input { flex: 1; font-size: 16px; padding: 0.4em; }
`;

/** One page of the site: the bar (with the language switch), then `body`. */
export function layout({ language, file, title, body, head = '', switchTo }) {
  const nav = navigation(language, file, { switchTo });
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <style>${STYLE}</style>
${head}</head>
<body>
  <nav class="pegasus-bar">
    <a href="${nav.home.href}">${escapeHtml(nav.home.label)}</a>
${nav.roles.map((role) => `    <a href="${role.href}">${escapeHtml(role.label)}</a>`).join('\n')}
    <a href="${nav.wire.href}">${escapeHtml(nav.wire.label)}</a>
    <a href="${nav.metrics.href}">${escapeHtml(nav.metrics.label)}</a>
    <a class="switch" href="${nav.switch.href}" hreflang="${nav.switch.language}" data-language="${nav.switch.language}" title="${escapeHtml(nav.switch.title)}">${escapeHtml(nav.switch.label)}</a>
  </nav>
  <main>
${body}
  </main>
  <script>${REMEMBER_LANGUAGE}</script>
</body>
</html>
`;
}

/** The landing page of a language. `counts` gives each role's number of operations; `artifacts` the file names under artifacts/. */
export function landingPage(language, { counts, artifacts }) {
  const text = SITE_TEXT[language];
  const file = pageFile(language, 'index.html');
  const href = (name) => relativeHref(file, name);
  const other = OTHER[language];
  const roles = Object.entries(PAGES)
    .map(
      ([role, page]) =>
        `      <li><a href="${href(pageFile(language, page.file))}">${escapeHtml(page[language].title)}</a><br>${escapeHtml(text.roles[role])} · ${escapeHtml(text.operations(counts[role]))} · <a href="${href(pageFile(other, page.file))}" hreflang="${other}" data-language="${other}">${escapeHtml(SITE_TEXT[other].languageName)}</a><br>${escapeHtml(page[language].description)}</li>`,
    )
    .join('\n');
  const artifactRows = Object.keys(PAGES)
    .flatMap((role) =>
      Object.entries(text.artifactKinds).map(([kind, label]) => {
        const english = `${role}.${kind}`;
        const chinese = `${role}.${kind.replace(/\.(json|yaml)$/, '.zh-CN.$1')}`;
        for (const name of [english, chinese]) if (!artifacts.includes(name)) throw new Error(`artifacts/${name} is missing`);
        return `      <tr><td>${escapeHtml(PAGES[role][language].title)}</td><td>${label}</td><td><a href="${href(`artifacts/${english}`)}" download>${english}</a></td><td><a href="${href(`artifacts/${chinese}`)}" download>${chinese}</a></td></tr>`;
      }),
    )
    .join('\n');
  // The root page opens in the language chosen last time; the Chinese page never redirects.
  const head =
    language === 'en'
      ? `  <script>try { if (localStorage.getItem('${LANGUAGE_STORAGE_KEY}') === 'zh-CN') location.replace('zh-CN/index.html'); } catch (e) {}</script>\n`
      : '';
  const body = `    <h1>${escapeHtml(text.siteTitle)}</h1>
    <p>${escapeHtml(text.landingIntro)}</p>
    <ul class="roles">
${roles}
    </ul>
    <h2>${escapeHtml(text.readFirst)}</h2>
    <ul>
${text
  .readFirstItems(href(pageFile(language, 'wire.html')), href(pageFile(language, 'metrics.html')))
  .map((item) => `      <li>${item}</li>`)
  .join('\n')}
    </ul>
    <h2 id="mock">${escapeHtml(text.mockTitle)}</h2>
${text.mockText.map((paragraph) => `    <p>${paragraph}</p>`).join('\n')}
    <h2 id="artifacts">${escapeHtml(text.artifactsTitle)}</h2>
    <p>${text.artifactsIntro}</p>
    <table>
      <thead><tr><th></th><th></th><th>${escapeHtml(text.english)}</th><th>${escapeHtml(text.chinese)}</th></tr></thead>
      <tbody>
${artifactRows}
      </tbody>
    </table>`;
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
