// The operation index and the documented-answers walk read the published artifacts as they are.

import {
  documentedAnswer,
  documentedAnswers,
  exampleRequest,
  listOperations,
  loadDocument,
  operationIndex,
  ROLES,
} from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';

describe.each(ROLES)('the %s operation index', (role) => {
  const index = operationIndex(role);

  it('has every operation of the artifact, once', () => {
    expect(index.operations.map((o) => o.operationId)).toEqual(listOperations(loadDocument(role)).map((o) => o.operationId));
    for (const operation of index.operations) expect(index.byId(operation.operationId)).toBe(operation);
    expect(() => index.byId('no_such_operation')).toThrow(/has no operation no_such_operation/);
  });

  it('records the wire label and writer of every JSON body', () => {
    for (const operation of index.operations) {
      for (const response of Object.values(operation.responses)) {
        for (const media of response.media.filter((m) => m.kind === 'json' && response.status !== 'default')) {
          expect(media.wireLabel, `${operation.operationId} ${response.status}`).toBe('text/plain');
          expect(media.serializer, `${operation.operationId} ${response.status}`).toBeDefined();
        }
      }
    }
  });

  it('marks as retryable exactly the GETs without a safety mark', () => {
    for (const operation of index.operations)
      expect(operation.retryable).toBe(operation.method === 'GET' && operation.safety === undefined);
  });

  it('names the roles that serve each call', () => {
    expect(index.find('GET', '/version')!.roles).toEqual(['meta-server', 'replica-server']);
    expect(index.operations.every((o) => o.roles.includes(role))).toBe(true);
  });
});

describe('what the index says of particular calls', () => {
  const meta = operationIndex('meta-server');

  it('knows the POST answer of /metrics and the redirect of /meta/*', () => {
    const metrics = meta.byId('metrics_get');
    expect(metrics.post).toEqual({ status: 400, example: 'postRejected' });
    expect(documentedAnswer(metrics, 400, 'postRejected')?.media.serializer).toBe('rapidjson_pretty');
    expect(meta.byId('apps_list').redirects).toBe(true);
    expect(meta.byId('version_get').redirects).toBe(false);
    expect(Object.keys(meta.byId('apps_list').responses['307']!.headers)).toEqual(['Location']);
  });

  it('gives a valid example request, and every documented answer with its example', () => {
    expect(exampleRequest(meta.byId('app_get')).query).toEqual({ name: 'temp', detail: '' });
    expect(exampleRequest(meta.byId('appUsageScenario_update')).body).toEqual({ app_name: 'temp', scenario: 'bulk_load' });
    const answers = documentedAnswers(meta);
    expect(new Set(answers.map((a) => a.operation.operationId))).toEqual(new Set(meta.operations.map((o) => o.operationId)));
    expect(answers.find((a) => a.operation.operationId === 'apps_list' && a.status === 307)?.headers.Location).toMatch(/^http:\/\//);
  });
});
