// The matrix (matrix.json) and what the tests and the docs page ask of it.
import { readFileSync } from 'node:fs';

/** The matrix's package folder: the files an entry names are relative to it. */
export const MATRIX_DIR = new URL('../', import.meta.url);
export const MATRIX_FILE = new URL('matrix.json', MATRIX_DIR);

/** The versions the matrix pins, by package name (its devDependencies). */
export const PINNED = JSON.parse(readFileSync(new URL('package.json', MATRIX_DIR), 'utf8')).devDependencies;

/** The text of a file an entry names (`configs/…`, `programs/…`). */
export function matrixFile(path) {
  return readFileSync(new URL(path, MATRIX_DIR), 'utf8');
}

/** The generators of the matrix, in the order the page shows them. */
export const GENERATORS = JSON.parse(readFileSync(MATRIX_FILE, 'utf8')).generators;

/** The entry of a generator; throws for an id the matrix does not have. */
export function generatorEntry(id) {
  const entry = GENERATORS.find((generator) => generator.id === id);
  if (!entry) throw new Error(`the matrix has no generator ${id}`);
  return entry;
}

/** The known issues of an entry found by `check` (`typecheck` or `call`) that hold for a role in a release. */
export function issuesOf(entry, check, role, release) {
  return entry.issues.filter(
    (issue) => issue.check === check && (issue.roles ?? [role]).includes(role) && (issue.releases ?? [release]).includes(release),
  );
}

/** A command of the matrix as a shell line, for the page: `{artifact}` named, arguments quoted where a shell needs it. */
export function commandLine(entry, artifact) {
  return entry.command
    .map((word) => word.replace('{artifact}', artifact))
    .map((word) => (/^[\w@./:=+-]+$/.test(word) ? word : `"${word.replace(/["\\$`]/g, '\\$&')}"`))
    .join(' ');
}

/** The files the page shows whole for an entry, in order: its configuration files, its setup, and a program's calls with it. */
export function shownFiles(entry) {
  return [...entry.files, entry.setup, `programs/${entry.id}/server.ts`];
}
