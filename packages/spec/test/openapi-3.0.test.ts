// The OpenAPI 3.0 form (scripts/openapi-3.0.mjs): what the converter rewords says the same and is
// not called a loss; what 3.0 cannot say is named in the description, with the places that say it;
// the result is valid OpenAPI 3.0.
import SwaggerParser from '@apidevtools/swagger-parser';
import { type JsonObject, loadDocument, RELEASES, ROLES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { lossesOf, toOpenApi30 } from '../scripts/openapi-3.0.mjs';

type Loss = { keyword: string; places: string[]; values: unknown[] };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A 3.1 document with one schema per construct, the `lost` ones only when asked. */
function document(schemas: JsonObject, info: JsonObject = {}): JsonObject {
  return {
    openapi: '3.1.0',
    info: { title: 'T', version: '1', summary: 'One line.', description: 'More.', license: { name: 'MIT', identifier: 'MIT' }, ...info },
    paths: {
      '/x': {
        get: {
          operationId: 'x_get',
          responses: { 200: { description: 'OK', content: { 'application/json': { schema: ref('Said') } } } },
        },
      },
    },
    components: { schemas: { Text: { type: 'string' }, ...schemas } },
  };
}

// Every construct the description uses that 3.0 says otherwise, but says.
const SAID = {
  type: 'object',
  properties: {
    nullable: { type: ['string', 'null'] },
    fixed: { type: 'string', const: 'x' },
    example: { type: 'string', examples: ['a'] },
    described: { $ref: '#/components/schemas/Text', description: 'Said here.' },
    bytes: { type: 'string', contentMediaType: 'application/octet-stream' },
  },
};

describe('the OpenAPI 3.0 form', () => {
  it('says again, the 3.0 way, what the converter rewords: no loss, and valid OpenAPI 3.0', async () => {
    const original = document({ Said: SAID });
    const converted = toOpenApi30(original, 'x.openapi.json');
    expect(lossesOf(original, converted)).toEqual([]);
    const said = (converted.components.schemas.Said as { properties: Record<string, unknown> }).properties;
    expect(said).toEqual({
      nullable: { type: 'string', nullable: true },
      fixed: { type: 'string', enum: ['x'] },
      example: { type: 'string', example: 'a' },
      described: { description: 'Said here.', allOf: [{ $ref: '#/components/schemas/Text' }] },
      bytes: { type: 'string', format: 'binary' },
    });
    expect(converted.info).toEqual({
      title: 'T',
      version: '1',
      description: `One line.\n\n**OpenAPI 3.0 form** of \`x.openapi.json\`, converted by @apiture/openapi-down-convert. It says all that the 3.1 form says.\n\nMore.`,
      license: { name: 'MIT', url: 'https://spdx.org/licenses/MIT.html' },
    });
    await expect(SwaggerParser.validate(structuredClone(converted))).resolves.toBeDefined();
  });

  it('names each loss, with the places that said it, and stays valid OpenAPI 3.0', async () => {
    const original = document({
      Said: { ...SAID, properties: { ...SAID.properties, json: { type: 'string', contentMediaType: 'application/json' } } },
      Keys: { type: 'object', propertyNames: { pattern: '^[0-9]+$' }, additionalProperties: ref('Text') },
      Exact: {
        type: ['object', 'null'],
        additionalProperties: ref('Text'),
        if: { type: 'object' },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then`, not a promise
        then: { required: ['id'], properties: { id: ref('Text') } },
      },
      Pattern: { type: 'object', patternProperties: { '^a': ref('Text') } },
      Examples: { type: 'string', examples: ['a', 'b'] },
    });
    const converted = toOpenApi30(original, 'x.openapi.json');
    expect(lossesOf(original, converted)).toEqual([
      { keyword: 'contentMediaType', places: ['Said.json'], values: ['application/json'] },
      { keyword: 'propertyNames', places: ['Keys'], values: [] },
      { keyword: 'if', places: ['Exact'], values: [] },
      { keyword: 'patternProperties', places: ['Pattern'], values: [] },
      { keyword: 'examples', places: ['Examples'], values: [] },
    ] satisfies Loss[]);
    expect(converted.info.description.split('\n\n')[1]).toBe(
      '**OpenAPI 3.0 form** of `x.openapi.json`, converted by @apiture/openapi-down-convert. What OpenAPI 3.0 cannot say: ' +
        'that the text in `Said.json` is `application/json`; the form of the keys of `Keys`; the exact form of `Exact`, given by its ' +
        '`if`/`then`; what the keys that match a pattern hold in `Pattern`; the examples after the first of `Examples`. `x.openapi.json` says it.',
    );
    await expect(SwaggerParser.validate(structuredClone(converted))).resolves.toBeDefined();
  });

  // What the published description loses: the form of keys, AppDuplications' exact form, JSON text.
  const KNOWN_LOSSES = ['propertyNames', 'if', 'contentMediaType'];

  it.each(RELEASES.flatMap((release) => ROLES.map((role) => [release, role] as const)))(
    '%s %s: loses only schema keywords that OpenAPI 3.0 lacks, never a text, an example value or an extension',
    (release, role) => {
      const original = loadDocument(role, 'openapi.json', release);
      const losses = lossesOf(original, toOpenApi30(original, `${role}.openapi.json`)) as Loss[];
      for (const loss of losses) expect(KNOWN_LOSSES, JSON.stringify(loss)).toContain(loss.keyword);
    },
  );
});
