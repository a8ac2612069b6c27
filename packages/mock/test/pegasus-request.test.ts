// The request-target reading of the wire mode, checked against the cases the reference executed
// against the server's own parsing code (../shared/reference, Appendix B).
import { describe, expect, it } from 'vitest';
import { parsePegasusTarget } from '../src/pegasus-request.js';

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
