/**
 * Opening the service's store from the `database` option: a PostgreSQL URL, `memory:`, or a
 * directory for an embedded (PGlite) database.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { describeValue } from '../../util/describe.js';
import { redactUrl } from './errors.js';
import { openPgliteStore } from './pglite.js';
import { openPostgresStore } from './postgres.js';
import type { Store } from './types.js';

export * from './types.js';
export { StoreConflictError, StoreUnavailableError } from './errors.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export { openPgliteStore, type PgliteStoreOptions } from './pglite.js';
export { openPostgresStore, type PostgresStoreOptions } from './postgres.js';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** PostgreSQL only: most pooled connections (10 by default). */
  poolSize?: number;
  /** PostgreSQL only: how long to wait for a connection, in ms (10 000 by default). */
  connectTimeoutMs?: number;
}

const EXPECTED =
  'expected a postgres:// or postgresql:// URL, "memory:" (an in-memory database), or a directory path';

/** What `database` designates, without opening anything. Throws an `OptionError` when invalid. */
export function parseDatabase(
  database: unknown,
): { kind: 'postgres'; url: string } | { kind: 'memory' } | { kind: 'directory'; path: string } {
  if (database === undefined || database === 'memory:') return { kind: 'memory' };
  if (typeof database !== 'string') {
    throw new OptionError('database', `database: ${EXPECTED}; got ${describeValue(database)}`);
  }
  if (database.trim() === '' || database !== database.trim() || database.includes('\0')) {
    throw new OptionError(
      'database',
      `database: ${EXPECTED}; got ${describeValue(database)} (empty, padded with spaces, or with a NUL character)`,
    );
  }
  if (/^postgres(ql)?:\/\//i.test(database)) {
    try {
      new URL(database);
    } catch {
      throw new OptionError(
        'database',
        `database: ${describeValue(redactUrl(database))} is not a valid URL; ${EXPECTED}`,
      );
    }
    return { kind: 'postgres', url: database };
  }
  if (/^[a-z][a-z0-9+.-]+:/i.test(database)) {
    throw new OptionError(
      'database',
      `database: ${describeValue(redactUrl(database))} is not supported; ${EXPECTED} (write ./${database} for a directory with a colon in its name)`,
    );
  }
  return { kind: 'directory', path: database };
}

/**
 * Opens the store named by the `database` option:
 * - `postgres://…` or `postgresql://…`: a PostgreSQL database (which must exist);
 * - `memory:` or undefined: an embedded database in memory, gone when closed;
 * - anything else: a directory holding an embedded (PGlite) database, created if missing.
 *
 * Does not migrate: call `store.migrate()`. Throws an `OptionError` (option `database`) for an
 * unusable value, a `StoreUnavailableError` when the server cannot be reached or refuses the
 * connection, a `FileError` when the directory cannot be used.
 */
export async function openStore(
  database: string | undefined,
  options: OpenStoreOptions = {},
): Promise<Store> {
  const target = parseDatabase(database);
  switch (target.kind) {
    case 'postgres':
      return openPostgresStore(target.url, options);
    case 'memory':
      return openPgliteStore();
    case 'directory':
      return openPgliteStore({ dataDir: target.path });
  }
}
