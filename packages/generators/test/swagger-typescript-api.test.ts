// The matrix for swagger-typescript-api: see matrix-suite.ts.
import { matrixSuite } from './matrix-suite.js';

matrixSuite('swagger-typescript-api');
