// The matrix for orval: see matrix-suite.ts.
import { matrixSuite } from './matrix-suite.js';

matrixSuite('orval');
