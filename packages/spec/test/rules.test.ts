// The request rules (`x-pegasus-rules`): the engine of @pegasus-http/spec/wire on each kind of
// check, as the handlers make them (cases from the Pegasus source and its unit tests, quoted in
// ../shared/reference), and the rules the description documents: each names an answer that
// exists, a valid example request breaks none, and a request that breaks one gets exactly that
// rule's example.

import {
  documentedAnswer,
  exampleRequest,
  type IndexedOperation,
  operationIndex,
  type PegasusRule,
  RELEASES,
  ROLES,
} from '@pegasus-http/spec';
import { answerBody, brokenRule, readCInteger, requestBreaking } from '@pegasus-http/spec/rules';
import { writeWireJson } from '@pegasus-http/spec/wire';
import { describe, expect, it } from 'vitest';

const answer = (example: string, value: unknown = '', status = 400) => ({ status, example, value });
const query = (entries: Record<string, string> = {}) => new Map(Object.entries(entries));

describe('brokenRule, per check', () => {
  it('unknown-parameter: the first parameter the operation does not declare, with its value', () => {
    const rules: PegasusRule[] = [{ check: 'unknown-parameter', answer: answer('unknownParameter') }];
    expect(brokenRule(rules, ['name', 'detail'], query({ name: 'temp', detail: '' }))).toBeUndefined();
    expect(brokenRule(rules, ['name', 'detail'], query({ name: 'temp', foo: '1', bar: '' }))).toEqual({
      rule: rules[0],
      parameter: { name: 'foo', value: '1' },
    });
    // v2.4.0 reads `?detail&` as a parameter named "".
    expect(brokenRule(rules, ['detail'], query({ detail: '', '': '' }))?.parameter).toEqual({ name: '', value: '' });
    expect(brokenRule(rules, [], query({ x: '' }))?.parameter).toEqual({ name: 'x', value: '' });
  });

  it('missing-parameter: absent only; an empty value passes', () => {
    const rules: PegasusRule[] = [{ check: 'missing-parameter', parameter: 'name', answer: answer('missingName') }];
    expect(brokenRule(rules, ['name'], query())?.rule).toBe(rules[0]);
    expect(brokenRule(rules, ['name'], query({ name: '' }))).toBeUndefined();
    expect(brokenRule(rules, ['name'], query({ app_name: 'temp' }))?.parameter).toEqual({ name: 'name', value: '' });
  });

  it('empty-parameter: absent, or present with an empty value', () => {
    const rules: PegasusRule[] = [{ check: 'empty-parameter', parameter: 'name', answer: answer('emptyName') }];
    expect(brokenRule(rules, ['name'], query())?.rule).toBe(rules[0]);
    expect(brokenRule(rules, ['name'], query({ name: '' }))?.rule).toBe(rules[0]);
    expect(brokenRule(rules, ['name'], query({ name: 'temp' }))).toBeUndefined();
  });

  it('not-boolean: present and not true or false in any letter case (a bare flag is empty)', () => {
    const rules: PegasusRule[] = [{ check: 'not-boolean', parameter: 'detail', answer: answer('notBoolean') }];
    for (const value of ['true', 'false', 'TRUE', 'False', 'tRuE'])
      expect(brokenRule(rules, ['detail'], query({ detail: value }))).toBeUndefined();
    for (const value of ['', 'yes', '1', 'true ', 'ｔｒｕｅ'])
      expect(brokenRule(rules, ['detail'], query({ detail: value }))?.parameter, value).toEqual({ name: 'detail', value });
    expect(brokenRule(rules, ['detail'], query())).toBeUndefined();
  });

  it('not-integer: read as strtoll base 0 must read it, whole, in range and from the minimum', () => {
    const rules: PegasusRule[] = [
      { check: 'not-integer', parameter: 'app_id', format: 'int32', minimum: 0, answer: answer('invalidAppId', 'invalid app_id=wrong') },
    ];
    for (const value of ['2', '0', '-0', '+5', ' 7', '\t\n9', '0x10', '0X1f', '010', '2147483647'])
      expect(brokenRule(rules, ['app_id'], query({ app_id: value })), value).toBeUndefined();
    for (const value of [
      '',
      ' ',
      'wrong',
      '2xx',
      '2 ',
      '08',
      '0x',
      '0xg',
      '-1',
      '- 1',
      '1e3',
      '1.0',
      '2147483648',
      '0x80000000',
      '99999999999999999999',
      '2\0',
    ])
      expect(brokenRule(rules, ['app_id'], query({ app_id: value }))?.parameter, JSON.stringify(value)).toEqual({ name: 'app_id', value });
    expect(brokenRule(rules, ['app_id'], query())).toBeUndefined();
    const wide: PegasusRule[] = [{ check: 'not-integer', parameter: 'n', format: 'int64', answer: answer('x') }];
    expect(brokenRule(wide, ['n'], query({ n: '-2147483649' }))).toBeUndefined();
    expect(brokenRule(wide, ['n'], query({ n: '9223372036854775808' }))?.rule).toBe(wide[0]);
  });

  it('readCInteger reads C base prefixes, blanks and a sign, and nothing left over', () => {
    expect(readCInteger('0x1f')).toBe(31n);
    expect(readCInteger('010')).toBe(8n);
    expect(readCInteger(' +3')).toBe(3n);
    expect(readCInteger('-0x10')).toBe(-16n);
    expect(readCInteger('0')).toBe(0n);
    for (const text of ['', '+', '0x', '09', '3 ', 'x1']) expect(readCInteger(text), text).toBeUndefined();
  });

  it('odd-list: the comma list has an odd number of items once split as the server does', () => {
    const rules: PegasusRule[] = [{ check: 'odd-list', parameter: 'attributes', answer: answer('oddAttributes') }];
    expect(brokenRule(rules, ['attributes'], query({ attributes: 'table_id,2,partition_id' }))?.rule).toBe(rules[0]);
    expect(brokenRule(rules, ['attributes'], query({ attributes: ' , table_id' }))?.rule).toBe(rules[0]);
    for (const value of ['table_id,2', 'table_id,,2', '', ',', 'a, b ,'])
      expect(brokenRule(rules, ['attributes'], query({ attributes: value })), value).toBeUndefined();
  });

  it('parameter-count: exactly `count` parameters, whatever their names', () => {
    const rules: PegasusRule[] = [{ check: 'parameter-count', count: 1, answer: answer('notExactlyOne', { update_status: 'x' }, 200) }];
    expect(brokenRule(rules, ['flag'], query())).toEqual({ rule: rules[0] });
    expect(brokenRule(rules, ['flag'], query({ a: '1', b: '2' }))).toEqual({ rule: rules[0] });
    expect(brokenRule(rules, ['flag'], query({ config_sync_interval_ms: '20000' }))).toBeUndefined();
  });

  describe('undecodable-body: the decoder of src/common/json_helper.h over rapidjson', () => {
    const compaction: PegasusRule[] = [
      {
        check: 'undecodable-body',
        fields: {
          app_name: 'string',
          type: 'string',
          target_level: 'int32',
          bottommost_level_compaction: 'string',
          max_concurrent_running_count: 'int32',
          trigger_time: 'string',
        },
        answer: answer('invalidStructure', 'invalid request structure'),
      },
    ];
    const scenario: PegasusRule[] = [
      { check: 'undecodable-body', fields: { app_name: 'string', scenario: 'string' }, answer: answer('invalidStructure') },
    ];
    const bulkLoad: PegasusRule[] = [
      {
        check: 'undecodable-body',
        fields: { app_name: 'string', cluster_name: 'string', file_provider_type: 'string', remote_root_path: 'string' },
        answer: answer('invalidStructure'),
      },
    ];
    const breaks = (rules: PegasusRule[], body: string | undefined) => brokenRule(rules, [], query(), body) !== undefined;

    it('refuses what is no JSON object: no body, bad JSON, another value', () => {
      for (const body of [
        undefined,
        '',
        ' ',
        '{',
        '[]',
        'null',
        '"x"',
        '{"app_name":"t",}',
        '{"app_name":"t"} x',
        '/* c */{}',
        "{'app_name':'t'}",
      ])
        expect(breaks(scenario, body), JSON.stringify(body)).toBe(true);
      expect(breaks(scenario, '{}')).toBe(false);
    });

    it('refuses a known field of the wrong type; integers must be JSON integers in range', () => {
      // The server's own test: five fields, the count given as a string.
      const once = '"app_name":"t","type":"once","target_level":-1,"bottommost_level_compaction":"skip"';
      expect(breaks(compaction, `{${once},"max_concurrent_running_count":"0"}`)).toBe(true);
      expect(breaks(compaction, `{${once},"max_concurrent_running_count":0}`)).toBe(false);
      for (const count of ['1.0', '1e2', '2147483648', 'true', 'null', '[0]'])
        expect(breaks(compaction, `{${once},"max_concurrent_running_count":${count}}`), count).toBe(true);
      for (const count of ['-0', '-2147483648', '2147483647'])
        expect(breaks(compaction, `{${once},"max_concurrent_running_count":${count}}`), count).toBe(false);
      expect(breaks(scenario, '{"app_name":null,"scenario":"normal"}')).toBe(true);
    });

    it('tolerates missing fields without unknown ones, and unknown ones next to every known field', () => {
      // The server's own tests (src/meta/test/meta_http_service_test.cpp:400-402).
      expect(breaks(scenario, '{"scenario":"normal"}')).toBe(false);
      expect(breaks(scenario, '{"app":"t","scenario":"normal"}')).toBe(true);
      expect(breaks(scenario, '{"app_name":"t","scenario":"normal","extra":1}')).toBe(false);
      const four = '"app_name":"t","cluster_name":"c","file_provider_type":"hdfs_service","remote_root_path":"/r"';
      expect(breaks(bulkLoad, `{${four},"ingest_behind":true}`)).toBe(false);
      expect(breaks(bulkLoad, '{"app_name":"t","cluster_name":"c","ingest_behind":true}')).toBe(true);
    });

    it('reads JSON as rapidjson does: blanks around, a NUL ends the text, surrogate escapes paired, doubles finite', () => {
      expect(breaks(scenario, ' \n{"app_name":"t","scenario":"normal"}\r\n\t')).toBe(false);
      expect(breaks(scenario, '{"app_name":"t","scenario":"normal"}\0trailing')).toBe(false);
      expect(breaks(scenario, '{"app_name":"\\ud83d\\ude00","scenario":"normal"}')).toBe(false);
      expect(breaks(scenario, '{"app_name":"\\ud83d","scenario":"normal"}')).toBe(true);
      expect(breaks(scenario, '{"app_name":"a\tb","scenario":"normal"}')).toBe(true);
      expect(breaks(scenario, '{"app_name":"t","scenario":"normal","x":1e400}')).toBe(true);
      expect(breaks(scenario, '{"app_name":"t","scenario":"normal","x":[1,{"y":[]}]}')).toBe(false);
    });
  });

  it('empty-field, field-not-in, field-below: the decoded fields, a `when` condition first', () => {
    const rules: PegasusRule[] = [
      { check: 'empty-field', field: 'app_name', answer: answer('emptyAppName') },
      { check: 'field-not-in', field: 'type', values: ['once', 'periodic'], answer: answer('badType') },
      { check: 'field-below', field: 'target_level', minimum: -1, answer: answer('badTargetLevel') },
      { check: 'empty-field', field: 'trigger_time', when: { type: 'periodic' }, answer: answer('missingTriggerTime') },
    ];
    const first = (body: object) => brokenRule(rules, [], query(), JSON.stringify(body))?.rule.answer.example;
    expect(first({ type: 'once', target_level: -1 })).toBe('emptyAppName');
    expect(first({ app_name: '', type: 'once' })).toBe('emptyAppName');
    expect(first({ app_name: 't' })).toBe('badType');
    expect(first({ app_name: 't', type: 'Once' })).toBe('badType');
    expect(first({ app_name: 't', type: 'once', target_level: -2 })).toBe('badTargetLevel');
    // A missing integer holds an undefined value in the server: no rule can tell its answer.
    expect(first({ app_name: 't', type: 'once' })).toBeUndefined();
    expect(first({ app_name: 't', type: 'periodic', target_level: 0 })).toBe('missingTriggerTime');
    expect(first({ app_name: 't', type: 'periodic', target_level: 0, trigger_time: '3:00' })).toBeUndefined();
  });

  it('gives the first rule broken, in the handler order', () => {
    const rules: PegasusRule[] = [
      { check: 'unknown-parameter', answer: answer('unknownParameter') },
      { check: 'empty-parameter', parameter: 'name', answer: answer('emptyName') },
    ];
    expect(brokenRule(rules, ['name'], query({ foo: '' }))?.rule).toBe(rules[0]);
    expect(brokenRule(rules, ['name'], query())?.rule).toBe(rules[1]);
  });

  it('makes only the `standby: first` checks for a standby, which answers as a standby next', () => {
    const rules: PegasusRule[] = [
      { check: 'unknown-parameter', standby: 'first', answer: answer('unknownParameter') },
      { check: 'empty-parameter', parameter: 'name', answer: answer('emptyName') },
    ];
    expect(brokenRule(rules, ['name'], query({ foo: '1' }), undefined, { standby: true })?.rule).toBe(rules[0]);
    expect(brokenRule(rules, ['name'], query(), undefined, { standby: true })).toBeUndefined();
    expect(brokenRule(rules, ['name'], query(), undefined, { standby: false })?.rule).toBe(rules[1]);
  });
});

describe('answerBody', () => {
  it('gives the example value as it is without `vary`', () => {
    const rule: PegasusRule = { check: 'unknown-parameter', answer: answer('unknownParameter', '') };
    expect(answerBody({ rule, parameter: { name: 'foo', value: '1' } })).toBe('');
  });

  it('puts the parameter that broke the rule where the example names its own, in every string', () => {
    const rule: PegasusRule = {
      check: 'unknown-parameter',
      vary: { 'type=replica': '{name}={value}' },
      answer: answer('unknownField', { error_message: 'unknown field type=replica' }),
    };
    expect(answerBody({ rule, parameter: { name: 'foo', value: '' } })).toEqual({ error_message: 'unknown field foo=' });
    expect(answerBody({ rule, parameter: { name: 'a', value: '{name}$&' } })).toEqual({ error_message: 'unknown field a={name}$&' });
    expect(writeWireJson(answerBody({ rule, parameter: { name: 'x', value: 'y' } }), 'rapidjson_pretty')).toBe(
      '{\n    "error_message": "unknown field x=y"\n}',
    );
    const text: PegasusRule = {
      check: 'not-integer',
      parameter: 'app_id',
      vary: { wrong: '{value}' },
      answer: answer('invalidAppId', 'invalid app_id=wrong'),
    };
    expect(answerBody({ rule: text, parameter: { name: 'app_id', value: '2 ' } })).toBe('invalid app_id=2 ');
  });
});

describe('requestBreaking', () => {
  const valid = { query: query({ name: 'temp', detail: 'true' }), body: JSON.stringify({ app_name: 't', type: 'once', target_level: -1 }) };

  it('changes only what the rule reads, and sends what `vary` names', () => {
    const unknown: PegasusRule = { check: 'unknown-parameter', vary: { 'type=replica': '{name}={value}' }, answer: answer('x') };
    expect([...requestBreaking(unknown, ['name', 'detail'], valid)!.query]).toEqual([
      ['name', 'temp'],
      ['detail', 'true'],
      ['type', 'replica'],
    ]);
    const plain: PegasusRule = { check: 'unknown-parameter', answer: answer('x') };
    expect(requestBreaking(plain, ['name', 'x'], valid)!.query.get('xx')).toBe('1');
    expect(
      requestBreaking({ check: 'missing-parameter', parameter: 'name', answer: answer('x') }, ['name'], valid)!.query.has('name'),
    ).toBe(false);
    expect(requestBreaking({ check: 'empty-parameter', parameter: 'name', answer: answer('x') }, ['name'], valid)!.query.get('name')).toBe(
      '',
    );
    expect(requestBreaking({ check: 'parameter-count', count: 1, answer: answer('x') }, [], valid)!.query.size).toBe(0);
    expect(requestBreaking({ check: 'undecodable-body', fields: {}, answer: answer('x') }, [], valid)!.body).toBe('');
    const periodic: PegasusRule = { check: 'empty-field', field: 'trigger_time', when: { type: 'periodic' }, answer: answer('x') };
    expect(JSON.parse(requestBreaking(periodic, [], valid)!.body!)).toEqual({
      app_name: 't',
      type: 'periodic',
      target_level: -1,
      trigger_time: '',
    });
    expect(requestBreaking(periodic, [], { query: query() })).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// The rules the description documents

/** An example request's query as the server would parse it: lists comma-joined, form objects exploded. */
function exampleQuery(operation: IndexedOperation): Map<string, string> {
  const example = exampleRequest(operation).query;
  const query = new Map<string, string>();
  for (const parameter of operation.parameters.filter((p) => p.in === 'query' && p.name in example)) {
    const value = example[parameter.name];
    if (Array.isArray(value)) query.set(parameter.name, value.join(','));
    else if (value !== null && typeof value === 'object') for (const [name, item] of Object.entries(value)) query.set(name, String(item));
    else query.set(parameter.name, String(value));
  }
  return query;
}

const declaredOf = (operation: IndexedOperation) => operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);

const everyIndex = RELEASES.flatMap((release) => ROLES.map((role) => [release, role] as const));

describe.each(everyIndex)('the rules of %s %s', (release, role) => {
  const index = operationIndex(role, release);
  const withRules = index.operations.filter((o) => o.rules.length > 0).map((o) => [o.operationId, o] as const);

  it('name, each, a documented answer, resolved in the index', () => {
    for (const operation of index.operations) {
      for (const rule of operation.rules) {
        const documented = documentedAnswer(operation, rule.answer.status, rule.answer.example);
        expect(documented, `${operation.operationId} ${rule.answer.status} ${rule.answer.example}`).toBeDefined();
        expect(rule.answer.media).toBe(documented!.media);
        expect(rule.answer.value).toBe(documented!.value);
      }
    }
  });

  it('mark `standby: first` only on /meta/* calls, ahead of every other check', () => {
    for (const operation of index.operations) {
      const marks = operation.rules.map((rule) => rule.standby === 'first');
      if (!operation.path.startsWith('/meta/')) expect(marks.includes(true), operation.operationId).toBe(false);
      expect(marks.indexOf(false) === -1 || !marks.slice(marks.indexOf(false)).includes(true), operation.operationId).toBe(true);
    }
  });

  it.each(withRules)('%s: the example request breaks none; one that breaks a rule gets its example, exactly', (_id, operation) => {
    const declared = declaredOf(operation);
    const body = exampleRequest(operation).body;
    const valid = { query: exampleQuery(operation), ...(body !== undefined ? { body: JSON.stringify(body) } : {}) };
    expect(brokenRule(operation.rules, declared, valid.query, valid.body)).toBeUndefined();
    for (const rule of operation.rules) {
      const request = requestBreaking(rule, declared, valid);
      expect(request, rule.check).toBeDefined();
      const breach = brokenRule(operation.rules, declared, request!.query, request!.body);
      expect(breach?.rule, `${rule.check} → ${rule.answer.example}`).toBe(rule);
      const documented = documentedAnswer(operation, rule.answer.status, rule.answer.example)!;
      expect(answerBody(breach!)).toEqual(documented.value);
      if (documented.media.serializer)
        expect(writeWireJson(answerBody(breach!), documented.media.serializer)).toBe(
          writeWireJson(documented.value, documented.media.serializer),
        );
      // A standby makes the `standby: first` checks, and answers as a standby (its 307) before the others.
      const standby = brokenRule(operation.rules, declared, request!.query, request!.body, { standby: true });
      expect(standby?.rule).toBe(rule.standby === 'first' ? rule : undefined);
    }
  });
});

describe('which checks a standby MetaServer makes before it answers as a standby', () => {
  const firsts = (release: (typeof RELEASES)[number]) =>
    operationIndex('meta-server', release)
      .operations.filter((o) => o.rules.some((rule) => rule.standby === 'first'))
      .map((o) => o.operationId)
      .sort();

  it('master: only the unknown parameters of /meta/app, /meta/apps and /meta/nodes come before the 307', () => {
    expect(firsts('master')).toEqual(['app_get', 'apps_list', 'nodes_list']);
    for (const id of ['app_get', 'apps_list', 'nodes_list'])
      expect(
        operationIndex('meta-server')
          .byId(id)
          .rules.filter((r) => r.standby === 'first')
          .map((r) => r.check),
      ).toEqual(['unknown-parameter']);
  });

  it.each(['v2.5.0', 'v2.4.0'] as const)('%s: also every check of the calls whose standby answer comes after them', (release) => {
    expect(firsts(release)).toEqual([
      'appCompaction_start',
      'appEnvs_get',
      'appUsageScenario_update',
      'app_get',
      'apps_list',
      'nodes_list',
    ]);
  });
});
