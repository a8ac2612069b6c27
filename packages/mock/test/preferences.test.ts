// The wire mode reads Prism's preferences as Prism's own server does. The expected values below are
// what Prism 5.14.2's server made of the same requests (its 422 detail is io-ts's account of each
// bad value, in the order code, dynamic, seed, example).
import { describe, expect, it } from 'vitest';
import { readPreferences } from '../src/preferences.js';

const noQuery = new Map<string, string>();
const invalid = (...problems: [name: string, value: string, expected: string][]) => ({
  ok: false,
  problem: {
    status: 422,
    title: 'Invalid request',
    detail: problems
      .map(([name, value, expected]) => `optional property "${name}"\n└─ cannot decode ${value}, should be ${expected}`)
      .join('\n'),
  },
});

describe('readPreferences', () => {
  it.each([
    ['code=200, example=x', { code: 200, exampleKey: 'x' }],
    ['Code="404"', { code: 404 }],
    [' code = 404 , example = e x ', { code: 404, exampleKey: 'e x' }],
    ['CODE=404, EXAMPLE=Foo', { code: 404, exampleKey: 'Foo' }],
    ['code=200;example=x', { code: 200 }],
    ['code=200, code=404', { code: 200 }],
    ['__code=404', { code: 404 }],
    ['co-de=404', {}],
    ['example="a,b", code=500', { code: 500, exampleKey: 'a,b' }],
    ['code=201, example="x', { code: 201 }],
    ['dynamic=false, seed=abc', { dynamic: false, seed: 'abc' }],
    ['dynamic=true', { dynamic: true }],
    ['foo, code=201', { code: 201 }],
  ])('reads Prefer: %s', (header, preferences) => {
    expect(readPreferences(header, new Map([['__code', '500']]))).toEqual({ ok: true, preferences });
  });

  it.each([
    ['code=abc', invalid(['code', '"abc"', 'a number'])],
    ['code=2000', invalid(['code', '"2000"', 'a number'])],
    ['code=٤٠٤', invalid(['code', '"٤٠٤"', 'a number'])],
    ['code', invalid(['code', 'true', 'string'])],
    ['code=""', invalid(['code', 'true', 'string'])],
    ['dynamic=TRUE', invalid(['dynamic', '"TRUE"', 'a boolean'])],
    [
      'code=abc, example, dynamic=1, seed',
      invalid(['code', '"abc"', 'a number'], ['dynamic', '"1"', 'a boolean'], ['seed', 'true', 'string'], ['example', 'true', 'string']),
    ],
  ])('refuses Prefer: %s as Prism does', (header, result) => {
    expect(readPreferences(header, noQuery)).toEqual(result);
  });

  it('reads the __code, __example, __dynamic and __seed query parameters without a Prefer header', () => {
    const query = new Map([
      ['__code', '404'],
      ['__example', 'x'],
      ['__dynamic', 'true'],
      ['__seed', 's'],
      ['code', '500'],
    ]);
    expect(readPreferences(undefined, query)).toEqual({ ok: true, preferences: { code: 404, exampleKey: 'x', dynamic: true, seed: 's' } });
    expect(readPreferences('', query)).toEqual(readPreferences(undefined, query));
    expect(readPreferences(undefined, new Map([['__code', '20']]))).toEqual(invalid(['code', '"20"', 'a number']));
    expect(readPreferences(undefined, noQuery)).toEqual({ ok: true, preferences: {} });
  });

  it('reads several Prefer headers as one list', () => {
    expect(readPreferences(['code=404', 'example=x'], noQuery)).toEqual({ ok: true, preferences: { code: 404, exampleKey: 'x' } });
  });
});
