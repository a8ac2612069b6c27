// The reference site in headless Chromium: time to rendered operations of each page of
// apps/docs/dist, measured by the docs app's own page benchmark (apps/docs/bench/pages.mjs), against
// a trivial page measured the same way; on a missed goal, one load traced to see where time goes.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatMs, formatNumber, median, progress, ROOT } from './lib.mjs';
import { row } from './report.mjs';

const GOAL_MS = 800;
const SITE = join(ROOT, 'apps', 'docs', 'dist');
const PAGES_BENCH = join(ROOT, 'apps', 'docs', 'bench', 'pages.mjs');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// What the traced load waits for: an operation section of a Redoc page, or another page's content.
const RENDERED = '[data-section-id^="/"]:not([data-section-id="/"]), main h1, main h2';
export const title = 'Reference site';

export function how({ runs }) {
  return `Measured by the docs app's own page benchmark, \`benchPages({ siteDir: 'apps/docs/dist', runs: ${runs} })\` of \`apps/docs/bench/pages.mjs\`: headless Debian Chromium (\`${CHROMIUM}\`, launched by \`apps/docs/test/browser.mjs\`, every request off 127.0.0.1 blocked) loads every HTML page of the built site, served by \`apps/docs/src/serve.mjs\`, ${runs} times, each in a fresh browser context (empty cache); a script installed before the page loads notes \`performance.now()\` (milliseconds since navigation start) when the first operation section (\`[data-section-id]\` of an operation) is in the document, or on a page that is not a Redoc reference its main heading; the figure is the median. The baseline is a trivial HTML page holding one operation section, measured by the same function: what the browser, the server and the measure cost by themselves. When a page misses the goal, one more load of it is traced (a Chromium trace of its timeline, Blink, loading and V8 events) and its renderer's main-thread time from navigation start to the rendered operation is split by activity.`;
}

/** A site of one trivial page with one operation section, for the baseline. */
function baselineSite() {
  const directory = mkdtempSync(join(tmpdir(), 'pegasus-bench-docs-'));
  writeFileSync(
    join(directory, 'baseline.html'),
    '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Baseline</title></head>\n<body><div data-section-id="/bench/operation"><h2>GET /version</h2><p>The server\'s version.</p></div></body>\n</html>\n',
  );
  return directory;
}

const ACTIVITIES = [
  ['compiling scripts', /compile|V8\.(Compile|Parse)/i],
  ['running scripts', /^(v8\.(evaluateModule|run|execute|callFunction)|FunctionCall|EvaluateScript|RunMicrotasks|TimerFire|EventDispatch|V8\.(Execute|Bytecode|StackGuard|HandleInterrupts|Invoke))/],
  ['garbage collection', /GC/],
  // (Not "Receive mojo message": a wrapper whose self time is whatever inside it the trace leaves unnamed.)
  ['receiving and decoding the page\'s bytes', /TextResourceDecoder|DocumentLoader|NavigationBodyLoader|ResponseBodyLoader|BodyData|ResourceReceive|ResourceFinish/i],
  ['parsing HTML', /^(ParseHTML|HTMLDocumentParser|HTMLPreloadScanner|HTMLTokenizer)/],
  ['style and layout', /^(UpdateLayoutTree|Layout|RecalculateStyles|ScheduleStyleRecalculation|HitTest)$|recalcStyle|performLayout|Shape|CSSParser|FontData|StyleEngine|LayoutView/],
  ['painting', /^(Paint|PrePaint|Commit|Layerize|CompositeLayers|UpdateLayer|PaintImage|Decode)/],
];

/** Main-thread time of one page load, split by activity, from a Chromium trace. */
export async function traceLoad(url) {
  const { launchChromium, loopbackOnlyPage } = await import(pathToFileURL(join(ROOT, 'apps', 'docs', 'test', 'browser.mjs')).href);
  const browser = await launchChromium();
  try {
    const { page, close } = await loopbackOnlyPage(browser);
    // As the page benchmark does: note when the content is first in the document, from navigation start.
    await page.addInitScript((wanted) => {
      const check = () => {
        if (window.__renderedAt === undefined && document.querySelector(wanted)) window.__renderedAt = performance.now();
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true });
    }, RENDERED);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'blink', 'loading', 'mojom', 'v8', 'v8.execute', 'disabled-by-default-v8.compile'] });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__renderedAt !== undefined, undefined, { timeout: 60_000, polling: 50 });
    const wall = await page.evaluate(() => window.__renderedAt);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    await close();
    const events = trace.traceEvents ?? trace;
    const pagePath = new URL(url).pathname;
    // Only what happened from navigation start until the content was there counts.
    const navigation = events.find((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').includes(pagePath));
    const cutoff = navigation ? navigation.ts + wall * 1000 : Infinity;
    // The renderer main thread that loaded the page (Chromium may have started another renderer).
    const renderers = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const loading = new Set(events.filter((e) => renderers.has(`${e.pid}:${e.tid}`) && String(e.args?.beginData?.url ?? e.args?.data?.url ?? '').includes(pagePath)).map((e) => `${e.pid}:${e.tid}`));
    const mainThreads = loading.size ? loading : renderers;
    const spans = events
      .filter((e) => e.ph === 'X' && e.dur !== undefined && mainThreads.has(`${e.pid}:${e.tid}`) && e.ts < cutoff && (!navigation || e.ts + e.dur > navigation.ts))
      .map((e) => ({ name: e.name, pid: e.pid, tid: e.tid, ts: Math.max(e.ts, navigation?.ts ?? e.ts), end: Math.min(e.ts + e.dur, cutoff) }))
      .map((e) => ({ ...e, dur: e.end - e.ts }))
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // Self time of each event: its duration less that of the events nested in it.
    const stacks = new Map();
    for (const span of spans) {
      const key = `${span.pid}:${span.tid}`;
      const stack = stacks.get(key) ?? [];
      stacks.set(key, stack);
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= span.ts) stack.pop();
      if (stack.length) stack.at(-1).nested = (stack.at(-1).nested ?? 0) + span.dur;
      stack.push(span);
    }
    const byActivity = new Map();
    for (const span of spans) {
      const self = span.dur - (span.nested ?? 0);
      const activity = ACTIVITIES.find(([, pattern]) => pattern.test(span.name))?.[0] ?? 'tasks the trace does not name further';
      byActivity.set(activity, (byActivity.get(activity) ?? 0) + self / 1000);
    }
    const longest = spans
      .filter((span) => span.name === 'RunTask')
      .sort((a, b) => b.dur - a.dur)
      .slice(0, 3)
      .map((span) => formatMs(span.dur / 1000));
    return { wall, byActivity: [...byActivity].sort((a, b) => b[1] - a[1]), longest, fromNavigation: Boolean(navigation) };
  } finally {
    await browser.close();
  }
}

export async function run({ quick = false } = {}) {
  const runs = quick ? 2 : 5;
  const goal = `≤ ${formatMs(GOAL_MS)}`;
  if (!existsSync(CHROMIUM)) return { rows: [row({ figure: 'docs: time to rendered operations', goal, skipped: 'skipped: Chromium not installed' })], details: [], how: how({ runs }) };
  if (!existsSync(PAGES_BENCH)) return { rows: [row({ figure: 'docs: time to rendered operations', goal, skipped: 'skipped: apps/docs/bench/pages.mjs not found' })], details: [], how: how({ runs }) };
  const { benchPages } = await import(pathToFileURL(PAGES_BENCH).href);
  progress(`docs: every page of apps/docs/dist, ${runs} loads each, with apps/docs/bench/pages.mjs`);
  const pages = await benchPages({ siteDir: SITE, runs });
  if (!pages.length) throw new Error('no page found in apps/docs/dist');
  progress('docs: the baseline, a trivial page');
  const baselineDir = baselineSite();
  let baseline;
  try {
    [baseline] = await benchPages({ siteDir: baselineDir, runs });
  } finally {
    rmSync(baselineDir, { recursive: true, force: true });
  }
  const rows = [];
  const details = [];
  for (const page of pages) {
    const entry = row({
      figure: `docs: time to rendered operations, \`${page.page}\``,
      measured: page.msToRenderedOperations,
      baseline: baseline.msToRenderedOperations,
      unit: 'ms',
      goal,
      met: page.msToRenderedOperations <= GOAL_MS,
      baselineLabel: 'trivial page',
    });
    const weight = `${formatNumber(page.bytes / 1024)} KiB of HTML (${formatNumber(page.gzipBytes / 1024)} KiB gzipped)`;
    details.push(`\`${page.page}\`: ${weight}, ${formatMs(page.msToRenderedOperations)}.`);
    if (!entry.met) {
      progress(`docs: tracing one load of ${page.page}`);
      const { serveDirectory } = await import(pathToFileURL(join(ROOT, 'apps', 'docs', 'src', 'serve.mjs')).href);
      const site = await serveDirectory(SITE);
      try {
        const trace = await traceLoad(`${site.url}/${page.page}`);
        const split = trace.byActivity.filter(([, ms]) => ms >= 1).map(([activity, ms]) => `${activity} ${formatMs(ms)}`).join(', ');
        entry.why = `the page is ${weight}. In one more load, traced (${formatMs(trace.wall)} from navigation start to the rendered operation, slowed by the tracing), the renderer's main thread spent ${trace.fromNavigation ? 'that time' : 'its time'} on: ${split}; its longest tasks took ${trace.longest.join(', ')}.`;
      } catch (error) {
        entry.why = `the page is ${weight} (tracing a load failed: ${error.message.split('\n')[0]}).`;
      } finally {
        await site.close();
      }
    }
    rows.push(entry);
  }
  details.push(`trivial page: ${formatMs(baseline.msToRenderedOperations)}; median of the site's pages: ${formatMs(median(pages.map((page) => page.msToRenderedOperations)))}.`);
  return { rows, details, how: how({ runs }) };
}
