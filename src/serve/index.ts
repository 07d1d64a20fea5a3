/**
 * `finmatch/serve`: the engine as an HTTP service for bank systems and platform backends.
 *
 * ```ts
 * import { createServer } from 'finmatch/serve';
 * const server = await createServer({ database: './finmatch-data' });
 * await server.listen(8080);
 * ```
 *
 * The routes, their roles and schemas are in the OpenAPI 3.1 document
 * (`GET /v1/openapi.json`, or `finmatch/openapi.json` in the package).
 *
 * @module
 */
export { createServer, type ServeOptions, type FinmatchServer } from './server.js';
export { MissingDependencyError, SERVICE_PEER_DEPENDENCIES, type ServicePeer } from './peers.js';
export { openStore } from './store/index.js';
export {
  STORED_KINDS,
  ROLES,
  type Store,
  type StoredKind,
  type Change,
  type WriteOp,
  type Role,
  type ApiKeyRow,
  type RankingRow,
  type SnapshotRow,
} from './store/types.js';
export { newKey, hashKey, KEY_CACHE_SECONDS, type Caller } from './auth.js';
export { seedStore, demoKeys, type SeedResult } from './seed.js';
export { openApiDocument } from './api/openapi.js';
export { ROUTES } from './http/routes.js';
export { EngineHost, type EngineHostOptions } from './engine/host.js';
export { MarketState, type StateConfig, type StateInfo } from './engine/state.js';
