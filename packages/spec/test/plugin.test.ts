// Each rule of openapi/plugins/pegasus.js reports the mistake it is there for: a copy of openapi/
// gets one mistake per rule, and lint must name every rule (and still pass on the untouched copy).
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULE_CHECKS } from '@pegasus-http/spec/rules';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { lintApis, OPENAPI_DIR } from '../scripts/redocly.mjs';

type Report = { totals: { errors: number }; problems: { ruleId: string; message: string }[] };

function copyOfOpenapi(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pegasus-openapi-'));
  cpSync(OPENAPI_DIR as string, dir, { recursive: true });
  return dir;
}

function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing to replace for ${String(from)}`);
  writeFileSync(path, next);
}

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

async function lint(dir: string): Promise<Report[]> {
  return (await lintApis(join(dir, 'redocly.yaml'))) as Report[];
}

describe('the pegasus lint plugin', () => {
  it('passes the description as it is', async () => {
    const dir = copyOfOpenapi();
    copies.push(dir);
    for (const report of await lint(dir)) expect(report.problems).toEqual([]);
  });

  it('reports a mistake against every rule', async () => {
    const dir = copyOfOpenapi();
    copies.push(dir);
    // operation-id-style (and example-files, since the examples no longer match the operationId)
    edit(dir, 'paths/common/version.yaml', 'operationId: version_get', 'operationId: getVersion');
    // operation-history
    edit(dir, 'paths/common/recentStartTime.yaml', / {2}x-pegasus-since: .*\n/, '');
    // operation-default-response
    edit(dir, 'paths/common/configs.yaml', / {4}default:\n {6}\$ref: .*\n/, '');
    // wire-label
    edit(
      dir,
      'paths/common/updateConfig.yaml',
      / {10}x-pegasus-wire:\n {12}content-type: text\/plain\n {12}serializer: table_printer\n/,
      '',
    );
    // named-object-schemas
    edit(
      dir,
      'paths/common/config.yaml',
      / {12}\$ref: \.\.\/\.\.\/components\/schemas\/FlagInfo\.yaml/,
      '            type: object\n            properties:\n              name:\n                type: string',
    );
    // path-files
    renameSync(join(dir, 'paths/common/pprof_growth.yaml'), join(dir, 'paths/common/growth.yaml'));
    for (const root of ['meta-server.yaml', 'replica-server.yaml'])
      edit(dir, root, 'paths/common/pprof_growth.yaml', 'paths/common/growth.yaml');
    // component-files
    renameSync(join(dir, 'components/schemas/PlainText.yaml'), join(dir, 'components/schemas/plain-text.yaml'));
    for (const file of [
      'paths/common/pprof_heap.yaml',
      'paths/common/pprof_growth.yaml'.replace('pprof_growth', 'growth'),
      'paths/common/pprof_cmdline.yaml',
      'paths/common/pprof_symbol.yaml',
      'components/responses/Unexpected.yaml',
    ]) {
      edit(dir, file, /schemas\/PlainText\.yaml/g, 'schemas/plain-text.yaml');
    }

    // post-answer
    edit(dir, 'paths/common/metrics.yaml', '    example: postRejected', '    example: postRefused');
    // safety-mark
    edit(dir, 'paths/common/pprof_cmdline.yaml', / {2}x-pegasus-safety: profiling\n/, '');
    // standby-answer
    edit(dir, 'paths/meta/meta_nodes.yaml', / {2}x-pegasus-standby: redirect\n/, '');
    // request-rules
    edit(dir, 'paths/meta/meta_apps.yaml', '        example: unknownParameter', '        example: unknownParam');

    const reported = new Set((await lint(dir)).flatMap((report) => report.problems.map((p) => p.ruleId)));
    for (const rule of [
      'operation-id-style',
      'example-files',
      'operation-history',
      'operation-default-response',
      'wire-label',
      'named-object-schemas',
      'path-files',
      'component-files',
      'post-answer',
      'safety-mark',
      'standby-answer',
      'request-rules',
    ]) {
      expect(reported, rule).toContain(`pegasus/${rule}`);
    }
  });

  it('requires x-pegasus-safety exactly on the calls that change state or expose the process', async () => {
    const dir = copyOfOpenapi();
    copies.push(dir);
    edit(dir, 'paths/meta/meta_app_usage_scenario.yaml', / {2}x-pegasus-safety: mutating\n/, '');
    edit(dir, 'paths/common/pprof_heap.yaml', '  x-pegasus-safety: profiling', '  x-pegasus-safety: mutating');
    edit(dir, 'paths/common/configs.yaml', /( {2}x-pegasus-since: .*\n)/, '$1  x-pegasus-safety: profiling\n');
    const messages = (await lint(dir)).flatMap((report) =>
      report.problems.filter((p) => p.ruleId === 'pegasus/safety-mark').map((p) => p.message),
    );
    expect(new Set(messages)).toEqual(
      new Set([
        '/meta/app/usage_scenario changes state: add `x-pegasus-safety: mutating`.',
        '/pprof/heap runs a profiler or exposes the process: add `x-pegasus-safety: profiling`, not `mutating`.',
        '/configs neither changes state nor exposes the process: remove `x-pegasus-safety`.',
      ]),
    );
  });

  it('requires each request rule to read what the operation declares and to name a documented answer', async () => {
    const dir = copyOfOpenapi();
    copies.push(dir);
    edit(dir, 'paths/common/config.yaml', '        example: emptyName', '        example: nameEmpty');
    edit(dir, 'paths/replica/replica_data_version.yaml', /( {4}- check: missing-parameter\n {6}parameter:) app_id/, '$1 appid');
    edit(dir, 'paths/common/metrics.yaml', 'type=replica: ', 'type=server: ');
    edit(dir, 'paths/meta/meta_nodes.yaml', '      standby: first', '      standby: last');
    edit(dir, 'paths/meta/meta_app.yaml', / {6}standby: first\n/, '');
    edit(dir, 'paths/meta/meta_app.yaml', / {6}parameter: name\n/, '      parameter: name\n      standby: first\n');
    edit(dir, 'paths/common/configs.yaml', /( {4}- check: unknown-parameter\n)/, '$1      standby: first\n');
    edit(dir, 'paths/meta/meta_app_usage_scenario.yaml', / {6}field: scenario\n/, '      field: scenery\n');
    edit(dir, 'paths/common/updateConfig.yaml', '    - check: parameter-count', '    - check: parameter-number');
    const messages = (await lint(dir)).flatMap((report) =>
      report.problems.filter((p) => p.ruleId === 'pegasus/request-rules').map((p) => p.message),
    );
    expect(new Set(messages)).toEqual(
      new Set([
        '`answer.example` must name an example of the 400 response (emptyName, unknownParameter, duplicateParameter, badPercentEscape, partialPercentEscape).',
        '`parameter` must name a query parameter of the operation (app_id).',
        '`vary` text `type=server` is not in the value of example unknownField.',
        '`standby` is `first`, or left out.',
        'A standby makes its `standby: first` checks before any other: move this rule up.',
        '/configs is not a `/meta/*` call: no standby answers it, so drop `standby`.',
        "Field `scenery` must be one of the decoder's string fields (the `undecodable-body` rule's `fields`).",
        // The plugin's list of check kinds is the engine's: the message names each one.
        `\`check\` is one of ${RULE_CHECKS.join(', ')}.`,
      ]),
    );
  });
});
