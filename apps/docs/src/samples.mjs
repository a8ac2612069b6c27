// The code samples (`x-codeSamples`) of each operation, generated from the description: a curl
// command and a TypeScript program using @pegasus-http/client, both aimed at a server on
// 127.0.0.1 at the role's default port, so that they run unchanged against `npm start`'s mocks.
// The request they send is the spec's example request of the operation (`exampleRequest`): its
// method and path, every parameter that has an example, and the first example of the request body.
import { exampleRequest } from '@pegasus-http/spec';

/** Where the samples send their requests: the role's default port on loopback, where the mocks listen. */
export const SAMPLE_BASE_URLS = {
  'meta-server': 'http://127.0.0.1:34601',
  'replica-server': 'http://127.0.0.1:34801',
};

const CLIENT_FACTORIES = { 'meta-server': 'createMetaServerClient', 'replica-server': 'createReplicaServerClient' };

/** The `[name, value, encoded?]` pairs a query parameter puts in the URL. */
function queryPairs(parameter, value) {
  if (parameter.style === 'form' && parameter.explode !== false && value && typeof value === 'object' && !Array.isArray(value)) {
    // A free-form object sent as its own pairs (the flag of /updateConfig).
    return Object.entries(value).map(([name, item]) => [name, String(item)]);
  }
  // Lists go comma-joined in one parameter, as Pegasus splits them itself.
  if (Array.isArray(value)) return [[parameter.name, value.map((item) => encodeValue(String(item))).join(','), true]];
  return [[parameter.name, String(value)]];
}

/** The request a sample sends, from an operation of the spec's index: { method, path, query: [[name, value]…], params, body, bodyType, binary }. */
export function sampleRequest(operation) {
  const { query: params, body } = exampleRequest(operation);
  const parameter = (name) => operation.parameters.find((p) => p.name === name);
  return {
    method: operation.method,
    path: operation.path,
    query: Object.entries(params).flatMap(([name, value]) => queryPairs(parameter(name), value)),
    params,
    body,
    bodyType: body === undefined ? undefined : operation.request.mediaType,
    binary: (operation.responses['200']?.media ?? []).some((media) => media.kind === 'binary'),
  };
}

// Percent-escapes what a URL cannot carry as it is, and leaves the characters Pegasus's names and
// addresses use (`@`, `:`, `/`) readable.
function encodeValue(text) {
  return encodeURIComponent(text).replace(/%40/g, '@').replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

/** A word quoted for a POSIX shell, in single quotes. */
export function shellQuote(word) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The URL of a sample request against `baseUrl`. */
export function sampleUrl(baseUrl, request) {
  const query = request.query.map(([name, value, encoded]) => `${encodeValue(name)}=${encoded ? value : encodeValue(value)}`).join('&');
  return `${baseUrl}${request.path}${query ? `?${query}` : ''}`;
}

/** The curl command of an operation, as argv (without the leading `curl`). */
export function curlArguments(role, request) {
  const args = ['-s'];
  if (request.body !== undefined) {
    const json = request.bodyType === 'application/json';
    args.push(
      '-H',
      `Content-Type: ${request.bodyType}`,
      json ? '-d' : '--data-binary',
      json ? JSON.stringify(request.body) : String(request.body),
    );
  } else if (request.method !== 'GET') {
    args.push('-X', request.method);
  }
  if (request.binary) args.push('-o', `${request.path.split('/').pop()}.prof`);
  args.push(sampleUrl(SAMPLE_BASE_URLS[role], request));
  return args;
}

/** The curl sample: one line per option, continued with backslashes. */
export function curlSample(role, request) {
  const args = curlArguments(role, request);
  const lines = [];
  for (let i = 0; i < args.length; i++) {
    const option = args[i];
    if (/^-[HdXo]$|^--data-binary$/.test(option)) lines.push(`${option} ${shellQuote(args[++i])}`);
    else lines.push(shellQuote(option));
  }
  // `curl -s <url>` on the first line, then the other options.
  const url = lines.pop();
  const [silent, ...rest] = lines;
  return [`curl ${silent} ${url}`, ...rest].join(' \\\n  ');
}

function literal(value, indent = '') {
  if (value === null || typeof value !== 'object')
    return typeof value === 'string' ? `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'` : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, indent)).join(', ')}]`;
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
  return `{ ${entries.map(([name, item]) => `${key(name)}: ${literal(item, indent)}`).join(', ')} }`;
}

/** The TypeScript sample: the role's client (of the page's release), the call, and what it answered. */
export function typescriptSample(role, request, release = 'master') {
  const factory = CLIENT_FACTORIES[role];
  const init = [];
  if (Object.keys(request.params).length > 0) init.push(`params: { query: ${literal(request.params)} }`);
  if (request.body !== undefined) init.push(`body: ${literal(request.body)}`);
  const call = `client.${request.method}('${request.path}'${init.length ? `, { ${init.join(', ')} }` : ''})`;
  return [
    `import { ${factory} } from '@pegasus-http/client';`,
    '',
    `const client = ${factory}({ baseUrl: '${SAMPLE_BASE_URLS[role]}'${release === 'master' ? '' : `, release: '${release}'`} });`,
    `const { data, error, response } = await ${call};`,
    `console.log(response.status, data ?? error);`,
  ].join('\n');
}

/** The `x-codeSamples` of an operation of the spec's index: curl, then TypeScript. */
export function codeSamples(role, operation, release = 'master') {
  const request = sampleRequest(operation);
  return [
    { lang: 'Shell', label: 'curl', source: curlSample(role, request) },
    { lang: 'TypeScript', label: 'TypeScript', source: typescriptSample(role, request, release) },
  ];
}
