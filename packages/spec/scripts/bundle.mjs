// Bundles each role's description into the published artifacts in dist/:
//   <role>.openapi.json, <role>.openapi.yaml  bundled (one file, internal $refs)
//   <role>.deref.json                         fully dereferenced, for tools that cannot follow $refs
// and, per translation in openapi/overlays/ (<lang>.yaml, OpenAPI Overlay 1.0), the same three with
// its text: <role>.openapi.<lang>.json, <role>.openapi.<lang>.yaml, <role>.deref.<lang>.json.
// A translation is applied to the English bundle (`redocly bundle --overlay`), so that its targets
// are paths in the published artifact and the English text is complete when it is replaced (the
// wire-behaviour text the source's decorator appends to info.description included). The
// dereferenced forms are made here from the bundles (scripts/dereference.mjs), which gives what
// `redocly bundle --dereferenced --remove-unused-components` gives, without two more CLI runs.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { dereference } from './dereference.mjs';
import { CONFIG, OPENAPI_DIR, ROLES, redocly } from './redocly.mjs';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const LANGUAGES = ['zh-CN'];

const yaml = (document) => YAML.stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
const json = (document) => `${JSON.stringify(document, null, 2)}\n`;

async function bundleAll() {
  const out = await mkdtemp(join(tmpdir(), 'pegasus-spec-'));
  try {
    await redocly([
      'bundle', ...ROLES.map((role) => join(OPENAPI_DIR, `${role}.yaml`)),
      '--config', CONFIG, '--output', out, '--ext', 'json',
      '--component-renaming-conflicts-severity', 'error',
    ]);
    return Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, JSON.parse(await readFile(join(out, `${role}.json`), 'utf8'))])));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

// The English bundles (JSON files in `englishDir`) with a translation overlay applied. Run in an
// empty folder, so that no configuration (and no decorator) applies: the input is already bundled.
async function translateAll(englishDir, language) {
  const out = await mkdtemp(join(tmpdir(), 'pegasus-spec-'));
  try {
    await redocly([
      'bundle', ...ROLES.map((role) => join(englishDir, `${role}.openapi.json`)),
      '--overlay', join(OPENAPI_DIR, 'overlays', `${language}.yaml`), '--output', out, '--ext', 'json',
    ], { cwd: out });
    return Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, JSON.parse(await readFile(join(out, `${role}.openapi.json`), 'utf8'))])));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const work = await mkdtemp(join(tmpdir(), 'pegasus-spec-'));
try {
  const artifacts = new Map();
  const add = (role, suffix, document) => {
    artifacts.set(`${role}.openapi${suffix}.json`, json(document));
    artifacts.set(`${role}.openapi${suffix}.yaml`, yaml(document));
    artifacts.set(`${role}.deref${suffix}.json`, json(dereference(document)));
  };
  const english = await bundleAll();
  for (const role of ROLES) {
    add(role, '', english[role]);
    await writeFile(join(work, `${role}.openapi.json`), artifacts.get(`${role}.openapi.json`));
  }
  for (const translated of await Promise.all(LANGUAGES.map(async (language) => [language, await translateAll(work, language)]))) {
    const [language, documents] = translated;
    for (const role of ROLES) add(role, `.${language}`, documents[role]);
  }
  // Replace the artifacts only: dist/lib (the library, built by tsc meanwhile) stays.
  await mkdir(DIST, { recursive: true });
  for (const file of await readdir(DIST)) if (/\.(json|yaml)$/.test(file)) await rm(join(DIST, file));
  await Promise.all([...artifacts].map(([name, text]) => writeFile(join(DIST, name), text)));
  console.log(`Wrote ${artifacts.size} artifacts to ${DIST}`);
} catch (error) {
  console.error(error.output ?? error.message);
  process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
