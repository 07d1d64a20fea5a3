import { openPgliteStore } from '../../../src/serve/store/pglite.js';
import { describeStoreContract } from './contract.js';

describeStoreContract('PGlite in memory', () => openPgliteStore());
