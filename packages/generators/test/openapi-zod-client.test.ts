// The matrix for openapi-zod-client: see matrix-suite.ts.
import { matrixSuite } from './matrix-suite.js';

matrixSuite('openapi-zod-client');
