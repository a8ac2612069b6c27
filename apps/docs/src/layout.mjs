// The frame every page of the site shares, the Redoc pages (templates/reference.hbs) included: the
// bar (home, both roles, wire, generate, catalogue, changes; on a reference page the release
// selector; the switch to the other language), its style and script, and the icon. The site's own
// pages get the whole page around their body from `layout`.
import { RELEASES } from '@pegasus-http/spec';
import { FAVICON_HREF } from './favicon.mjs';
import { escapeHtml } from './html.mjs';
import { PAGES, pageFile, referenceFile, relativeHref } from './pages.mjs';

export const LANGUAGE_STORAGE_KEY = 'pegasus-docs-language';

/** The words of the bar, per language. */
export const BAR_TEXT = {
  en: {
    home: 'Home',
    wire: 'Wire behaviour',
    generate: 'Generate a client',
    metrics: 'Metric catalogue',
    changes: 'API changes',
    release: 'Release',
    switchLabel: '中文',
    switchTitle: '切换到中文',
  },
  'zh-CN': {
    home: '首页',
    wire: '线路行为',
    generate: '生成客户端',
    metrics: '指标目录',
    changes: '接口变更',
    release: '版本',
    switchLabel: 'English',
    switchTitle: 'Switch to English',
  },
};

const OTHER = { en: 'zh-CN', 'zh-CN': 'en' };

/** The name of a page of the site whatever its language: its file without the language's folder. */
function pageName(language, file) {
  return language === 'en' ? file : file.slice(language.length + 1);
}

/** The short name of a role in the bar ("MetaServer"). */
function roleLabel(role, language) {
  return PAGES[role][language].title.replace(/^Pegasus /, '').replace(/ HTTP.*$/, '');
}

/**
 * The links of the bar of a page of the site. On a reference page (`role` given) the role links
 * keep to its `release`, the release selector offers the same page in every release, and the
 * selector and the language switch keep the operation in view.
 */
export function navigation(language, file, { role, release = 'master' } = {}) {
  const text = BAR_TEXT[language];
  const href = (to) => relativeHref(file, to);
  const other = OTHER[language];
  return {
    links: [
      { href: href(pageFile(language, 'index.html')), label: text.home },
      ...Object.keys(PAGES).map((r) => ({ href: href(referenceFile(r, language, release)), label: roleLabel(r, language) })),
      { href: href(pageFile(language, 'wire.html')), label: text.wire },
      { href: href(pageFile(language, 'generate.html')), label: text.generate },
      { href: href(pageFile(language, 'metrics.html')), label: text.metrics },
      { href: href(pageFile(language, 'changes.html')), label: text.changes },
    ],
    releases: role ? RELEASES.map((r) => ({ release: r, href: href(referenceFile(role, language, r)), current: r === release })) : [],
    switch: {
      href: href(pageFile(other, pageName(language, file))),
      label: text.switchLabel,
      title: text.switchTitle,
      language: other,
      keepPlace: Boolean(role),
    },
  };
}

/**
 * The script of the bar: the language chosen with a switch is remembered (the landing page opens
 * in it), and on a reference page the switch and the release selector keep the operation in view.
 */
const BAR_SCRIPT = `(function () {
  function go(href) { location.href = href + location.hash; }
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-language]');
    if (!link) return;
    try { localStorage.setItem('${LANGUAGE_STORAGE_KEY}', link.getAttribute('data-language')); } catch (e) {}
    if (link.hasAttribute('data-keep-place') && location.hash) { event.preventDefault(); go(link.getAttribute('href')); }
  });
  document.addEventListener('change', function (event) {
    if (event.target.matches && event.target.matches('select[data-release]')) go(event.target.value);
  });
})();`;

const BAR_STYLE = `
  .pegasus-bar { display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; align-items: center; padding: 0.5em 1em; font: 14px/1.6 -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; background: #263238; color: #fff; }
  .pegasus-bar a { color: #fff; }
  .pegasus-bar .end { margin-left: auto; display: flex; gap: 1.2em; align-items: center; }
  .pegasus-bar select { font: inherit; color: #263238; background: #eceff1; border: 0; border-radius: 3px; padding: 0.1em 0.3em; }
  .pegasus-bar .switch { font-weight: bold; }
`;

/** What every page puts in its `<head>` for the frame: the inline icon and the bar's style. */
export function frameHead() {
  return `<link rel="icon" href="${FAVICON_HREF}">\n  <style>${BAR_STYLE}</style>`;
}

/** The release selector of a reference page, or '' on the site's other pages. */
function releaseSelector(releases, language) {
  if (!releases.length) return '';
  const options = releases.map(
    ({ release, href, current }) => `<option value="${escapeHtml(href)}"${current ? ' selected' : ''}>${escapeHtml(release)}</option>`,
  );
  return `<label>${escapeHtml(BAR_TEXT[language].release)} <select data-release autocomplete="off">${options.join('')}</select></label>`;
}

/** The bar of a page (its `navigation`), with its script. */
export function barHtml(nav, language) {
  const { switch: to } = nav;
  const links = nav.links.map(({ href, label }) => `    <a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`);
  const keep = to.keepPlace ? ' data-keep-place' : '';
  return `<nav class="pegasus-bar">
${links.join('\n')}
    <span class="end">${releaseSelector(nav.releases, language)}<a class="switch" href="${escapeHtml(to.href)}" hreflang="${to.language}" data-language="${to.language}"${keep} title="${escapeHtml(to.title)}">${escapeHtml(to.label)}</a></span>
  </nav>
  <script>${BAR_SCRIPT}</script>`;
}

const STYLE = `
  body { font: 16px/1.6 -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #263238; }
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
  .scroll { overflow-x: auto; }
  .changes td:last-child code { white-space: normal; overflow-wrap: anywhere; }
  .changes ul { margin: 0; padding-left: 1.2em; }
  .impact { display: inline-block; padding: 0 0.4em; border-radius: 3px; font-size: 0.85em; font-weight: bold; white-space: nowrap; }
  .impact-major { background: #ffebee; color: #b71c1c; }
  .impact-minor { background: #e8f5e9; color: #1b5e20; }
  .impact-patch { background: #eceff1; color: #37474f; }
`;

/** One page of the site's own: the bar (with the language switch), then `body`. */
export function layout({ language, file, title, body, head = '' }) {
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  ${frameHead()}
  <style>${STYLE}</style>
${head}</head>
<body>
  ${barHtml(navigation(language, file), language)}
  <main>
${body}
  </main>
</body>
</html>
`;
}
