// Builds the reference website into dist/, in English (at the root) and Chinese (in zh-CN/):
//   index.html                        landing page: both roles, the artifacts, the mock
//   meta-server.html, replica-server.html  a Redoc page per role, the Redoc bundle inlined
//   wire.html                         what a client author must know of the wire (content/wire.en.md)
//   metrics.html                      the metric catalogue, searchable
//   zh-CN/…                           the same pages in Chinese
//   artifacts/                        the published artifacts of @pegasus-http/spec, to download
// Nothing on any page is fetched from another host: the site works with no network at all.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactPath, operationIndex, ROLES } from '@pegasus-http/spec';
import { renderMarkdown } from '../src/markdown.mjs';
import { docsView, LANGUAGES, loadLanguageDocument, PAGES, pageFile, relativeHref } from '../src/pages.mjs';
import { localizeRedoc } from '../src/redoc-labels.mjs';
import { LANGUAGE_STORAGE_KEY, landingPage, metricsPage, navigation, SITE_TEXT, wirePage } from '../src/site.mjs';

const require = createRequire(import.meta.url);
const REDOCLY = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
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

function run(args) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [REDOCLY, ...args],
      { cwd: APP, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`redocly ${args[0]} failed:\n${stdout}${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

async function buildReference(work, role, language) {
  const page = PAGES[role];
  const file = pageFile(language, page.file);
  const input = join(work, `${role}.${language}.json`);
  const catalogueHref = relativeHref(file, pageFile(language, 'metrics.html'));
  await writeFile(input, JSON.stringify(docsView(loadLanguageDocument(role, language), { role, language, catalogueHref })));
  const nav = navigation(language, file);
  const [meta, replica] = nav.roles;
  const output = join(DIST, file);
  await run([
    'build-docs',
    input,
    '--output',
    output,
    '--template',
    TEMPLATE,
    '--inlineBundle',
    '--title',
    page[language].title,
    '--templateOptions.lang',
    language,
    '--templateOptions.description',
    page[language].description,
    '--templateOptions.homeHref',
    nav.home.href,
    '--templateOptions.homeLabel',
    SITE_TEXT[language].siteTitle,
    '--templateOptions.metaHref',
    meta.href,
    '--templateOptions.metaLabel',
    meta.label,
    '--templateOptions.replicaHref',
    replica.href,
    '--templateOptions.replicaLabel',
    replica.label,
    '--templateOptions.wireHref',
    nav.wire.href,
    '--templateOptions.wireLabel',
    nav.wire.label,
    '--templateOptions.metricsHref',
    nav.metrics.href,
    '--templateOptions.metricsLabel',
    nav.metrics.label,
    '--templateOptions.switchHref',
    nav.switch.href,
    '--templateOptions.switchLabel',
    nav.switch.label,
    '--templateOptions.switchTitle',
    nav.switch.title,
    '--templateOptions.switchLanguage',
    nav.switch.language,
    '--templateOptions.storageKey',
    LANGUAGE_STORAGE_KEY,
    ...Object.entries(REDOC_OPTIONS).map(([key, value]) => `--openapi.${key}=${value}`),
  ]);
  const html = await readFile(output, 'utf8');
  if (!html.includes('https://cdn.redoc.ly/redoc/logo-mini'))
    throw new Error(`${file}: the Redocly logo URL to replace was not found; check the page for remote requests`);
  await writeFile(output, localizeRedoc(html.replace(REMOTE_LOGOS, INLINE_LOGO), language, file));
}

async function copyArtifacts() {
  await mkdir(join(DIST, 'artifacts'), { recursive: true });
  await Promise.all(
    ROLES.flatMap((role) => ARTIFACT_KINDS.map((kind) => copyFile(artifactPath(role, kind), join(DIST, 'artifacts', `${role}.${kind}`)))),
  );
  return readdir(join(DIST, 'artifacts'));
}

async function buildSitePages() {
  const artifacts = await copyArtifacts();
  const counts = Object.fromEntries(ROLES.map((role) => [role, operationIndex(role).operations.length]));
  await Promise.all(
    LANGUAGES.map(async (language) => {
      const write = (name, html) => writeFile(join(DIST, pageFile(language, name)), html);
      const catalogue = loadLanguageDocument('meta-server', language).components.schemas.KnownMetricName['x-pegasus-catalogue'];
      const wire = renderMarkdown(await readFile(join(CONTENT, `wire.${language}.md`), 'utf8'));
      await Promise.all([
        write('index.html', landingPage(language, { counts, artifacts })),
        write('wire.html', wirePage(language, wire)),
        write('metrics.html', metricsPage(language, catalogue)),
      ]);
    }),
  );
}

const work = await mkdtemp(join(tmpdir(), 'pegasus-docs-'));
try {
  await rm(DIST, { recursive: true, force: true });
  await Promise.all(LANGUAGES.map((language) => mkdir(join(DIST, pageFile(language, '')), { recursive: true })));
  await Promise.all([...ROLES.flatMap((role) => LANGUAGES.map((language) => buildReference(work, role, language))), buildSitePages()]);
  console.log(`Built the reference site in ${DIST}`);
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
