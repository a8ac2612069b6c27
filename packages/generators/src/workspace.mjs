// The folder a generator writes into, made anew: its tsconfig.json (what a team's strict Node.js
// project would use) and, next to each client, the programs that call it.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { clientFolder, generatorFolder, PACKAGE_DIR, programFile } from './layout.mjs';
import { programModules } from './plan.mjs';

/** The compiler options the clients and programs are checked with: `--strict`, Node.js modules, the DOM's fetch types. */
export const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['**/*.ts'],
  exclude: ['command'],
};

/**
 * Empties a generator's folder and writes its tsconfig.json, and puts the entry's files (its
 * configuration) in configs/, where they are type-checked once; returns the folder.
 */
export async function prepareFolder(entry) {
  const folder = generatorFolder(entry.id);
  await rm(folder, { recursive: true, force: true });
  await mkdir(join(folder, 'configs'), { recursive: true });
  await writeFile(join(folder, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  await Promise.all(entry.files.map((file) => copyFile(join(PACKAGE_DIR, file), join(folder, 'configs', basename(file)))));
  return folder;
}

/** Puts next to a client the programs of its role and release: `connect` and the modules of its calls. */
export async function copyPrograms(id, role, release) {
  const folder = clientFolder(id, release, role);
  await mkdir(folder, { recursive: true });
  const modules = ['connect', ...programModules(role, release)];
  await Promise.all(modules.map((module) => copyFile(programFile(id, module), programFile(id, module, folder))));
}
