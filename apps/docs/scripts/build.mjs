// Builds the reference website into dist/: a Redoc page per role, with the Redoc bundle inlined so
// that the site works with no network at all, and a landing page linking them.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDocument, ROLES } from '@pegasus-http/spec';
import { docsView, PAGES } from '../src/pages.mjs';

const require = createRequire(import.meta.url);
const REDOCLY = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const APP = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(APP, 'dist');
const TEMPLATE = join(APP, 'templates', 'reference.hbs');

// Redoc options (https://redocly.com/docs/redoc/config): what the pages show and how.
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

function run(args) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [REDOCLY, ...args], { cwd: APP, env: { ...process.env, REDOCLY_TELEMETRY: 'off' } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`redocly ${args[0]} failed:\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

async function buildReference(work, role) {
  const page = PAGES[role];
  const input = join(work, `${role}.json`);
  await writeFile(input, JSON.stringify(docsView(loadDocument(role))));
  const other = PAGES[ROLES.find((r) => r !== role)];
  await run([
    'build-docs', input,
    '--output', join(DIST, page.file),
    '--template', TEMPLATE,
    '--inlineBundle',
    '--title', page.title,
    '--templateOptions.lang', 'en',
    '--templateOptions.description', page.description,
    '--templateOptions.homeLabel', 'Pegasus HTTP API reference',
    '--templateOptions.otherLabel', 'See also:',
    '--templateOptions.otherHref', other.file,
    '--templateOptions.otherTitle', other.title,
    ...Object.entries(REDOC_OPTIONS).map(([key, value]) => `--openapi.${key}=${value}`),
  ]);
  const output = join(DIST, page.file);
  const html = await readFile(output, 'utf8');
  if (!html.includes('https://cdn.redoc.ly/redoc/logo-mini')) throw new Error(`${page.file}: the Redocly logo URL to replace was not found; check the page for remote requests`);
  await writeFile(output, html.replace(REMOTE_LOGOS, INLINE_LOGO));
}

function landingPage() {
  const cards = ROLES.map((role) => {
    const page = PAGES[role];
    const document = loadDocument(role);
    const count = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).filter((k) => k !== 'parameters').length, 0);
    return `    <li><a href="${page.file}">${page.title}</a>: ${page.description} (${count} operations)</li>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Apache Pegasus HTTP API reference</title>
  <style>
    body { font: 16px/1.5 sans-serif; max-width: 46em; margin: 3em auto; padding: 0 1em; color: #263238; }
    code { background: #eceff1; padding: 0 0.25em; }
  </style>
</head>
<body>
  <h1>Apache Pegasus HTTP API reference</h1>
  <p>The HTTP admin API of Pegasus's two server roles, described from the server's source.</p>
  <ul>
${cards.join('\n')}
  </ul>
  <p>Every body is sent as <code>Content-Type: text/plain</code>, JSON included; there is no
  authentication. Each page states, per call, how the server really answers.</p>
</body>
</html>
`;
}

const work = await mkdtemp(join(tmpdir(), 'pegasus-docs-'));
try {
  await rm(DIST, { recursive: true, force: true });
  await mkdir(DIST, { recursive: true });
  await Promise.all(ROLES.map((role) => buildReference(work, role)));
  await writeFile(join(DIST, 'index.html'), landingPage());
  console.log(`Built the reference site in ${DIST}`);
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
