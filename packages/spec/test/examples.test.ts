// Every example of both published artifacts validates against its schema: response bodies of every
// status and media type (text/plain, 3xx and empty bodies included, which lint does not check),
// request bodies, parameters and headers.

import {
  createSchemaValidator,
  documentedAnswers,
  type IndexedOperation,
  operationIndex,
  RELEASES,
  type Release,
  ROLES,
  type Role,
} from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';

interface ExampleCase {
  where: string;
  schema: unknown;
  value: unknown;
}

/** The examples of an operation's parameters, request body and response headers. */
function otherExamples(operation: IndexedOperation): ExampleCase[] {
  const { operationId } = operation;
  const cases: ExampleCase[] = operation.parameters
    .filter((p) => p.example !== undefined)
    .map((p) => ({ where: `${operationId} parameter ${p.name}`, schema: p.schema, value: p.example }));
  for (const [name, value] of Object.entries(operation.request?.examples ?? {})) {
    cases.push({
      where: `${operationId} request ${operation.request!.mediaType} example ${name}`,
      schema: operation.request!.schema,
      value,
    });
  }
  for (const response of Object.values(operation.responses)) {
    for (const [name, header] of Object.entries(response.headers)) {
      if (header.example !== undefined)
        cases.push({ where: `${operationId} ${response.status} header ${name}`, schema: header.schema, value: header.example });
    }
  }
  return cases;
}

function allExamples(role: Role, release: Release): ExampleCase[] {
  const index = operationIndex(role, release);
  return [
    ...documentedAnswers(index).map((a) => ({
      where: `${a.operation.operationId} ${a.status} ${a.media.mediaType} example ${a.example}`,
      schema: a.media.schema,
      value: a.value,
    })),
    ...index.operations.flatMap(otherExamples),
  ];
}

describe.each(RELEASES.flatMap((release) => ROLES.map((role) => [release, role] as const)))('%s %s examples', (release, role) => {
  const validator = createSchemaValidator(operationIndex(role, release).document);
  const cases = allExamples(role, release);

  it('has examples for every operation', () => {
    for (const { operationId } of operationIndex(role, release).operations) {
      expect(
        cases.some((c) => c.where.startsWith(`${operationId} 200 `)),
        operationId,
      ).toBe(true);
    }
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s validates', (_where, c) => {
    expect(c.schema, 'an example without a schema').toBeDefined();
    expect(validator.validate(c.schema, c.value)).toEqual([]);
  });
});

describe('the schema validator', () => {
  const index = operationIndex('meta-server');
  const validator = createSchemaValidator(index.document);
  const schemaOf = (path: string, status: string, mediaType: string) =>
    index.find('GET', path)!.responses[status]!.media.find((m) => m.mediaType === mediaType)!.schema;

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

describe('the schema validator, stopping at the first problem', () => {
  it('reports one problem where the default reports each', () => {
    const document = operationIndex('meta-server').document;
    const schema = operationIndex('meta-server').find('GET', '/version')!.responses['200']!.media[0]!.schema;
    const value = { Version: 2, GitCommit: 3, extra: 'x' };
    expect(createSchemaValidator(document).validate(schema, value).length).toBeGreaterThan(1);
    expect(createSchemaValidator(document, { allErrors: false }).validate(schema, value)).toHaveLength(1);
  });
});
