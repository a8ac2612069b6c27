// The matrix for kubb: see matrix-suite.ts.
import { matrixSuite } from './matrix-suite.js';

matrixSuite('kubb');
