// The wire model: writeWireJson reproduces the bytes of each of the server's JSON writers, checked
// against bodies quoted from the Pegasus source and its unit tests; parsePegasusTarget reads a
// request target as the server's framework does, checked against the cases the reference executed
// against the server's own parsing code (../shared/reference, Appendix B); and the redirect,
// Location and list-item rules.

import { listItemProblem, nextRedirect, parsePegasusTarget, splitArgs, standbyLocation, writeWireJson } from '@pegasus-http/spec/wire';
import { describe, expect, it } from 'vitest';

describe('writeWireJson', () => {
  it('table_printer: compact, insertion order, a trailing newline', () => {
    const body = { general: { app_name: 'test_meta_http', app_id: '2', partition_count: '8', max_replica_count: '3' } };
    expect(writeWireJson(body, 'table_printer')).toBe(
      '{"general":{"app_name":"test_meta_http","app_id":"2","partition_count":"8","max_replica_count":"3"}}\n',
    );
  });

  it('nlohmann: keys sorted byte-wise at every level, even integer-like ones', () => {
    const body = { '0': { data_version: '1' }, '1': { data_version: '1' }, '2': { data_version: '1' }, '10': { data_version: '1' } };
    expect(writeWireJson(body, 'nlohmann')).toBe(
      '{"0":{"data_version":"1"},"1":{"data_version":"1"},"10":{"data_version":"1"},"2":{"data_version":"1"}}',
    );
    expect(writeWireJson({ status: { running: 1, queuing: 1, idle: 6, finished: 0 } }, 'nlohmann')).toBe(
      '{"status":{"finished":0,"idle":6,"queuing":1,"running":1}}',
    );
  });

  it('rapidjson_pretty: 4-space indent, empty containers inline, no trailing newline', () => {
    const body = { cluster: 'onebox', port: 34601, timestamp_ns: 1716188591123456800n, entities: [], attributes: {} };
    expect(writeWireJson(body, 'rapidjson_pretty')).toBe(
      '{\n    "cluster": "onebox",\n    "port": 34601,\n    "timestamp_ns": 1716188591123456800,\n    "entities": [],\n    "attributes": {}\n}',
    );
  });

  it('nlohmann_indent2: sorted keys, 2-space indent', () => {
    const body = { 'replica.slow_query_threshold': { type: 'unsigned int64', limitation: '>= 20', sample: '1000' } };
    expect(writeWireJson(body, 'nlohmann_indent2')).toBe(
      '{\n  "replica.slow_query_threshold": {\n    "limitation": ">= 20",\n    "sample": "1000",\n    "type": "unsigned int64"\n  }\n}',
    );
  });

  it('escapes like the server: quotes and control characters, not slashes or non-ASCII', () => {
    expect(writeWireJson({ k: 'a"b\n/你' }, 'table_printer')).toBe('{"k":"a\\"b\\n/你"}\n');
  });
});

const ok = (path: string, query: Record<string, string> = {}) => ({ ok: true, path, query: new Map(Object.entries(query)) });
const error = (message: string) => ({ ok: false, error: `ERR_INVALID_PARAMETERS: ${message}` });

describe('parsePegasusTarget', () => {
  it.each([
    ['/', ok('')],
    ['//', ok('')],
    ['/metrics/', ok('metrics')],
    ['//pprof///heap/', ok('pprof/heap')],
    ['/pprof%2Fheap', ok('pprof/heap')],
    ['/%20version', ok('version')],
    ['/ver%00sion', ok('ver')],
    ['/Version', ok('Version')],
    ['http://h:34801/version?x=1', ok('version', { x: '1' })],
    ['/x#frag?a=1', ok('x')],
    ['/x?a=1#frag', ok('x', { a: '1' })],
    ['/x?a=1&a', ok('x', { a: '1' })],
    ['/x?a&a', ok('x', { a: '' })],
    ['/x?a=1&&b=2', ok('x', { a: '1', b: '2' })],
    ['/x?a=1&%20b%20=%202%20', ok('x', { a: '1', 'b ': ' 2' })],
    ['/x?=', ok('x', { '': '' })],
    ['/x?%20=%20', ok('x', { '': '' })],
    ['/x?%3D1', ok('x', { '': '1' })],
    ['/x?', ok('x')],
    ['/x?a==b', ok('x', { a: '=b' })],
    ['/x?a=1%26b=2', ok('x', { a: '1', b: '2' })],
    ['/x?name=a+b', ok('x', { name: 'a+b' })],
    ['/x?name=%E4%BD%A0', ok('x', { name: '你' })],
    ['/x?detail', ok('x', { detail: '' })],
    ['/x?detail=', ok('x', { detail: '' })],
    ['/x?types=replica,%20server%20,,disk', ok('x', { types: 'replica, server ,,disk' })],
  ])('%s', (target, expected) => {
    expect(parsePegasusTarget(target)).toEqual(expected);
  });

  it.each([
    ['/x?a=1&a=2', error('duplicate parameter: a')],
    ['/x?a&a=1', error('duplicate parameter: a')],
    ['/x?a=1&%61=2', error('duplicate parameter: a')],
    ['/x?name=%ZZabc', error('The characters ZZabc do not form a hex value. Please escape it or pass a valid hex value')],
    ['/x?name=abc%2', error('Encountered partial escape sequence at end of string')],
    ['/x?name=a%', error('Encountered partial escape sequence at end of string')],
    ['/a%', error('Encountered partial escape sequence at end of string')],
  ])('%s fails', (target, expected) => {
    expect(parsePegasusTarget(target)).toEqual(expected);
  });
});

describe('splitArgs', () => {
  it('trims blanks and tabs in front, blanks, tabs, CR and LF behind, drops empty items and stops at a NUL', () => {
    expect(splitArgs(' a\t, b \r\n,,\tc', ',')).toEqual(['a', 'b', 'c']);
    expect(splitArgs('a,b\0,c', ',')).toEqual(['a', 'b']);
  });
});

describe('listItemProblem', () => {
  it.each([
    ['a,b', /contains ","/],
    ['a&b', /contains "&"/],
    ['', /is empty/],
    [' a', /begins with a space or tab/],
    ['a\n', /ends with a space, tab, CR or LF/],
    ['a\0b', /NUL byte/],
    ['\uD800', /lone UTF-16 surrogate/],
  ])('%j: %s', (item, reason) => {
    expect(listItemProblem(item)).toMatch(reason);
  });

  it('accepts what the server reads back as the same item', () => {
    for (const item of ['replica', 'a b', 'a=b', '%2C', '表']) {
      expect(listItemProblem(item)).toBeUndefined();
      const target = parsePegasusTarget(`/x?l=${encodeURIComponent(item)}`);
      expect(target.ok && splitArgs(target.query.get('l')!, ',')).toEqual([item]);
    }
  });
});

describe('standbyLocation', () => {
  it('joins the primary, the normalised path and the decoded parameters without escaping them', () => {
    expect(
      standbyLocation(
        'host1:34601',
        'meta/app',
        new Map([
          ['name', 'a b'],
          ['detail', ''],
        ]),
      ),
    ).toBe('http://host1:34601/meta/app?name=a b&detail=');
    expect(standbyLocation('http://127.0.0.1:34601/', 'meta/apps', new Map())).toBe('http://127.0.0.1:34601/meta/apps');
  });
});

describe('nextRedirect', () => {
  it('resolves the Location against the last URL of the chain', () => {
    expect(nextRedirect(['http://a:1/x'], '/y?n=1', 5)).toEqual({ ok: true, url: 'http://a:1/y?n=1' });
  });

  it('stops at a loop, after too many hops, and without a usable Location', () => {
    expect(nextRedirect(['http://a:1/x', 'http://b:1/x'], 'http://a:1/x', 5)).toMatchObject({ ok: false, reason: 'loop' });
    expect(nextRedirect(['http://a:1/1', 'http://a:1/2', 'http://a:1/3'], '/4', 2)).toMatchObject({ ok: false, reason: 'too-many' });
    expect(nextRedirect(['http://a:1/x'], '', 5)).toMatchObject({ ok: false, reason: 'no-location' });
    expect(nextRedirect(['http://a:1/x'], 'ftp://b/x', 5)).toMatchObject({ ok: false, reason: 'no-location' });
  });
});

describe('parsePegasusTarget in v2.4.0 (boost::split: nothing trimmed, empty tokens kept)', () => {
  const ok = (path: string, query: Record<string, string> = {}) => ({ ok: true, path, query: new Map(Object.entries(query)) });
  it.each([
    ['/meta/apps?detail&', ok('meta/apps', { detail: '', '': '' })],
    ['/x?&', ok('x', { '': '' })],
    ['/x?a=1&&b=2', ok('x', { a: '1', '': '', b: '2' })],
    ['/meta/app%20?name=temp%20', ok('meta/app ', { name: 'temp ' })],
    ['//pprof///heap/', ok('pprof/heap')],
    ['/version%00x', ok('version\0x')],
  ])('%s', (target, expected) => {
    expect(parsePegasusTarget(target, 'v2.4.0')).toEqual(expected);
  });

  it('fails on a name given twice with `=`, the empty name included', () => {
    expect(parsePegasusTarget('/x?&=x', 'v2.4.0')).toEqual({ ok: false, error: 'ERR_INVALID_PARAMETERS: duplicate parameter: ' });
  });

  it('reads the same targets as master in v2.5.0', () => {
    for (const target of ['/meta/apps?detail&', '/x?a=1&&b=2', '/meta/app%20?name=temp%20', '/version%00x']) {
      expect(parsePegasusTarget(target, 'v2.5.0')).toEqual(parsePegasusTarget(target));
    }
  });
});
