// Wire mode looks like a real Pegasus server at the byte level, and no bad request brings either
// mode down.
import { documentedAnswer, operationIndex, writeWireJson } from '@pegasus-http/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, type Mocks, startMock, startMocks } from '../src/index.js';
import { firstResponse, sendOnly, untilClosed } from './raw-http.js';

const ODD_ATTRIBUTES = 'the number of arguments for attributes should be even, since each attribute name always pairs with a value';

describe('wire mode', () => {
  let meta: MockServer;
  let replica: MockServer;
  beforeAll(async () => {
    meta = await startMock({ role: 'meta-server', port: 0, wire: true });
    replica = await startMock({ role: 'replica-server', port: 0, wire: true });
  });
  afterAll(async () => {
    await meta.close();
    await replica.close();
  });

  it('answers with exactly the headers and bytes of a Pegasus server', async () => {
    const text = await firstResponse(meta.url, 'GET /version HTTP/1.1\r\nHost: x\r\n\r\n');
    const body = '{"Version":"2.6.0-SNAPSHOT","GitCommit":"db756dcdf24e2af6169659a67548501ed61f106c"}\n';
    expect(text).toBe(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  });

  it('answers an unknown path with the server 404 and its normalised path', async () => {
    const response = await fetch(`${meta.url}//meta%2Fnothing///here/`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe('service not found for "meta/nothing/here"');
  });

  it('answers a call of the other role with 404, as that server would', async () => {
    const response = await fetch(`${replica.url}/envs/list`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('service not found for "envs/list"');
  });

  it('answers a duplicated query parameter with the framework 400', async () => {
    const response = await fetch(`${meta.url}/config?name=a&name=b`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe('failed to parse request: ERR_INVALID_PARAMETERS: duplicate parameter: name');
  });

  it('answers a bad percent-escape with the framework 400', async () => {
    const response = await fetch(`${meta.url}/config?name=%ZZabc`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      'failed to parse request: ERR_INVALID_PARAMETERS: The characters ZZabc do not form a hex value. Please escape it or pass a valid hex value',
    );
  });

  it('normalises paths as the server does', async () => {
    const response = await fetch(`${meta.url}//%20version/`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ Version: '2.6.0-SNAPSHOT', GitCommit: 'db756dcdf24e2af6169659a67548501ed61f106c' });
  });

  it('treats POST like GET', async () => {
    const get = await fetch(`${meta.url}/recentStartTime`);
    const post = await fetch(`${meta.url}/recentStartTime`, { method: 'POST' });
    expect(post.status).toBe(200);
    expect(await post.text()).toBe(await get.text());
  });

  it('reads the __code and __example query parameters when there is no Prefer header, as Prism does', async () => {
    const release = documentedAnswer(operationIndex('meta-server').byId('version_get'), 200, 'release');
    const response = await fetch(`${meta.url}/version?__code=200&__example=release`);
    expect(response.status).toBe(200);
    expect(release?.media.serializer).toBe('table_printer');
    expect(await response.text()).toBe(writeWireJson(release?.value, 'table_printer'));
  });

  it("answers a preference Prism cannot read with Prism's 422, as text", async () => {
    const response = await fetch(`${meta.url}/version`, { headers: { Prefer: 'code=abc, dynamic=yes' } });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe(
      'Invalid request: optional property "code"\n└─ cannot decode "abc", should be a number\noptional property "dynamic"\n└─ cannot decode "yes", should be a boolean',
    );
  });

  it.each(['PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'])('closes the connection on %s without an answer', async (method) => {
    expect(await untilClosed(meta.url, `${method} /version HTTP/1.1\r\nHost: x\r\n\r\n`)).toBe('');
  });

  it('closes the connection on bytes that are not HTTP, and keeps serving', async () => {
    expect(await untilClosed(meta.url, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01, 0x00]))).toBe('');
    expect((await fetch(`${meta.url}/version`)).status).toBe(200);
  });
});

describe.each([false, true])('a mock (wire mode: %s) survives bad requests', (wire) => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ role: 'meta-server', port: 0, wire });
  });
  afterAll(async () => mock.close());

  it.each([
    [
      'a malformed JSON body',
      () => fetch(`${mock.url}/pprof/symbol`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"unterminated' }),
    ],
    ['a huge query', () => fetch(`${mock.url}/config?name=${'x'.repeat(6000)}`)],
    ['an unknown Prefer example', () => fetch(`${mock.url}/version`, { headers: { Prefer: 'example=nothing' } })],
    ['a malformed Prefer header', () => fetch(`${mock.url}/version`, { headers: { Prefer: 'code=abc' } })],
    ['a wrong parameter type', () => fetch(`${mock.url}/pprof/heap?seconds=-5`)],
    ['an unknown path', () => fetch(`${mock.url}/no/such/path`)],
    ['a half-sent request', () => sendOnly(mock.url, 'GET /version HTTP/1.1\r\nHost: x\r\nContent-Le')],
    [
      'a body larger than announced',
      () => sendOnly(mock.url, 'POST /pprof/symbol HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n0x1+0x2+0x3'),
    ],
  ])('%s', async (_name, send) => {
    const answer = await send();
    if (answer instanceof Response) expect(answer.status).toBeGreaterThanOrEqual(200);
    const after = await fetch(`${mock.url}/version`);
    expect(after.status).toBe(200);
  });
});

// Every rule of every operation is broken in rules.test.ts; here, the requests of the issue, byte for byte.
describe("the handler's checks in wire mode", () => {
  let mocks: Mocks;
  beforeAll(async () => {
    mocks = await startMocks({ metaPort: 0, replicaPort: 0, standbyPort: 0, wire: true });
  });
  afterAll(async () => mocks.close());
  const metricsError = (message: string) => `{\n    "error_message": "${message}"\n}`;

  it.each([
    ['/meta/apps?foo=1', 400, ''],
    ['/configs?detail', 400, ''],
    ['/config?name=', 400, "name shouldn't be empty"],
    ['/metrics?detail=maybe', 400, metricsError('the value of detail should be a boolean value, i.e. true or false')],
    ['/metrics?foo=1', 400, metricsError('unknown field foo=1')],
    ['/metrics?types=replica&attributes=table_id', 400, metricsError(ODD_ATTRIBUTES)],
  ])('answers %s as the server does', async (target, status, text) => {
    for (const mock of target.startsWith('/meta/') ? [mocks.meta] : [mocks.meta, mocks.replica]) {
      const response = await fetch(`${mock.url}${target}`);
      expect([response.status, response.headers.get('content-type'), await response.text()], mock.role).toEqual([
        status,
        'text/plain',
        text,
      ]);
    }
  });

  it('answers a broken rule whatever the request prefers', async () => {
    const response = await fetch(`${mocks.meta.url}/meta/apps?foo=1`, { headers: { Prefer: 'code=200' } });
    expect([response.status, await response.text()]).toEqual([400, '']);
  });

  it('serves a request that breaks no rule, even one the schemas would refuse (app_id=0x1f is 31 to the server)', async () => {
    const response = await fetch(`${mocks.replica.url}/replica/data_version?app_id=0x1f`);
    expect(response.status).toBe(200);
  });

  it('leaves the __code … parameters out of the checks when it reads them as preferences, and only then', async () => {
    const operation = operationIndex('meta-server').byId('config_update');
    const [notMutable, notExactlyOne] = ['notMutable', 'notExactlyOne'].map((example) => documentedAnswer(operation, 200, example));
    const target = `${mocks.meta.url}/updateConfig?config_sync_interval_ms=20000&__example=notMutable`;
    expect(await (await fetch(target)).text()).toBe(writeWireJson(notMutable!.value, 'table_printer'));
    const preferring = await fetch(target, { headers: { Prefer: 'code=200' } });
    expect(await preferring.text()).toBe(writeWireJson(notExactlyOne!.value, 'table_printer'));
  });

  it('reads a JSON body whatever its Content-Type, and answers one that does not decode with the check that refuses it', async () => {
    const send = (body: string) =>
      fetch(`${mocks.meta.url}/meta/app/usage_scenario`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await send(JSON.stringify({ app_name: 'temp', scenario: 'bulk_load' }))).status).toBe(200);
    const refused = await send('app_name=temp');
    expect([refused.status, await refused.text()]).toEqual([400, 'invalid request structure']);
    const badScenario = await send(JSON.stringify({ app_name: 'temp', scenario: 'fast' }));
    expect(badScenario.status).toBe(400);
  });

  it("makes a standby's first checks before its 307, and only those", async () => {
    const unknown = await fetch(`${mocks.standby!.url}/meta/apps?foo=1`, { redirect: 'manual' });
    expect([unknown.status, unknown.headers.get('location'), await unknown.text()]).toEqual([400, null, '']);
    const empty = await fetch(`${mocks.standby!.url}/meta/app?name=`, { redirect: 'manual' });
    expect([empty.status, empty.headers.get('location')]).toEqual([307, `${mocks.meta.url}/meta/app?name=`]);
  });
});

describe('a default-mode mock is plain Prism', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ role: 'meta-server', port: 0 });
  });
  afterAll(async () => mock.close());

  it("makes none of the handler's checks, and validates requests as Prism does", async () => {
    const unknown = await fetch(`${mock.url}/meta/apps?foo=1`);
    expect([unknown.status, unknown.headers.get('content-type')]).toEqual([200, 'application/json']);
    expect((await fetch(`${mock.url}/config`)).status).toBe(400);
  });
});

// What each release's standby does with every call is in standby.test.ts; here, master's 307 byte for byte.
describe("the standby MetaServer of master's wire mode", () => {
  let mocks: Mocks;
  beforeAll(async () => {
    mocks = await startMocks({ metaPort: 0, replicaPort: 0, standbyPort: 0, wire: true });
  });
  afterAll(async () => mocks.close());

  it("redirects a /meta/* call to the primary with a 307, an empty body and the server's Location", async () => {
    const response = await fetch(`${mocks.standby!.url}/meta/app?name=temp&detail`, { redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('location')).toBe(`${mocks.meta.url}/meta/app?name=temp&detail=`);
    expect(await response.text()).toBe('');
  });

  it('builds the Location from the request: the normalised path, the parameters as decoded, not encoded again', async () => {
    const response = await fetch(`${mocks.standby!.url}//meta//app/?name=my%20table&detail=true&__code=404`, { redirect: 'manual' });
    expect(response.status).toBe(307);
    // The mock's own preference parameters are not checked, but they are parameters of the request: they follow it.
    expect(response.headers.get('location')).toBe(`${mocks.meta.url}/meta/app?name=my table&detail=true&__code=404`);
  });

  it('gives a primary asked for its documented 307 the Location built from the request, naming itself', async () => {
    const response = await fetch(`${mocks.meta.url}//meta/app?name=my%20table&detail`, {
      redirect: 'manual',
      headers: { Prefer: 'code=307' },
    });
    expect([response.status, response.headers.get('location'), await response.text()]).toEqual([
      307,
      `${mocks.meta.url}/meta/app?name=my table&detail=`,
      '',
    ]);
  });

  it('keeps a POST and its body through the redirect, to the primary', async () => {
    const body = JSON.stringify({ app_name: 'temp', scenario: 'bulk_load' });
    const response = await fetch(`${mocks.standby!.url}//meta/app/usage_scenario`, { method: 'POST', body });
    expect(response.redirected).toBe(true);
    expect(response.url).toBe(`${mocks.meta.url}/meta/app/usage_scenario`);
    expect(await response.json()).toEqual({ error: 'ERR_OK', hint_message: '' });
  });

  it('answers the calls every server serves itself, and /envs/list', async () => {
    for (const path of ['/', '/version', '/envs/list']) {
      const response = await fetch(`${mocks.standby!.url}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(200);
    }
  });
});

describe('x-pegasus-post in wire mode', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ role: 'replica-server', port: 0, wire: true });
  });
  afterAll(async () => mock.close());

  it('answers a POST to /metrics with the documented refusal, as the server does', async () => {
    const response = await fetch(`${mock.url}/metrics`, { method: 'POST' });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('{\n    "error_message": "please use \'GET\' method while querying for metrics"\n}');
  });

  it('answers it so whatever the request prefers or carries', async () => {
    const response = await fetch(`${mock.url}/metrics?types=replica`, {
      method: 'POST',
      headers: { Prefer: 'code=200, example=brief' },
      body: 'x',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('{\n    "error_message": "please use \'GET\' method while querying for metrics"\n}');
  });
});

describe('a v2.4.0 wire mock reads the request target as v2.4.0 does', () => {
  let meta: MockServer;
  beforeAll(async () => {
    meta = await startMock({ role: 'meta-server', port: 0, wire: true, release: 'v2.4.0' });
  });
  afterAll(async () => meta.close());

  it('keeps the blanks around a path segment, so `/version%20` is an unknown path there', async () => {
    const response = await fetch(`${meta.url}/version%20`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('service not found for "version "');
  });
});
