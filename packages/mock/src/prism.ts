// Prism, through its public API only: the operations of a document, a Prism instance, its own server,
// and the configuration every mock runs it with.
import { createRequire } from 'node:module';
import type { OpenApiDocument } from '@pegasus-http/spec';
import type { IHttpConfig, IHttpOperationConfig } from '@stoplight/prism-http';

// Prism is CommonJS, without ESM entry points.
const require = createRequire(import.meta.url);
const { createInstance, getHttpOperationsFromSpec } = require('@stoplight/prism-http') as typeof import('@stoplight/prism-http');
const { createServer } = require('@stoplight/prism-http-server') as typeof import('@stoplight/prism-http-server');
const { createLogger } = require('@stoplight/prism-core') as typeof import('@stoplight/prism-core');

export type PrismOperations = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;
export type PrismInstance = ReturnType<typeof createInstance>;
export type PrismServer = ReturnType<typeof createServer>;
/** What a request may choose of the mock's answer (Prism's `Prefer` header). */
export type MockPreferences = Partial<Pick<IHttpOperationConfig, 'code' | 'exampleKey' | 'dynamic' | 'seed'>>;

/** Examples, not generated data, unless a request asks; requests validated; nothing proxied. */
export const PRISM_CONFIG: IHttpConfig = {
  mock: { dynamic: false },
  validateRequest: true,
  validateResponse: false,
  checkSecurity: true,
  errors: false,
  isProxy: false,
  upstreamProxy: undefined,
};

/**
 * The wire mode's configuration: the same without Prism's request validation. There the handler's
 * own checks (`x-pegasus-rules`) are made in front of Prism, and a request that passes them is
 * served, as the server serves it, whatever the schemas would say of it.
 */
export const WIRE_PRISM_CONFIG: IHttpConfig = { ...PRISM_CONFIG, validateRequest: false };

/** The configuration of one wire-mode request: WIRE_PRISM_CONFIG with what the request prefers. */
export function wireConfigFor(preferences: MockPreferences): IHttpConfig {
  return { ...WIRE_PRISM_CONFIG, mock: { ...WIRE_PRISM_CONFIG.mock, ...preferences } };
}

/**
 * Prism's operations for a document the spec package has already read (a role's artifact in a
 * release), so that each artifact is read once. Prism dereferences the document it is given in
 * place: it gets a copy.
 */
export function prismOperations(document: OpenApiDocument): Promise<PrismOperations> {
  return getHttpOperationsFromSpec(structuredClone(document));
}

// The mocks log nothing: a mock's answers are its output.
const components = () => ({ logger: createLogger('pegasus-mock', { level: 'silent' }) });

/** A Prism instance, for a server that reads requests itself (the wire mode). */
export function createPrism(): PrismInstance {
  return createInstance(WIRE_PRISM_CONFIG, components());
}

/** Prism's own HTTP server for these operations (the default mode). */
export function createPrismServer(operations: PrismOperations): PrismServer {
  return createServer(operations, { cors: true, config: PRISM_CONFIG, components: components() });
}
