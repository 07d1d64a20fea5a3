/**
 * Shared fixtures of the service tests: a small generated market stored once, services on
 * the embedded database or on the PostgreSQL server CI starts (`FINMATCH_TEST_POSTGRES`),
 * and keys of every role.
 */
import { fileURLToPath } from 'node:url';
import { generateMarket } from '../../src/generate/index.js';
import type { Market } from '../../src/generate/types.js';
import { createServer, type FinmatchServer, type ServeOptions } from '../../src/serve/server.js';
import { newKey } from '../../src/serve/auth.js';
import { openStore } from '../../src/serve/store/index.js';
import type { Role, Store } from '../../src/serve/store/types.js';

import { POSTGRES_URL, createTestDatabase as freshPostgres } from './store/pg-helpers.js';

/** The PostgreSQL URL CI provides, if any. */
export { POSTGRES_URL };

/** The built worker script (npm test builds before it tests). */
export const WORKER_PATH = fileURLToPath(new URL('../../dist/serve-worker.cjs', import.meta.url));

/** Evaluation date of the generated market. */
export const AS_OF = '2026-06-30';

let market: Market | undefined;
/** The small generated market (3,458 enterprises, 741 products…), generated once per file. */
export function smallMarket(): Market {
  market ??= generateMarket({ scale: 'small', seed: 7, asOf: AS_OF });
  return market;
}

/** A market cut down for fast route tests: every reference record, some enterprises. */
export function testMarket(enterprises = 400): Market {
  const m = smallMarket();
  const keep = new Set(m.enterprises.slice(0, enterprises).map((e) => e.id));
  return {
    ...m,
    enterprises: m.enterprises.slice(0, enterprises),
    interactions: m.interactions.filter(
      (i) => i.subjectKind === 'project' || keep.has(i.subjectId),
    ),
  };
}

export { storeMarket } from '../../src/serve/seed.js';

/** A database on the CI PostgreSQL server of its own, dropped by `drop`. */
export { freshPostgres };

/** Keys of every role (and two institutions), stored in `store`. */
export async function roleKeys(store: Store, institutions: readonly string[]) {
  const make = async (role: Role, institutionId: string | null) => {
    const { key, row } = newKey(role, institutionId, `${role} ${institutionId ?? ''}`);
    await store.insertKey(row);
    return { key, id: row.id };
  };
  return {
    platform: await make('platform', null),
    analyst: await make('analyst', null),
    institutionA: {
      ...(await make('institution', institutions[0]!)),
      institutionId: institutions[0]!,
    },
    institutionB: {
      ...(await make('institution', institutions[1]!)),
      institutionId: institutions[1]!,
    },
  };
}

/** Two institutions that both have products in the market. */
export function twoInstitutions(m: Market): [string, string] {
  const ids = [...new Set(m.products.map((p) => p.institutionId))].sort();
  return [ids[0]!, ids[1]!];
}

export type Backend = 'pglite' | 'postgres';

/** Backends to run route suites on: the embedded one always, PostgreSQL when CI gives one. */
export const BACKENDS: Backend[] = POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];

/** Opens an empty store on a backend; `cleanup` closes and drops it. */
export async function emptyStore(
  backend: Backend,
): Promise<{ store: Store; database: string; cleanup: () => Promise<void> }> {
  if (backend === 'pglite') {
    const store = await openStore('memory:');
    await store.migrate();
    return { store, database: 'memory:', cleanup: async () => {} };
  }
  const db = await freshPostgres();
  const store = await openStore(db.url);
  await store.migrate();
  return { store, database: db.url, cleanup: db.drop };
}

/** A service on `store` with test-friendly defaults (in-process engine, no logs, no timers). */
export async function service(store: Store, options: ServeOptions = {}): Promise<FinmatchServer> {
  return createServer({
    store,
    workers: 0,
    logger: false,
    engine: { asOf: AS_OF },
    refitIntervalMs: 0,
    syncIntervalMs: 100,
    ...options,
  });
}
