// The thin layer over @redocly/openapi-core (in process) that lints and bundles the description:
// the project's configuration (openapi/redocly.yaml, with its plugin and decorator), and the
// bundle, overlay and dereference steps that make the published artifacts.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, createConfig, getTotals, lint, loadConfig, makeDocumentFromString } from '@redocly/openapi-core';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const OPENAPI_DIR = join(REPO_ROOT, 'openapi');
export const CONFIG = join(OPENAPI_DIR, 'redocly.yaml');
export const ROLES = ['meta-server', 'replica-server'];

/** The configuration of each API (`apis:` in the file), by alias. */
async function apiConfigs(configPath) {
  const config = await loadConfig({ configPath });
  return Object.keys(config.resolvedConfig.apis ?? {}).map((alias) => ({
    alias,
    config: config.forAlias(alias),
    root: join(dirname(configPath), config.resolvedConfig.apis[alias].root),
  }));
}

/** Lints every API of a configuration file: one report per API, with its problems and totals. */
export async function lintApis(configPath = CONFIG) {
  const reports = [];
  for (const { alias, config, root } of await apiConfigs(configPath)) {
    const problems = await lint({ ref: root, config });
    reports.push({ alias, problems, totals: getTotals(problems) });
  }
  return reports;
}

/** Lints a published artifact on its own, as `npx redocly lint <file>` does: the `recommended` rules. */
export async function lintArtifact(file) {
  const problems = await lint({ ref: file, config: await createConfig({ extends: ['recommended'] }) });
  return { problems, totals: getTotals(problems) };
}

/** A problem in one line: where, which rule, what. */
export function describeProblem(problem) {
  const where = problem.location?.[0];
  const file = where ? `${where.source.absoluteRef.replace(`${REPO_ROOT}/`, '')}#${where.pointer ?? ''}` : '';
  return `${problem.severity} ${problem.ruleId} ${file}: ${problem.message}`;
}

function failOnProblems(what, problems) {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`${what}:\n${errors.map(describeProblem).join('\n')}`);
}

const RELEASES_DIR = join(OPENAPI_DIR, 'releases');
const versionOf = (release) => release.slice(1).split('.').map(Number);
const newerFirst = (a, b) => versionOf(b).reduce((order, part, i) => order || part - versionOf(a)[i], 0);

/** The supported releases other than master, newest first, from the overlays in openapi/releases/. */
export function releases() {
  return readdirSync(RELEASES_DIR)
    .filter((file) => /^v\d+\.\d+\.\d+\.yaml$/.test(file))
    .map((file) => file.replace(/\.yaml$/, ''))
    .sort(newerFirst);
}

/** The overlays that make a release from master: its own and every newer release's, newest first. */
export function releaseOverlays(release) {
  if (release === 'master') return [];
  const all = releases();
  if (!all.includes(release)) throw new Error(`no overlay for release ${release} in ${RELEASES_DIR}`);
  return all.slice(0, all.indexOf(release) + 1).map((name) => join(RELEASES_DIR, `${name}.yaml`));
}

/**
 * The bundle of each role (its decorators applied, components renamed never) for a release: master
 * as described, or with the release's overlays applied, then without the components no longer used.
 */
export async function bundleRoles(release = 'master') {
  const overlays = releaseOverlays(release);
  const bundles = {};
  for (const { alias, config, root } of await apiConfigs(CONFIG)) {
    const result = await bundle({
      ref: root,
      config,
      componentRenamingConflicts: 'error',
      overlays,
      removeUnusedComponents: overlays.length > 0,
    });
    failOnProblems(`bundling ${alias} (${release})`, result.problems);
    bundles[alias] = result.bundle.parsed;
  }
  return bundles;
}

const plain = () => createConfig({});

/** A bundled document with an overlay file applied (no decorator: the input is already bundled). */
export async function applyOverlay(document, overlayFile, name = 'document.json') {
  const doc = makeDocumentFromString(JSON.stringify(document), join(OPENAPI_DIR, name));
  const result = await bundle({ doc, config: await plain(), overlays: [overlayFile] });
  failOnProblems(`applying ${overlayFile}`, result.problems);
  return result.bundle.parsed;
}

/** The dereferenced form of a bundled document, unused components removed. */
export async function dereference(document, name = 'document.json') {
  const doc = makeDocumentFromString(JSON.stringify(document), join(OPENAPI_DIR, name));
  const result = await bundle({ doc, config: await plain(), dereference: true, removeUnusedComponents: true });
  failOnProblems('dereferencing', result.problems);
  return JSON.parse(JSON.stringify(result.bundle.parsed));
}
