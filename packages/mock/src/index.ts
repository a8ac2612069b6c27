export { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_STANDBY_PORT } from './defaults.js';
export { startMock, startMocks, type MockOptions, type MockServer, type MocksOptions, type Mocks } from './server.js';
export { parsePegasusTarget, requestParseErrorBody, serviceNotFoundBody, splitArgs, decodeUri, type PegasusTarget } from './pegasus-request.js';
