// Builds the reference website into dist/, in English (at the root) and Chinese (in zh-CN/):
//   index.html                        landing page: both roles, the releases, the artifacts, the mock
//   meta-server.html, replica-server.html  a Redoc page per role (master), the Redoc bundle inlined
//   v2.5.0/…, v2.4.0/…                the same Redoc pages for each supported release
//   changes.html                      the API changes between releases (redocly diff)
//   wire.html                         what a client author must know of the wire (content/wire.en.md)
//   generate.html                     generating a client: the artifacts, the generator matrix
//   metrics.html                      the metric catalogue, searchable
//   zh-CN/…                           the same pages in Chinese
//   artifacts/                        the published artifacts of @pegasus-http/spec, to download
//   favicon.ico                       the site's icon (every page also has it inline)
// Nothing on any page is fetched from another host: the site works with no network at all.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactPath, loadDocument, operationIndex, RELEASES, ROLES } from '@pegasus-http/spec';
import { changesByOperation, changesPage, RELEASE_PAIRS } from '../src/changes.mjs';
import { FAVICON_ICO } from '../src/favicon.mjs';
import { generatePage, loadMatrix, publishedArtifacts } from '../src/generators.mjs';
import { barHtml, frameHead, navigation } from '../src/layout.mjs';
import { renderMarkdown } from '../src/markdown.mjs';
import { artifactFile, docsView, LANGUAGES, loadLanguageDocument, PAGES, pageFile, referenceFile, relativeHref } from '../src/pages.mjs';
import { localizeRedoc } from '../src/redoc-labels.mjs';
import { landingPage, metricsPage, wirePage } from '../src/site.mjs';

const require = createRequire(import.meta.url);
const REDOCLY_PACKAGE = require.resolve('@redocly/cli/package.json');
const REDOCLY = join(dirname(REDOCLY_PACKAGE), 'bin', 'cli.js');
/** The version of Redocly CLI, whose diff the changes page names. */
const REDOCLY_VERSION = require(REDOCLY_PACKAGE).version;
const APP = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(APP, 'dist');
const TEMPLATE = join(APP, 'templates', 'reference.hbs');
const CONTENT = join(APP, 'content');

// Redoc options (https://redocly.com/docs/redoc/config): what the pages show and how. Redoc 3.0.1,
// which build-docs inlines, has no option for its UI labels (the `labels` of Redoc 2): the build
// puts them in the page's language itself (src/redoc-labels.mjs).
const REDOC_OPTIONS = {
  expandResponses: '200',
  jsonSamplesExpandLevel: 3,
  pathInMiddlePanel: true,
  requiredPropsFirst: true,
  sortPropsAlphabetically: false,
  hideHostname: false,
  showExtensions: false,
};

// The only remote request an inlined Redoc page makes is for the Redocly logo in its "API docs by"
// badge; the page gets an inline picture of the same attribution instead.
const REMOTE_LOGOS = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const INLINE_LOGO = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="52" height="16" viewBox="0 0 52 16"><text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="bold" fill="#d2423d">Redoc</text></svg>',
).toString('base64')}`;

const ARTIFACT_KINDS = [
  'openapi.json',
  'openapi.yaml',
  'deref.json',
  ...LANGUAGES.filter((l) => l !== 'en').flatMap((l) => [`openapi.${l}.json`, `openapi.${l}.yaml`, `deref.${l}.json`]),
];

/** Runs at most `limit` of the tasks given to it at once, in the order given. */
function pool(limit) {
  let running = 0;
  const waiting = [];
  const next = () => {
    if (running >= limit || !waiting.length) return;
    running += 1;
    const { task, resolve, reject } = waiting.shift();
    task()
      .then(resolve, reject)
      .finally(() => {
        running -= 1;
        next();
      });
  };
  return (task) =>
    new Promise((resolve, reject) => {
      waiting.push({ task, resolve, reject });
      next();
    });
}

// Each redocly process keeps a core busy for seconds: as many at once as there are cores (plus one,
// to cover the moments each spends starting and writing), the others wait their turn.
const inTurn = pool(availableParallelism() + 1);

function run(args) {
  return inTurn(
    () =>
      new Promise((resolve, reject) => {
        execFile(
          process.execPath,
          [REDOCLY, ...args],
          { cwd: APP, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
          (error, stdout, stderr) => {
            if (error) reject(new Error(`redocly ${args[0]} failed:\n${stdout}${stderr}`));
            else resolve(stdout);
          },
        );
      }),
  );
}

/** The Redoc page of a role in a language and release, from that release's artifact seen through the docs view. */
async function buildReference(work, role, language, release) {
  const page = PAGES[role][language];
  const file = referenceFile(role, language, release);
  const input = join(work, `${release}.${role}.${language}.json`);
  const catalogueHref = relativeHref(file, pageFile(language, 'metrics.html'));
  const view = docsView(loadLanguageDocument(role, language, release), { role, language, release, catalogueHref });
  await writeFile(input, JSON.stringify(view));
  const output = join(DIST, file);
  await mkdir(dirname(output), { recursive: true });
  await run([
    'build-docs',
    input,
    '--output',
    output,
    '--template',
    TEMPLATE,
    '--inlineBundle',
    '--title',
    release === 'master' ? page.title : `${page.title} (${release})`,
    '--templateOptions.lang',
    language,
    '--templateOptions.description',
    page.description,
    '--templateOptions.head',
    frameHead(),
    '--templateOptions.bar',
    barHtml(navigation(language, file, { role, release }), language),
    ...Object.entries(REDOC_OPTIONS).map(([key, value]) => `--openapi.${key}=${value}`),
  ]);
  const html = await readFile(output, 'utf8');
  if (!html.includes('https://cdn.redoc.ly/redoc/logo-mini'))
    throw new Error(`${file}: the Redocly logo URL to replace was not found; check the page for remote requests`);
  await writeFile(output, localizeRedoc(html.replace(REMOTE_LOGOS, INLINE_LOGO), language, file));
}

/**
 * Copies every release's artifacts where the landing and generate pages link them (the kinds of
 * ARTIFACT_KINDS, and whatever else the spec publishes: the OpenAPI 3.0 forms); the paths copied,
 * as the site names them.
 */
async function copyArtifacts(published) {
  const copies = [
    ...RELEASES.flatMap((release) =>
      ROLES.flatMap((role) => ARTIFACT_KINDS.map((kind) => [artifactPath(role, kind, release), artifactFile(release, `${role}.${kind}`)])),
    ),
    ...published.filter(({ kind }) => !ARTIFACT_KINDS.includes(kind)).map(({ path, release, name }) => [path, artifactFile(release, name)]),
  ];
  await Promise.all(RELEASES.map((release) => mkdir(join(DIST, artifactFile(release, '')), { recursive: true })));
  await Promise.all(copies.map(([from, to]) => copyFile(from, join(DIST, to))));
  return (await readdir(join(DIST, 'artifacts'), { recursive: true })).map((path) => `artifacts/${path.split('\\').join('/')}`);
}

async function buildSitePages() {
  const published = publishedArtifacts(RELEASES);
  const artifacts = await copyArtifacts(published);
  const matrix = loadMatrix();
  const releases = RELEASES.map((release) => ({
    release,
    version: loadDocument('meta-server', 'openapi.json', release).info.version,
    counts: Object.fromEntries(ROLES.map((role) => [role, operationIndex(role, release).operations.length])),
  }));
  await writeFile(join(DIST, 'favicon.ico'), FAVICON_ICO);
  await Promise.all(
    LANGUAGES.map(async (language) => {
      const write = (name, html) => writeFile(join(DIST, pageFile(language, name)), html);
      const catalogue = loadLanguageDocument('meta-server', language).components.schemas.KnownMetricName['x-pegasus-catalogue'];
      const wire = renderMarkdown(await readFile(join(CONTENT, `wire.${language}.md`), 'utf8'));
      await Promise.all([
        write('index.html', landingPage(language, { releases, artifacts })),
        write('wire.html', wirePage(language, wire)),
        write('generate.html', generatePage(language, { releases, artifacts: published, matrix })),
        write('metrics.html', metricsPage(language, catalogue)),
      ]);
    }),
  );
}

/** The JSON report of `redocly diff` between the dereferenced artifacts of a role in two releases. */
async function diffReport(work, role, base, revision) {
  const output = join(work, `diff.${role}.${base}.${revision}.json`);
  const [from, to] = [base, revision].map((release) => artifactPath(role, 'deref.json', release));
  await run(['diff', from, to, '--format', 'json', '--fail-on', 'none', '--output', output]);
  return JSON.parse(await readFile(output, 'utf8'));
}

/** The changes page, in both languages, from the reports of each role between consecutive releases. */
async function buildChangesPages(work) {
  const comparisons = await Promise.all(
    RELEASE_PAIRS.flatMap(([base, revision]) =>
      ROLES.map(async (role) => {
        const report = await diffReport(work, role, base, revision);
        return { base, revision, role, ...changesByOperation(report, operationIndex(role, base), operationIndex(role, revision)) };
      }),
    ),
  );
  await Promise.all(
    LANGUAGES.map((language) =>
      writeFile(join(DIST, pageFile(language, 'changes.html')), changesPage(language, { comparisons, redoclyVersion: REDOCLY_VERSION })),
    ),
  );
}

const work = await mkdtemp(join(tmpdir(), 'pegasus-docs-'));
try {
  await rm(DIST, { recursive: true, force: true });
  await Promise.all(LANGUAGES.map((language) => mkdir(join(DIST, pageFile(language, '')), { recursive: true })));
  const references = RELEASES.flatMap((release) =>
    ROLES.flatMap((role) => LANGUAGES.map((language) => buildReference(work, role, language, release))),
  );
  await Promise.all([...references, buildChangesPages(work), buildSitePages()]);
  console.log(`Built the reference site in ${DIST}`);
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
