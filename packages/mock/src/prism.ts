// Prism's modules, loaded for the mock servers. Prism is CommonJS without ESM entry points.
//
// Start time: @stoplight/prism-http's response generator requires @faker-js/faker as it loads, and
// faker requires every one of its locales: about 1,900 of the 2,900 modules Prism loaded, 0.7 s of
// the 1.2 s that requiring Prism took on the project's 2-core machine, and the reason the mock
// took over 2 s to answer after its start (`npm run bench` times the start, step by step). Yet
// faker only serves json-schema-faker's `x-faker` keyword in dynamic answers
// (`Prefer: dynamic=true`), which the mocks give only when asked. So, before Prism loads, the
// module is put in the require cache as a stand-in that loads the real faker the first time
// anything of it is used: a dynamic answer still gets the real faker, and every other answer never
// pays for it. Postman's collection library is deferred the same way (below).
import { createRequire, Module } from 'node:module';
import type { PrismHttpComponents } from '@stoplight/prism-http';

const require = createRequire(import.meta.url);

/**
 * Replaces the module `request` in the require cache, as the last of `requiredFrom` resolves it
 * (each one resolved from the one before), by a stand-in that loads it when first used.
 */
function deferRequire(requiredFrom: readonly string[], request: string, eagerKeys: readonly string[]): void {
  let path: string;
  try {
    const from = requiredFrom.reduce((parent, module) => createRequire(parent).resolve(module), import.meta.url);
    path = createRequire(from).resolve(request);
  } catch {
    return; // Not installed where Prism looks for it: nothing to defer.
  }
  if (require.cache[path]) return;
  let real: Record<PropertyKey, unknown> | undefined;
  const load = (): Record<PropertyKey, unknown> => {
    if (!real) {
      delete require.cache[path];
      real = require(path) as Record<PropertyKey, unknown>;
    }
    return real;
  };
  // A stand-in for a value of the real module: every use of it is a use of the real value.
  const lazyValue = (key: PropertyKey): object =>
    new Proxy(
      {},
      {
        get: (_target, property) => {
          const value = load()[key] as Record<PropertyKey, unknown>;
          const member = Reflect.get(value, property, value);
          return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(value) : member;
        },
        set: (_target, property, newValue) => Reflect.set(load()[key] as object, property, newValue),
        has: (_target, property) => Reflect.has(load()[key] as object, property),
        ownKeys: () => Reflect.ownKeys(load()[key] as object),
        getOwnPropertyDescriptor: (_target, property) => {
          const descriptor = Reflect.getOwnPropertyDescriptor(load()[key] as object, property);
          return descriptor && { ...descriptor, configurable: true };
        },
      },
    );
  // The keys whose values are read when the requiring module loads get stand-ins of their own;
  // any other key loads the real module.
  const standIns = new Map(eagerKeys.map((key) => [key, lazyValue(key)]));
  const stub = new Module(path);
  stub.filename = path;
  stub.loaded = true;
  stub.exports = new Proxy(
    {},
    {
      get: (_target, key) => standIns.get(key as string) ?? load()[key],
      has: (_target, key) => standIns.has(key as string) || key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  require.cache[path] = stub;
}

// prism-http's generator reads `faker_1.default` when it loads (JSONSchemaFaker.extend('faker', …)).
deferRequire(['@stoplight/prism-http'], '@faker-js/faker', ['default', 'faker']);
// Prism also reads Postman collections, through postman-collection (with a faker of its own: about
// 280 modules), which only a Postman document needs; the mocks read OpenAPI documents.
deferRequire(['@stoplight/prism-http', '@stoplight/http-spec/postman/operation'], 'postman-collection', []);

export const { getHttpOperationsFromSpec } = require('@stoplight/prism-http') as typeof import('@stoplight/prism-http');
export const { createServer } = require('@stoplight/prism-http-server') as typeof import('@stoplight/prism-http-server');
export const { createLogger } = require('@stoplight/prism-core') as typeof import('@stoplight/prism-core');
// How Prism's own server reads the Prefer header (and the __code, __example query fallbacks).
export const { getHttpConfigFromRequest } = require('@stoplight/prism-http-server/dist/getHttpConfigFromRequest') as {
  getHttpConfigFromRequest(input: unknown): { _tag: 'Left'; left: Error & { status?: number } } | { _tag: 'Right'; right: Record<string, unknown> };
};

// Prism's server takes its components (`route` among them) as options.
type Route = PrismHttpComponents['route'];
type Operation = Parameters<Route>[0]['resources'][number];
const { default: prismRoute } = require('@stoplight/prism-http/dist/router') as { default: Route };

/**
 * Prism's router, handed only the operations of the request's path. On every request Prism's
 * router sorts and matches every operation of the description, with URI templates: for
 * `GET /version` of the MetaServer, Prism took 136 µs a request with the 25 operations and 59 µs
 * with that path's own (`prism.request` called directly, 2-core machine). When every path is a
 * literal, no two paths match the same request and all operations have the same servers, the
 * operations of the exact request path are the only ones that can match: the route found, and
 * the 404, 405 and server errors, are Prism's own (checked on every described path and method and
 * on unknown, encoded and trailing-slash paths), for less work. A request for a path not described
 * goes to Prism's router with every operation, as before. Returns undefined, to keep Prism's
 * router as it is, when the description does not allow this.
 */
export function routeByExactPath(operations: readonly Operation[]): Route | undefined {
  const signature = (path: string) =>
    path
      .split('/')
      .slice(1)
      .map((fragment) => {
        try {
          return decodeURIComponent(fragment);
        } catch {
          return fragment;
        }
      })
      .join('\0');
  const byPath = new Map<string, Operation[]>();
  const signatures = new Map<string, string>();
  const servers = new Set<string>();
  for (const operation of operations) {
    if (/{.+}/.test(operation.path)) return undefined;
    const known = signatures.get(signature(operation.path));
    if (known !== undefined && known !== operation.path) return undefined;
    signatures.set(signature(operation.path), operation.path);
    servers.add(JSON.stringify(operation.servers ?? []));
    byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  }
  if (servers.size > 1) return undefined;
  return (args) => prismRoute({ ...args, resources: byPath.get(args.input.url.path) ?? args.resources });
}
