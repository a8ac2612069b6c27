// Running the command the page gives for a generator, as a user would in a folder holding the
// artifact and the entry's files, with the generator's own bin (what `npx <package>` runs when the
// package is installed: no download).
import { execFile } from 'node:child_process';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { artifactPath } from '@pegasus-http/spec';
import { generatorFolder, PACKAGE_DIR } from './layout.mjs';
import { installedPackage } from './packages.mjs';
import { TSCONFIG } from './workspace.mjs';

/** The folder, in a generator's, where its command runs (the type-check leaves it out). */
export const COMMAND_FOLDER = 'command';

/** The script `npx <package>` runs: the package's only bin, or the one named after it. */
export function binOf(packageName) {
  const { dir, manifest } = installedPackage(packageName);
  const { bin, name } = manifest;
  const script = typeof bin === 'string' ? bin : (bin[name.split('/').pop()] ?? Object.values(bin)[0]);
  return join(dir, script);
}

/** The artifact the page's commands name for a role: `meta-server.openapi.json`. */
export function artifactName(role, entry) {
  return `${role}.${entry.artifact}`;
}

/**
 * A folder as the page's user has it: the role's artifact, the entry's files and a strict
 * tsconfig.json; in generated/<id>/command/, where the configuration files find the generator's package.
 */
async function userFolder(entry, role, release) {
  const folder = join(generatorFolder(entry.id), COMMAND_FOLDER);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await copyFile(artifactPath(role, entry.artifact, release), join(folder, artifactName(role, entry)));
  await Promise.all(entry.files.map((file) => copyFile(join(PACKAGE_DIR, file), join(folder, basename(file)))));
  await writeFile(join(folder, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  return folder;
}

/** Runs the entry's command for a role in a release in a fresh user folder; resolves to the folder. */
export async function runCommand(entry, role, release) {
  const folder = await userFolder(entry, role, release);
  const [npx, packageName, ...args] = entry.command.map((word) => word.replace('{artifact}', artifactName(role, entry)));
  if (npx !== 'npx') throw new Error(`${entry.id}: a command starts with npx <package>`);
  await new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [binOf(packageName), ...args],
      { cwd: folder, env: { ...process.env, DO_NOT_TRACK: '1' } },
      (error, stdout, stderr) => (error ? reject(new Error(`${entry.command.join(' ')} failed:\n${stdout}${stderr}`)) : resolve()),
    );
  });
  return folder;
}
