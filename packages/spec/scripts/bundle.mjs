// Bundles each role's description into the published artifacts in dist/ (master) and in
// dist/<release>/ (each release of openapi/releases/, master with its overlays applied):
//   <role>.openapi.json, <role>.openapi.yaml          bundled (one file, internal $refs)
//   <role>.deref.json                                 fully dereferenced, for tools that cannot follow $refs
//   <role>.openapi-3.0.json, <role>.openapi-3.0.yaml  the bundle's OpenAPI 3.0 form, for the tools that
//                                                     read 3.0 best (scripts/openapi-3.0.mjs)
// and, per translation in openapi/overlays/ (<lang>.yaml, OpenAPI Overlay 1.0), the three 3.1 files
// with its text: <role>.openapi.<lang>.json, <role>.openapi.<lang>.yaml, <role>.deref.<lang>.json.
// A translation is applied to the English bundle, so that its targets are paths in the published
// artifact and the English text is complete when it is replaced (the wire-behaviour text the
// source's decorator appends to info.description included). All of it in process, with
// @redocly/openapi-core (scripts/redocly.mjs).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { toOpenApi30 } from './openapi-3.0.mjs';
import { applyOverlay, bundleRoles, dereference, OPENAPI_DIR, ROLES, releases } from './redocly.mjs';

// `--out DIR` writes elsewhere than dist/ (to look at a change without touching the published files).
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const DIST = values.out ?? fileURLToPath(new URL('../dist/', import.meta.url));
const LANGUAGES = ['zh-CN'];

const yaml = (document) => YAML.stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
const json = (document) => `${JSON.stringify(document, null, 2)}\n`;

/** The three files of one document: bundled JSON and YAML, and dereferenced JSON. */
async function filesOf(role, suffix, document) {
  return [
    [`${role}.openapi${suffix}.json`, json(document)],
    [`${role}.openapi${suffix}.yaml`, yaml(document)],
    [`${role}.deref${suffix}.json`, json(await dereference(document, `${role}.openapi${suffix}.json`))],
  ];
}

/** The two files of the OpenAPI 3.0 form of a role's English bundle. */
function openApi30FilesOf(role, document) {
  const converted = toOpenApi30(document, `${role}.openapi.json`);
  return [
    [`${role}.openapi-3.0.json`, json(converted)],
    [`${role}.openapi-3.0.yaml`, yaml(converted)],
  ];
}

/** Every artifact of a release: the file name under dist/ and its text. */
async function artifactsOf(release) {
  const folder = release === 'master' ? '' : `${release}/`;
  const english = await bundleRoles(release);
  const files = [];
  for (const role of ROLES) {
    files.push(...(await filesOf(role, '', english[role])), ...openApi30FilesOf(role, english[role]));
    for (const language of LANGUAGES) {
      const translated = await applyOverlay(english[role], join(OPENAPI_DIR, 'overlays', `${language}.yaml`), `${role}.openapi.json`);
      files.push(...(await filesOf(role, `.${language}`, translated)));
    }
  }
  return files.map(([name, text]) => [`${folder}${name}`, text]);
}

async function writeRelease(release, files) {
  const folder = release === 'master' ? DIST : join(DIST, release);
  // Replace the artifacts only: dist/lib (the library, built by tsc meanwhile) stays.
  await mkdir(folder, { recursive: true });
  for (const file of await readdir(folder)) if (/\.(json|yaml)$/.test(file)) await rm(join(folder, file));
  await Promise.all(files.map(([name, text]) => writeFile(join(DIST, name), text)));
}

try {
  let count = 0;
  for (const release of ['master', ...releases()]) {
    const files = await artifactsOf(release);
    await writeRelease(release, files);
    count += files.length;
  }
  console.log(`Wrote ${count} artifacts to ${DIST} (master, ${releases().join(', ')})`);
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
