// Bundles each role's description into the published artifacts in dist/:
//   <role>.openapi.json, <role>.openapi.yaml  bundled (one file, internal $refs)
//   <role>.deref.json                         fully dereferenced, for tools that cannot follow $refs
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { CONFIG, OPENAPI_DIR, ROLES, redocly } from './redocly.mjs';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

async function bundleAll(extraArgs) {
  const out = await mkdtemp(join(tmpdir(), 'pegasus-spec-'));
  try {
    await redocly([
      'bundle', ...ROLES.map((role) => join(OPENAPI_DIR, `${role}.yaml`)),
      '--config', CONFIG, '--output', out, '--ext', 'json',
      '--component-renaming-conflicts-severity', 'error', ...extraArgs,
    ]);
    return Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, JSON.parse(await readFile(join(out, `${role}.json`), 'utf8'))])));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

try {
  const [bundled, dereferenced] = await Promise.all([bundleAll([]), bundleAll(['--dereferenced', '--remove-unused-components'])]);
  await rm(DIST, { recursive: true, force: true });
  await mkdir(DIST, { recursive: true });
  for (const role of ROLES) {
    await writeFile(join(DIST, `${role}.openapi.json`), `${JSON.stringify(bundled[role], null, 2)}\n`);
    await writeFile(join(DIST, `${role}.openapi.yaml`), YAML.stringify(bundled[role], { lineWidth: 0, aliasDuplicateObjects: false }));
    await writeFile(join(DIST, `${role}.deref.json`), `${JSON.stringify(dereferenced[role], null, 2)}\n`);
  }
  console.log(`Wrote ${ROLES.length * 3} artifacts to ${DIST}`);
} catch (error) {
  console.error(error.output ?? error.message);
  process.exit(1);
}
