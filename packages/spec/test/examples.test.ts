// Every example of both published artifacts validates against its schema: response bodies of every
// status and media type (text/plain, 3xx and empty bodies included, which lint does not check),
// request bodies, parameters and headers.
import { describe, expect, it } from 'vitest';
import { createSchemaValidator, listOperations, loadDocument, resolveRef, ROLES, type JsonObject } from '@pegasus-http/spec';

interface ExampleCase {
  where: string;
  schema: unknown;
  value: unknown;
}

function examplesOf(document: ReturnType<typeof loadDocument>, container: JsonObject, where: string): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const schema = container.schema;
  if (container.example !== undefined) cases.push({ where, schema, value: container.example });
  for (const [name, example] of Object.entries((container.examples ?? {}) as Record<string, unknown>)) {
    cases.push({ where: `${where} example ${name}`, schema, value: resolveRef<JsonObject>(document, example).value });
  }
  return cases;
}

function allExamples(role: (typeof ROLES)[number]): ExampleCase[] {
  const document = loadDocument(role);
  const cases: ExampleCase[] = [];
  for (const { operationId, operation } of listOperations(document)) {
    for (const parameter of (operation.parameters ?? []) as unknown[]) {
      const p = resolveRef<JsonObject>(document, parameter);
      cases.push(...examplesOf(document, p, `${operationId} parameter ${String(p.name)}`));
    }
    if (operation.requestBody) {
      const body = resolveRef<JsonObject>(document, operation.requestBody);
      for (const [mediaType, media] of Object.entries(body.content as Record<string, JsonObject>)) {
        cases.push(...examplesOf(document, media, `${operationId} request ${mediaType}`));
      }
    }
    for (const [status, reference] of Object.entries(operation.responses)) {
      const response = resolveRef<JsonObject>(document, reference);
      for (const [mediaType, media] of Object.entries((response.content ?? {}) as Record<string, JsonObject>)) {
        cases.push(...examplesOf(document, media, `${operationId} ${status} ${mediaType}`));
      }
      for (const [name, header] of Object.entries((response.headers ?? {}) as Record<string, unknown>)) {
        cases.push(...examplesOf(document, resolveRef<JsonObject>(document, header), `${operationId} ${status} header ${name}`));
      }
    }
  }
  return cases;
}

describe.each(ROLES)('%s examples', (role) => {
  const validator = createSchemaValidator(loadDocument(role));
  const cases = allExamples(role);

  it('has examples for every operation', () => {
    const operations = listOperations(loadDocument(role));
    for (const { operationId } of operations) {
      expect(cases.some((c) => c.where.startsWith(`${operationId} 200 `)), operationId).toBe(true);
    }
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s validates', (_where, c) => {
    expect(c.schema, 'an example without a schema').toBeDefined();
    expect(validator.validate(c.schema, c.value)).toEqual([]);
  });
});

describe('the schema validator', () => {
  const document = loadDocument('meta-server');
  const validator = createSchemaValidator(document);
  const schemaOf = (path: string, status: string, mediaType: string) =>
    (resolveRef<JsonObject>(document, (document.paths[path]!.get as JsonObject & { responses: JsonObject }).responses[status]).content as Record<string, JsonObject>)[mediaType]!.schema;

  it('rejects a number where a string is described, naming the JSON pointer', () => {
    const problems = validator.validate(schemaOf('/version', '200', 'application/json'), { Version: 2, GitCommit: 'non-git-repo' });
    expect(problems).toEqual([{ pointer: '/Version', message: expect.stringContaining('must be string') }]);
  });

  it('rejects a missing required field and an undescribed one', () => {
    const problems = validator.validate(schemaOf('/version', '200', 'application/json'), { Version: '2.5.0', Commit: 'x' });
    expect(problems.map((p) => p.message).join('\n')).toMatch(/required property 'GitCommit'[\s\S]*additional properties/);
  });

  it('checks text bodies against their patterns', () => {
    expect(validator.validate(schemaOf('/pprof/symbol', '200', 'text/plain'), 'num_symbols: 12\n')).toEqual([]);
    expect(validator.validate(schemaOf('/pprof/symbol', '200', 'text/plain'), 'num_symbols: twelve\n')).not.toEqual([]);
  });

  it('gives the integer formats of string values their meaning', () => {
    const int32 = { type: 'string', format: 'int32' };
    expect(validator.validate(int32, '2147483647')).toEqual([]);
    expect(validator.validate(int32, '2147483648')).not.toEqual([]);
    expect(validator.validate(int32, '8.0')).not.toEqual([]);
    expect(validator.validate({ type: 'string', format: 'uint64' }, '-1')).not.toEqual([]);
  });
});
