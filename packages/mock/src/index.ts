export { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_STANDBY_PORT } from './defaults.js';
export { type MockOptions, type MockServer, type Mocks, type MocksOptions, startMock, startMocks } from './server.js';
