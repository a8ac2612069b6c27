export { DEFAULT_HOST, DEFAULT_PORTS } from './defaults.js';
export { startMock, startMocks, type MockOptions, type MockServer, type MocksOptions } from './server.js';
export { parsePegasusTarget, requestParseErrorBody, serviceNotFoundBody, splitArgs, decodeUri, type PegasusTarget } from './pegasus-request.js';
