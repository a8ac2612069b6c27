// Redoc's own words (its UI labels: "Responses", "Request", "Copy", "Search"…) in the pages'
// languages. Redoc 3.0.1, which `redocly build-docs` inlines, looks every such word up through a
// `translate(key, default)` hook, but its standalone build offers no option to supply one: the
// hook always returns the English default. So the build gives the inlined bundle a hook that looks
// the key up in the page's language first. The bundle is pinned with @redocly/cli; if a new one
// no longer has the hook where it was, the build fails rather than ship half-translated pages.

/** The English default of Redoc 3.0.1's translate hook, as it stands in the inlined bundle. */
export const DEFAULT_TRANSLATE = 'useTranslate:()=>({translate:(e,t)=>(typeof t==`string`?t:t?.defaultValue)||e||``})';

/** Redoc's words, by its translation key, per language other than English (Redoc's own). */
export const REDOC_LABELS = {
  'zh-CN': {
    loading: '加载中…',
    'loaders.loading': '加载中…',
    'info.title': '概览',
    'info.license': '许可证',
    'info.metadata.title': '元数据',
    'servers.title': '服务器',
    variables: '变量',
    operations: '调用',
    request: '请求',
    response: '响应',
    responses: '响应',
    body: '消息体',
    parameters: '参数',
    query: '查询参数',
    path: '路径参数',
    header: '请求头',
    required: '必填',
    default: '默认值',
    example: '示例',
    property: '属性',
    properties: '属性',
    additionalProperties: '附加属性',
    contentType: '响应媒体类型',
    noResponseExample: '没有响应示例',
    'discriminator.defaultMapping': '默认映射',
    'badges.deprecated': '已弃用',
    'actions.show': '显示',
    'actions.hide': '隐藏',
    'actions.more': '更多',
    'openapi.expandAll': '全部展开',
    'openapi.collapseAll': '全部折叠',
    'openapi.showPattern': '显示正则表达式',
    'openapi.hidePattern': '隐藏正则表达式',
    'openapi.deepLink.tooltip': '链接到本节',
    'codeSnippet.copy.buttonText': '已复制！',
    'codeSnippet.copy.tooltipText': '复制到剪贴板',
    'codeSnippet.copy.toasterText': '复制',
    'codeSnippet.expand.tooltipText': '全部展开',
    'codeSnippet.collapse.tooltipText': '全部折叠',
    'codeSnippet.report.buttonText': '报告',
    'codeSnippet.report.tooltipText': '报告问题',
    'codeSnippet.report.label': '这段代码有什么问题？',
    'jsonViewer.showMore': '显示更多',
    'jsonViewer.showLess': '收起',
    'button.download.tooltipText': '下载描述文件',
    'button.externalLink.tooltipText': '在新标签页中打开',
    'page.actions.copyButtonText': '复制',
    'page.actions.copyTitle': '复制给 LLM',
    'page.actions.copyDescription': '将本页复制为 YAML，供 LLM 使用',
    'page.actions.moreActions': '更多操作',
    'search.navbar.label': '搜索',
    'search.searchItem.deprecated': '已弃用',
    'search.searchItem.enum': '枚举',
    'search.searchItem.example': '示例',
    'sidebar.actions.show': '显示侧栏',
    'sidebar.actions.hide': '隐藏侧栏',
    'sidebar.actions.singleColumn': '单栏',
    'sidebar.actions.twoColumns': '双栏',
    'sidebar.actions.changeToSingleColumn': '切换为单栏',
    'sidebar.actions.changeToTwoColumns': '切换为双栏',
  },
};

/**
 * A built Redoc page with Redoc's words in `language`: its translate hook looks the key up in
 * REDOC_LABELS first, and the words the server-side rendering already wrote ("Loading...") are
 * written in the language too, so that hydration finds what it renders. English pages are
 * returned as they are.
 */
export function localizeRedoc(html, language, file = 'the page') {
  const labels = REDOC_LABELS[language];
  if (!labels) return html;
  const at = html.indexOf(DEFAULT_TRANSLATE);
  if (at < 0 || html.indexOf(DEFAULT_TRANSLATE, at + 1) >= 0) {
    throw new Error(
      `${file}: Redoc's translate hook was not found exactly once in the inlined bundle, so its labels cannot be put in ${language}; check apps/docs/src/redoc-labels.mjs against this Redoc`,
    );
  }
  const hook = `useTranslate:((L)=>()=>({translate:(e,t)=>typeof e==\`string\`&&Object.hasOwn(L,e)?L[e]:(typeof t==\`string\`?t:t?.defaultValue)||e||\`\`}))(${JSON.stringify(labels)})`;
  const localized = html.slice(0, at) + hook + html.slice(at + DEFAULT_TRANSLATE.length);
  // The server-rendered part (before the bundle) holds the loading text.
  const bundle = localized.indexOf('<script type="module">');
  if (bundle < 0) throw new Error(`${file}: the inlined Redoc bundle was not found`);
  return localized.slice(0, bundle).replaceAll('>Loading...<', `>${labels.loading}<`) + localized.slice(bundle);
}
