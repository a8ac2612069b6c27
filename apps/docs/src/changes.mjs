// The page "API changes between releases" (changes.html): what `redocly diff` (Redocly CLI's
// experimental diff, run by the build on the published dereferenced artifacts of two consecutive
// releases) reports, per role, grouped by the operation each change is about, with the tool's
// rating of each change in words a reader understands. Which operations are compared, and where
// each one is, come from the spec's operation index of each release; the page restates nothing.
import { HTTP_METHODS, pointerKeys, RELEASES } from '@pegasus-http/spec';
import { escapeHtml } from './html.mjs';
import { layout } from './layout.mjs';
import { languageIndex, operationAnchor, PAGES, pageFile, referenceFile, relativeHref } from './pages.mjs';

/** The releases compared, oldest first: each release against the one before it, as [base, revision]. */
export const RELEASE_PAIRS = RELEASES.slice(1)
  .map((base, i) => [base, RELEASES[i]])
  .toReversed();

/** The tool's ratings (the semantic-versioning bump a change needs), mildest first. */
const IMPACTS = ['patch', 'minor', 'major'];

/** The words of the page, per language. The tool's own descriptions of the changes stay as it writes them. */
export const CHANGES_TEXT = {
  en: {
    title: 'API changes between releases',
    intro: (version) =>
      `What each release added, removed or changed in each call, release after release. The build computes it with <code>redocly diff &lt;base&gt; &lt;revision&gt; --format json</code> (the experimental diff of Redocly CLI ${escapeHtml(version)}) on the published dereferenced artifacts (<code>*.deref.json</code>), in which every call holds its own copy of the schemas it uses, so that a change to a shared schema shows at every call it reaches. The tool rates each change; a call gets the gravest rating of its changes:`,
    impacts: {
      major: { name: 'Breaking', meaning: 'an existing client may fail: something it could rely on is gone or different' },
      minor: { name: 'Addition', meaning: 'something new; existing clients keep working' },
      patch: { name: 'Compatible', meaning: 'a detail or the documentation; existing clients keep working' },
    },
    changeKinds: { added: 'Added', removed: 'Removed', changed: 'Changed' },
    detailKinds: { added: 'added', removed: 'removed', modified: 'changed' },
    at: 'at',
    columns: ['call', 'change', 'rating', 'what the tool reports'],
    counts: (added, removed, changed) => `Calls: ${added} added, ${removed} removed, ${changed} changed.`,
    none: 'No call changed.',
    compatible: (n) => `${n} compatible ${n === 1 ? 'change' : 'changes'} (details, documentation)`,
    other: (n) => `${n} ${n === 1 ? 'change' : 'changes'} to the rest of the description (its information, tags, servers), not to a call`,
  },
  'zh-CN': {
    title: '版本之间的接口变更',
    intro: (version) =>
      `每个版本相对于上一个版本，在每个调用上新增、删除或修改了什么。构建时用 <code>redocly diff &lt;base&gt; &lt;revision&gt; --format json</code>（Redocly CLI ${escapeHtml(version)} 的实验性 diff）比较发布的完全展开产物（<code>*.deref.json</code>）：其中每个调用都有它所用 schema 的独立副本，所以共享 schema 的变化会出现在它影响的每个调用上。工具为每个变化评级；一个调用取其各项变化中最严重的评级：`,
    impacts: {
      major: { name: '不兼容', meaning: '现有客户端可能出错：它所依赖的东西没有了或不一样了' },
      minor: { name: '新增', meaning: '新的功能；现有客户端不受影响' },
      patch: { name: '兼容', meaning: '细节或文档的变化；现有客户端不受影响' },
    },
    changeKinds: { added: '新增', removed: '删除', changed: '修改' },
    detailKinds: { added: '新增', removed: '删除', modified: '修改' },
    at: '位置：',
    columns: ['调用', '变化', '评级', '工具的报告'],
    counts: (added, removed, changed) => `调用：新增 ${added} 个，删除 ${removed} 个，修改 ${changed} 个。`,
    none: '没有调用发生变化。',
    compatible: (n) => `${n} 处兼容的变化（细节、文档）`,
    other: (n) => `描述其余部分（信息、标签、服务器）的 ${n} 处变化，不涉及任何调用`,
  },
};

const graver = (a, b) => (IMPACTS.indexOf(a) >= IMPACTS.indexOf(b) ? a : b);

/** The operations a change of the report is about, each with what happened to it ('added', 'removed' or 'changed'). */
function operationsOf(change, base, revision) {
  const [root, path, key, ...rest] = pointerKeys(change.path);
  if (root !== 'paths' || path === undefined) return [];
  const whole = change.kind === 'added' || change.kind === 'removed';
  if (key === undefined && whole) {
    const index = change.kind === 'added' ? revision : base;
    return index.atPath(path).map((operation) => ({ operation, change: change.kind }));
  }
  if (!HTTP_METHODS.includes(key)) {
    const operations = revision.atPath(path).length ? revision.atPath(path) : base.atPath(path);
    return operations.map((operation) => ({ operation, change: 'changed' }));
  }
  if (!rest.length && whole) {
    const operation = (change.kind === 'added' ? revision : base).find(key, path);
    return operation ? [{ operation, change: change.kind }] : [];
  }
  const operation = revision.find(key, path) ?? base.find(key, path);
  return operation ? [{ operation, change: 'changed' }] : [];
}

/**
 * The changes of a `redocly diff` JSON report between two releases, by operation: `operations`,
 * each `{ operation, release, change, impact, details }` (`operation` from the index of the release
 * that has it: the revision's, or the base's for a removed one; `details` the report's changes
 * about it), gravest first; and `other`, the changes about no operation.
 */
export function changesByOperation(report, base, revision) {
  const groups = new Map();
  const other = [];
  for (const change of report.changes) {
    const found = operationsOf(change, base, revision);
    if (!found.length) other.push(change);
    for (const { operation, change: what } of found) {
      const key = `${operation.method} ${operation.path}`;
      const release = what === 'removed' ? base.release : revision.release;
      const group = groups.get(key) ?? { operation, release, change: 'changed', impact: 'patch', details: [] };
      if (what !== 'changed') Object.assign(group, { operation, release, change: what });
      group.impact = graver(group.impact, change.impact);
      group.details.push(change);
      groups.set(key, group);
    }
  }
  const operations = [...groups.values()].sort(
    (a, b) => IMPACTS.indexOf(b.impact) - IMPACTS.indexOf(a.impact) || a.operation.path.localeCompare(b.operation.path),
  );
  return { operations, other };
}

/** Inline code of the tool's text (`…`), the rest escaped. */
function withCode(text) {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** A rating, as a labelled mark. */
function impactMark(impact, language) {
  const { name, meaning } = CHANGES_TEXT[language].impacts[impact];
  return `<span class="impact impact-${impact}" title="${escapeHtml(meaning)}">${escapeHtml(name)}</span>`;
}

/** One change as the tool reports it: its messages when its rules gave any, else what changed and where. */
function detailText(change, language) {
  if (change.verdicts?.length) return change.verdicts.map((verdict) => withCode(verdict.message)).join(' ');
  const text = CHANGES_TEXT[language];
  const where = pointerKeys(change.path).slice(3);
  const property = change.property ? ` <code>${escapeHtml(change.property)}</code>` : '';
  const at = where.length ? ` ${text.at} <code>${escapeHtml(where.join(' › '))}</code>` : '';
  return `${escapeHtml(text.detailKinds[change.kind] ?? change.kind)} ${escapeHtml(change.typeName)}${property}${at}`;
}

/** The changes of a call as the tool reports them: the breaking ones and the additions, then the compatible ones (details, documentation) folded away. */
function detailsCell(details, language) {
  const list = (changes) =>
    `<ul>${changes.map((detail) => `<li>${detailText(detail, language)} ${impactMark(detail.impact, language)}</li>`).join('')}</ul>`;
  const gravestFirst = details.toSorted((a, b) => IMPACTS.indexOf(b.impact) - IMPACTS.indexOf(a.impact));
  const shown = gravestFirst.filter((detail) => detail.impact !== 'patch');
  const compatible = gravestFirst.filter((detail) => detail.impact === 'patch');
  const summary = escapeHtml(CHANGES_TEXT[language].compatible(compatible.length));
  return `${shown.length ? list(shown) : ''}${compatible.length ? `<details><summary>${summary}</summary>${list(compatible)}</details>` : ''}`;
}

/** The row of an operation: the call (linked to its reference page), what happened, the rating, the tool's changes. */
function operationRow(group, { role, base, revision }, language, file) {
  const { operation, release, change, impact, details } = group;
  const summary = languageIndex(role, language, release).find(operation.method, operation.path)?.operation.summary;
  const href = `${relativeHref(file, referenceFile(role, language, release))}#${operationAnchor(operation)}`;
  const call = `<a href="${escapeHtml(href)}">${escapeHtml(summary ?? operation.operationId)}</a><br><code>${operation.method} ${escapeHtml(operation.path)}</code>`;
  const data = `data-role="${role}" data-base="${base}" data-revision="${revision}" data-operation="${escapeHtml(operation.operationId)}" data-change="${change}" data-impact="${impact}"`;
  const what = escapeHtml(CHANGES_TEXT[language].changeKinds[change]);
  return `        <tr ${data}><td>${call}</td><td>${what}</td><td>${impactMark(impact, language)}</td><td>${detailsCell(details, language)}</td></tr>`;
}

/** The section of one role in one comparison: counts, the table of its operations, the other changes folded away. */
function roleSection(comparison, language, file) {
  const text = CHANGES_TEXT[language];
  const { role, operations, other } = comparison;
  const count = (what) => operations.filter((group) => group.change === what).length;
  const lines = [`    <h3>${escapeHtml(PAGES[role][language].title)}</h3>`];
  if (!operations.length) lines.push(`    <p>${escapeHtml(text.none)}</p>`);
  else {
    lines.push(
      `    <p>${escapeHtml(text.counts(count('added'), count('removed'), count('changed')))}</p>`,
      `    <div class="scroll"><table class="changes">`,
      `      <thead><tr>${text.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>`,
      `      <tbody>\n${operations.map((group) => operationRow(group, comparison, language, file)).join('\n')}\n      </tbody>`,
      '    </table></div>',
    );
  }
  if (other.length) {
    const items = other.map(
      (change) =>
        `<li><code>${escapeHtml(change.path)}</code>: ${detailText(change, language)} ${impactMark(change.impact, language)}</li>`,
    );
    lines.push(`    <details><summary>${escapeHtml(text.other(other.length))}</summary><ul>${items.join('')}</ul></details>`);
  }
  return lines.join('\n');
}

/**
 * The changes page of a language. `comparisons` holds, per pair of RELEASE_PAIRS and role,
 * `{ base, revision, role, operations, other }` (`changesByOperation` of the tool's report);
 * `redoclyVersion` is the version of the Redocly CLI whose diff made them.
 */
export function changesPage(language, { comparisons, redoclyVersion }) {
  const text = CHANGES_TEXT[language];
  const file = pageFile(language, 'changes.html');
  const legend = IMPACTS.toReversed().map(
    (impact) => `      <li>${impactMark(impact, language)} ${escapeHtml(text.impacts[impact].meaning)}</li>`,
  );
  const sections = RELEASE_PAIRS.map(([base, revision]) => {
    const roles = comparisons.filter((c) => c.base === base && c.revision === revision);
    return [`    <h2 id="${base}-${revision}">${base} → ${revision}</h2>`, ...roles.map((c) => roleSection(c, language, file))].join('\n');
  });
  const body = `    <h1>${escapeHtml(text.title)}</h1>
    <p>${text.intro(redoclyVersion)}</p>
    <ul>
${legend.join('\n')}
    </ul>
${sections.join('\n')}`;
  return layout({ language, file, title: text.title, body });
}
