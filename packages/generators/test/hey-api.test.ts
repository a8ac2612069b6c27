// The matrix for hey-api: see matrix-suite.ts.
import { matrixSuite } from './matrix-suite.js';

matrixSuite('hey-api');
