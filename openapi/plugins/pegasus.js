// The project's conventions as Redocly lint rules, and the decorator that completes each root
// document's description. Every rule here is switched on in ../redocly.yaml; openapi/README.md
// says what each convention is for.
import { readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const OPENAPI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VERBS = ['get', 'list', 'count', 'lookup', 'query', 'start', 'update'];
const OPERATION_ID = new RegExp(`^[a-z][A-Za-z0-9]*_(${VERBS.join('|')})$`);
const VERSION = /^\d+\.\d+\.\d+(-SNAPSHOT)?$/;
const RELEASES = ['v2.4.0', 'v2.5.0'];
const SERIALIZERS = ['table_printer', 'rapidjson_pretty', 'nlohmann', 'nlohmann_indent2'];
const PATH_FOLDERS = ['common', 'meta', 'replica'];
// The calls that need a safety mark (`x-pegasus-safety`), by URL path: those that change the
// server's or the cluster's state, and those that run a profiler or expose the process.
const SAFETY = [
  { mark: 'mutating', paths: /^\/(updateConfig|meta\/app\/start_[a-z_]+|meta\/app\/usage_scenario)$/ },
  { mark: 'profiling', paths: /^\/pprof\/[a-z_]+$/ },
];

/** The safety mark a URL path's operations must carry, or undefined when they must carry none. */
export function safetyMark(urlPath) {
  return SAFETY.find(({ paths }) => paths.test(urlPath))?.mark;
}

/** The file (relative to openapi/, with `/` separators) a node was read from. */
function sourceFile(ctx) {
  return relative(OPENAPI_DIR, ctx.location.source.absoluteRef).split(sep).join('/');
}

/** The path-item file name a URL path must live in: `/meta/app` → `meta_app.yaml`, `/` → `root.yaml`. */
export function pathFileName(urlPath) {
  return urlPath === '/' ? 'root.yaml' : `${urlPath.slice(1).replaceAll('/', '_')}.yaml`;
}

// A schema that describes an object value (`type: object`); a bare `properties` in an `if` or
// `then` only constrains one, and an `if` is a condition, which describes no value.
function isObjectSchema(schema) {
  return [].concat(schema.type ?? []).includes('object');
}

function isCondition(ctx) {
  return /\/if$/.test(ctx.location.pointer);
}

// operationId is `<resource>_<verb>`, the resource in lowerCamelCase and the verb from VERBS.
function OperationIdStyle() {
  return {
    Operation(operation, ctx) {
      if (!OPERATION_ID.test(operation.operationId ?? '')) {
        ctx.report({
          message: `operationId must look like <resource>_<verb> with a verb among ${VERBS.join(', ')}.`,
          location: ctx.location.child('operationId'),
        });
      }
    },
  };
}

// Every operation states its first release, how v2.4.0 and v2.5.0 differ, and where its handler is.
function OperationHistory() {
  return {
    Operation(operation, ctx) {
      const since = operation['x-pegasus-since'];
      if (typeof since !== 'string' || !VERSION.test(since)) {
        ctx.report({ message: '`x-pegasus-since` must be a release such as `2.2.0` (or `2.6.0-SNAPSHOT` for master only).', location: ctx.location.key() });
      }
      const differences = operation['x-pegasus-differences'] ?? {};
      for (const release of RELEASES) {
        if (typeof differences[release] !== 'string' || differences[release].trim() === '') {
          ctx.report({ message: `\`x-pegasus-differences\` must say how ${release} differs from master.`, location: ctx.location.key() });
        }
      }
      const extra = Object.keys(differences).filter((k) => !RELEASES.includes(k));
      if (extra.length > 0) {
        ctx.report({ message: `\`x-pegasus-differences\` knows only ${RELEASES.join(' and ')}, not ${extra.join(', ')}.`, location: ctx.location.child('x-pegasus-differences') });
      }
      if (typeof operation['x-pegasus-source'] !== 'string' || !/^src\//.test(operation['x-pegasus-source'])) {
        ctx.report({ message: '`x-pegasus-source` must cite the handler as `src/<path>:<lines>` in apache/incubator-pegasus.', location: ctx.location.key() });
      }
    },
  };
}

// Every operation declares a `default` response, so that typed clients get an error type.
function OperationDefaultResponse() {
  return {
    Operation(operation, ctx) {
      if (!operation.responses?.default) {
        ctx.report({ message: 'Declare a `default` response ($ref components/responses/Unexpected.yaml).', location: ctx.location.child('responses').key() });
      }
    },
  };
}

// A media type other than text/plain records the real wire label in `x-pegasus-wire`, and a JSON
// one says which of the server's writers produced the bytes.
function WireLabel() {
  let inResponse = false;
  return {
    Response: { enter() { inResponse = true; }, leave() { inResponse = false; } },
    MediaTypesMap(map, ctx) {
      if (!inResponse) return;
      for (const [mediaType, media] of Object.entries(map)) {
        const where = ctx.location.child([mediaType]);
        if (mediaType === 'text/plain') {
          if (media['x-pegasus-wire'] !== undefined) {
            ctx.report({ message: 'text/plain is already the wire label; drop `x-pegasus-wire`.', location: where.child('x-pegasus-wire') });
          }
          continue;
        }
        const wire = media['x-pegasus-wire'];
        if (wire?.['content-type'] !== 'text/plain') {
          ctx.report({ message: `${mediaType} is not what the server sends: add \`x-pegasus-wire: {content-type: text/plain}\`.`, location: where.key() });
        }
        if (mediaType === 'application/json' && !SERIALIZERS.includes(wire?.serializer)) {
          ctx.report({ message: `\`x-pegasus-wire.serializer\` must be one of ${SERIALIZERS.join(', ')}.`, location: where.key() });
        }
      }
    },
  };
}

// Every request and response body has named examples (`examples:`, never `example:`), each in its
// own file: examples/<operationId>/<operationId>_<status>_<name>.yaml (`request` for the status of a
// request body; the operationId makes the name unique, since bundling names components after files),
// or a shared one in components/examples/.
function ExampleFiles() {
  let operationId;
  let status;
  return {
    Operation: { enter(op) { operationId = op.operationId; }, leave() { operationId = undefined; } },
    Response: { enter(_r, ctx) { status = String(ctx.key); }, leave() { status = undefined; } },
    RequestBody: { enter() { status = 'request'; }, leave() { status = undefined; } },
    MediaType(media, ctx) {
      if (!operationId || !status) return;
      if (media.example !== undefined) {
        ctx.report({ message: 'Use named `examples`, each in its own file, not `example`.', location: ctx.location.child('example').key() });
      }
      if (!media.examples || Object.keys(media.examples).length === 0) {
        if (status !== 'default') {
          ctx.report({ message: 'Every body needs at least one example.', location: ctx.location.key() });
        }
        return;
      }
      for (const [name, example] of Object.entries(media.examples)) {
        if (!example.$ref) {
          ctx.report({ message: `Example \`${name}\` must be a $ref to its own file.`, location: ctx.location.child(['examples', name]).key() });
          continue;
        }
        const target = relative(OPENAPI_DIR, resolve(dirname(ctx.location.source.absoluteRef), example.$ref)).split(sep).join('/');
        const own = `examples/${operationId}/${operationId}_${status}_${name}.yaml`;
        const shared = /^components\/examples\/[A-Z][A-Za-z0-9]*\.yaml$/.test(target);
        if (target !== own && !shared) {
          ctx.report({ message: `Example \`${name}\` must live in ${own} (or be shared from components/examples/).`, location: ctx.location.child(['examples', name]).key() });
        }
      }
    },
  };
}

// Each path item lives in paths/<common|meta|replica>/<file named after the URL path>.
function PathFiles() {
  return {
    PathItem(_item, ctx) {
      const file = sourceFile(ctx);
      const [top, folder, name] = file.split('/');
      if (top !== 'paths' || !PATH_FOLDERS.includes(folder) || name !== pathFileName(String(ctx.key))) {
        ctx.report({
          message: `Path ${ctx.key} must be in paths/<${PATH_FOLDERS.join('|')}>/${pathFileName(String(ctx.key))}, not ${file}.`,
          location: ctx.location.key(),
        });
      }
    },
  };
}

// Object schemas are named components: one per file in components/schemas/, file name = name.
// Inline schemas are fine for strings, numbers and compositions of $refs.
function NamedObjectSchemas() {
  return {
    Schema(schema, ctx) {
      if (!isObjectSchema(schema) || isCondition(ctx)) return;
      const file = sourceFile(ctx);
      const isComponentRoot = /^components\/schemas\/[A-Z][A-Za-z0-9]*\.yaml$/.test(file) && ctx.location.pointer === '#/';
      if (!isComponentRoot) {
        ctx.report({ message: 'An object schema must be a named component in components/schemas/<Name>.yaml.', location: ctx.location.key() });
      }
    },
  };
}

// Component files are named in PascalCase after the component.
function ComponentFiles() {
  return {
    ref: {
      enter(ref, ctx) {
        const target = relative(OPENAPI_DIR, resolve(dirname(ctx.location.source.absoluteRef), ref.$ref)).split(sep).join('/');
        if (target.startsWith('components/') && !/^components\/(schemas|parameters|responses|headers|examples)\/[A-Z][A-Za-z0-9]*\.yaml$/.test(target)) {
          ctx.report({ message: `Component files are components/<kind>/<PascalName>.yaml, not ${target}.`, location: ctx.location.key() });
        }
      },
    },
  };
}

// `x-pegasus-post` (on a GET whose handler refuses POST) names a documented answer of the same
// operation: one of its statuses, and an example under that status.
function PostAnswer() {
  return {
    Operation(operation, ctx) {
      const post = operation['x-pegasus-post'];
      if (post === undefined) return;
      const location = ctx.location.child('x-pegasus-post');
      if (ctx.key !== 'get' || ctx.parent?.post !== undefined) {
        ctx.report({ message: '`x-pegasus-post` belongs on the GET of a path without a described POST.', location: location.key() });
      }
      const extra = Object.keys(post ?? {}).filter((k) => !['status', 'example'].includes(k));
      if (extra.length > 0) ctx.report({ message: `\`x-pegasus-post\` has only \`status\` and \`example\`, not ${extra.join(', ')}.`, location: location.key() });
      const status = String(post?.status);
      let response = operation.responses?.[status];
      if (response?.$ref) response = ctx.resolve(response).node;
      if (!response) {
        ctx.report({ message: `\`x-pegasus-post.status\` ${status} is not one of the operation's responses.`, location: location.child('status') });
        return;
      }
      const names = Object.values(response.content ?? {}).flatMap((media) => Object.keys(media.examples ?? {}));
      if (!names.includes(post.example)) {
        ctx.report({ message: `\`x-pegasus-post.example\` must name an example of the ${status} response (${names.join(', ') || 'none'}).`, location: location.child('example') });
      }
    },
  };
}

// `x-pegasus-safety` marks exactly the calls that change state (`mutating`) or run a profiler and
// expose the process (`profiling`), so that the docs can warn on them and clients never resend them.
function SafetyMark() {
  let urlPath;
  return {
    PathItem: { enter(_item, ctx) { urlPath = String(ctx.key); }, leave() { urlPath = undefined; } },
    Operation(operation, ctx) {
      const expected = safetyMark(urlPath);
      const actual = operation['x-pegasus-safety'];
      if (actual === expected) return;
      const message = expected
        ? `${urlPath} ${expected === 'mutating' ? 'changes state' : 'runs a profiler or exposes the process'}: add \`x-pegasus-safety: ${expected}\`${actual === undefined ? '' : `, not \`${actual}\``}.`
        : `${urlPath} neither changes state nor exposes the process: remove \`x-pegasus-safety\`.`;
      ctx.report({ message, location: actual === undefined ? ctx.location.key() : ctx.location.child('x-pegasus-safety') });
    },
  };
}

// `x-pegasus-standby` says what a standby MetaServer does with a `/meta/*` call: `redirect` (a
// 307, which the operation documents exactly then), `crash` (no answer), or one of the
// operation's documented answers, `{ status, example }`. Every `/meta/*` operation says it, and
// no other does.
function StandbyAnswer() {
  let urlPath;
  return {
    PathItem: { enter(_item, ctx) { urlPath = String(ctx.key); }, leave() { urlPath = undefined; } },
    Operation(operation, ctx) {
      const standby = operation['x-pegasus-standby'];
      const location = ctx.location.child('x-pegasus-standby');
      const isMeta = /^\/meta\//.test(urlPath ?? '');
      if (standby === undefined) {
        if (isMeta) ctx.report({ message: `${urlPath} is served by the primary MetaServer only: say what a standby does with \`x-pegasus-standby\` (redirect, crash, or { status, example }).`, location: ctx.location.key() });
        if (operation.responses?.['307'] !== undefined) ctx.report({ message: 'A 307 is sent by a standby MetaServer: add `x-pegasus-standby: redirect`.', location: ctx.location.child(['responses', '307']).key() });
        return;
      }
      if (!isMeta) {
        ctx.report({ message: `${urlPath} is not a \`/meta/*\` call: a standby serves it like a primary, so drop \`x-pegasus-standby\`.`, location: location.key() });
      }
      const has307 = operation.responses?.['307'] !== undefined;
      if ((standby === 'redirect') !== has307) {
        ctx.report({
          message: has307 ? 'The operation documents a 307, so a standby redirects it: `x-pegasus-standby: redirect`.' : '`x-pegasus-standby: redirect` needs the 307 the standby sends to be documented.',
          location: location.key(),
        });
      }
      if (standby === 'redirect' || standby === 'crash') return;
      if (standby === null || typeof standby !== 'object' || Array.isArray(standby)) {
        ctx.report({ message: '`x-pegasus-standby` is `redirect`, `crash` or `{ status, example }`.', location: location.key() });
        return;
      }
      const extra = Object.keys(standby).filter((k) => !['status', 'example'].includes(k));
      if (extra.length > 0) ctx.report({ message: `\`x-pegasus-standby\` has only \`status\` and \`example\`, not ${extra.join(', ')}.`, location: location.key() });
      if (!Number.isInteger(standby.status)) ctx.report({ message: '`x-pegasus-standby.status` is a status number, such as 200.', location: location.child('status') });
      let response = operation.responses?.[String(standby.status)];
      if (response?.$ref) response = ctx.resolve(response).node;
      if (!response) {
        ctx.report({ message: `\`x-pegasus-standby.status\` ${standby.status} is not one of the operation's responses.`, location: location.child('status') });
        return;
      }
      const names = Object.values(response.content ?? {}).flatMap((media) => Object.keys(media.examples ?? {}));
      if (!names.includes(standby.example)) {
        ctx.report({ message: `\`x-pegasus-standby.example\` must name an example of the ${standby.status} response (${names.join(', ') || 'none'}).`, location: location.child('example') });
      }
    },
  };
}

// `x-pegasus-rules` lists the checks a handler makes on a request before it serves it, in its
// order (EXTENSIONS.md): each a known check with exactly the keys it needs, reading a declared
// query parameter or a field the body's decoder knows, and naming a documented answer of the
// operation, as `x-pegasus-post` does. `standby: first` marks the checks a standby MetaServer
// makes before its own answer: only on `/meta/*` calls, and only ahead of every other check.
// `vary` names the parameter's texts in the answer, so it needs a parameter check, and each of its
// texts must be in the example's value.
const RULE_KEYS = {
  'unknown-parameter': { required: [], optional: ['vary'] },
  'missing-parameter': { required: ['parameter'], optional: ['vary'] },
  'empty-parameter': { required: ['parameter'], optional: ['vary'] },
  'not-boolean': { required: ['parameter'], optional: ['vary'] },
  'not-integer': { required: ['parameter'], optional: ['format', 'minimum', 'vary'] },
  'odd-list': { required: ['parameter'], optional: ['vary'] },
  'parameter-count': { required: ['count'], optional: [] },
  'undecodable-body': { required: ['fields'], optional: [] },
  'empty-field': { required: ['field'], optional: ['when'] },
  'field-not-in': { required: ['field', 'values'], optional: ['when'] },
  'field-below': { required: ['field', 'minimum'], optional: ['when'] },
};
const BODY_CHECKS = ['undecodable-body', 'empty-field', 'field-not-in', 'field-below'];
const FIELD_TYPES = ['string', 'int32', 'int64'];

/** The example names of an operation's response of a status, and a reader of an example's value. */
function documentedExamples(operation, status, ctx) {
  const reference = operation.responses?.[String(status)];
  if (!reference) return undefined;
  const resolved = reference.$ref ? ctx.resolve(reference) : { node: reference, location: ctx.location };
  const from = resolved.location?.source.absoluteRef;
  const examples = Object.assign({}, ...Object.values(resolved.node?.content ?? {}).map((media) => media.examples ?? {}));
  return {
    names: Object.keys(examples),
    value: (name) => {
      const example = examples[name];
      return example?.$ref ? ctx.resolve(example, from).node?.value : example?.value;
    },
  };
}

function stringsOf(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

function RequestRules() {
  let urlPath;
  return {
    PathItem: { enter(_item, ctx) { urlPath = String(ctx.key); }, leave() { urlPath = undefined; } },
    Operation(operation, ctx) {
      const rules = operation['x-pegasus-rules'];
      if (rules === undefined) return;
      const where = ctx.location.child('x-pegasus-rules');
      if (!Array.isArray(rules)) {
        ctx.report({ message: '`x-pegasus-rules` is a list of checks, in the order the handler makes them.', location: where.key() });
        return;
      }
      const parameters = [...(ctx.parent?.parameters ?? []), ...(operation.parameters ?? [])]
        .map((p) => (p.$ref ? ctx.resolve(p).node : p))
        .filter((p) => p?.in === 'query')
        .map((p) => p.name);
      const decoder = rules.find((rule) => rule?.check === 'undecodable-body')?.fields;
      let standbyDone = false;
      rules.forEach((rule, index) => {
        const at = where.child([index]);
        if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
          ctx.report({ message: 'Each rule is an object: `check`, what it reads, and `answer`.', location: at.key() });
          return;
        }
        const keys = RULE_KEYS[rule.check];
        if (!keys) {
          ctx.report({ message: `\`check\` is one of ${Object.keys(RULE_KEYS).join(', ')}.`, location: at.child('check') });
          return;
        }
        const allowed = ['check', 'answer', 'standby', ...keys.required, ...keys.optional];
        const extra = Object.keys(rule).filter((k) => !allowed.includes(k));
        if (extra.length > 0) ctx.report({ message: `A \`${rule.check}\` rule has only ${allowed.join(', ')}, not ${extra.join(', ')}.`, location: at.key() });
        const missing = keys.required.filter((k) => rule[k] === undefined);
        if (missing.length > 0) ctx.report({ message: `A \`${rule.check}\` rule needs ${missing.join(', ')}.`, location: at.key() });
        if (rule.parameter !== undefined && !parameters.includes(rule.parameter)) {
          ctx.report({ message: `\`parameter\` must name a query parameter of the operation (${parameters.join(', ') || 'none'}).`, location: at.child('parameter') });
        }
        if (rule.format !== undefined && !['int32', 'int64'].includes(rule.format)) ctx.report({ message: '`format` is `int32` or `int64`.', location: at.child('format') });
        for (const key of ['minimum', 'count']) {
          if (rule[key] !== undefined && !Number.isInteger(rule[key])) ctx.report({ message: `\`${key}\` is an integer.`, location: at.child(key) });
        }
        if (BODY_CHECKS.includes(rule.check) && operation.requestBody === undefined) {
          ctx.report({ message: `A \`${rule.check}\` rule reads the request body, which the operation does not describe.`, location: at.child('check') });
        }
        if (rule.fields !== undefined && (typeof rule.fields !== 'object' || Object.values(rule.fields).some((type) => !FIELD_TYPES.includes(type)))) {
          ctx.report({ message: `\`fields\` maps each field the decoder knows to its type: ${FIELD_TYPES.join(', ')}.`, location: at.child('fields') });
        }
        const fieldType = rule.check === 'field-below' ? ['int32', 'int64'] : ['string'];
        for (const [field, types] of [[rule.field, fieldType], ...Object.keys(rule.when ?? {}).map((f) => [f, ['string']])]) {
          if (field === undefined || !decoder) continue;
          if (!types.includes(decoder[field])) ctx.report({ message: `Field \`${field}\` must be one of the decoder's ${types.join(' or ')} fields (the \`undecodable-body\` rule's \`fields\`).`, location: at.key() });
        }
        if (rule.values !== undefined && (!Array.isArray(rule.values) || rule.values.length === 0 || rule.values.some((v) => typeof v !== 'string'))) {
          ctx.report({ message: '`values` lists the accepted strings.', location: at.child('values') });
        }
        if (rule.standby !== undefined) {
          if (rule.standby !== 'first') ctx.report({ message: '`standby` is `first`, or left out.', location: at.child('standby') });
          if (!/^\/meta\//.test(urlPath ?? '')) ctx.report({ message: `${urlPath} is not a \`/meta/*\` call: no standby answers it, so drop \`standby\`.`, location: at.child('standby') });
          if (standbyDone) ctx.report({ message: 'A standby makes its `standby: first` checks before any other: move this rule up.', location: at.child('standby') });
        } else standbyDone = true;
        const answer = rule.answer;
        if (answer === null || typeof answer !== 'object' || !Number.isInteger(answer.status) || typeof answer.example !== 'string') {
          ctx.report({ message: '`answer` is `{ status, example }`, a documented answer of the operation.', location: at.child('answer') });
          return;
        }
        const examples = documentedExamples(operation, answer.status, ctx);
        if (!examples) {
          ctx.report({ message: `\`answer.status\` ${answer.status} is not one of the operation's responses.`, location: at.child('answer').child('status') });
          return;
        }
        if (!examples.names.includes(answer.example)) {
          ctx.report({ message: `\`answer.example\` must name an example of the ${answer.status} response (${examples.names.join(', ') || 'none'}).`, location: at.child('answer').child('example') });
          return;
        }
        if (rule.vary === undefined) return;
        const texts = stringsOf(examples.value(answer.example));
        for (const [literal, template] of Object.entries(rule.vary ?? {})) {
          if (literal === '' || !texts.some((text) => text.includes(literal))) {
            ctx.report({ message: `\`vary\` text \`${literal}\` is not in the value of example ${answer.example}.`, location: at.child(['vary', literal]) });
          }
          if (typeof template !== 'string' || (template.match(/\{[^}]*\}/g) ?? []).some((p) => p !== '{name}' && p !== '{value}')) {
            ctx.report({ message: '`vary` templates hold text, `{name}` and `{value}` only.', location: at.child(['vary', literal]) });
          }
        }
      });
    },
  };
}

// Appends a Markdown file to info.description, so that both root documents share one text.
function AppendInfoDescription({ filePath }) {
  return {
    Info: {
      leave(info) {
        const extra = readFileSync(resolve(OPENAPI_DIR, filePath), 'utf8');
        info.description = `${(info.description ?? '').trimEnd()}\n\n${extra.trim()}\n`;
      },
    },
  };
}

export default function pegasusPlugin() {
  return {
    id: 'pegasus',
    rules: {
      oas3: {
        'operation-id-style': OperationIdStyle,
        'operation-history': OperationHistory,
        'operation-default-response': OperationDefaultResponse,
        'wire-label': WireLabel,
        'example-files': ExampleFiles,
        'path-files': PathFiles,
        'named-object-schemas': NamedObjectSchemas,
        'component-files': ComponentFiles,
        'post-answer': PostAnswer,
        'safety-mark': SafetyMark,
        'standby-answer': StandbyAnswer,
        'request-rules': RequestRules,
      },
    },
    decorators: {
      oas3: {
        'append-info-description': AppendInfoDescription,
      },
    },
  };
}
