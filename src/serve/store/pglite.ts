/**
 * The embedded back-end: PostgreSQL compiled to WebAssembly (PGlite), in memory or in a
 * directory. `@electric-sql/pglite` is imported only when a store is opened, so loading the
 * library does not load it.
 *
 * PGlite is one connection: every statement and transaction goes through one promise queue,
 * so concurrent writes never interleave. A directory is locked (`finmatch.lock`, holding the
 * process id) while a store has it open: two processes sharing a PGlite directory would
 * corrupt it.
 *
 * @module
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { FileError } from '../../errors.js';
import { MissingDependencyError, importPeer } from '../peers.js';
import { errorCode, unavailable } from './errors.js';
import { createSqlStore, type SqlClient, type SqlExecutor } from './sql.js';
import type { Store } from './types.js';

/** Options of {@link openPgliteStore}. */
export interface PgliteStoreOptions {
  /** A directory for a persistent database (created if missing); in memory when undefined. */
  dataDir?: string;
}

/** The name of the lock file in a PGlite directory. */
export const LOCK_FILE = 'finmatch.lock';

/** Lock files this process holds, by absolute path. */
const heldLocks = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errorCode(e) === 'EPERM';
  }
}

/**
 * Takes `dir/finmatch.lock` for this process: fails when another live process holds it, or
 * when this process already has the directory open; takes over a lock left by a dead process.
 */
function lockDirectory(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  if (heldLocks.has(path)) {
    throw new FileError(
      'write',
      dir,
      `the database directory ${dir} is already open in this process`,
    );
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      heldLocks.add(path);
      return () => {
        heldLocks.delete(path);
        rmSync(path, { force: true });
      };
    } catch (e) {
      if (errorCode(e) !== 'EEXIST' || attempt > 0) {
        throw new FileError(
          'write',
          path,
          `cannot lock the database directory ${dir}: ${(e as Error).message}`,
          {
            cause: e,
            ...(errorCode(e) !== undefined ? { systemCode: errorCode(e)! } : {}),
          },
        );
      }
      let owner = NaN;
      try {
        owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      } catch {
        // Unreadable: treated as stale below.
      }
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new FileError(
          'write',
          dir,
          `the database directory ${dir} is in use by process ${owner} (its ${LOCK_FILE}); PGlite allows one process per directory (delete ${path} if that process is not finmatch)`,
        );
      }
      rmSync(path, { force: true });
    }
  }
}

/** Creates `dir` if missing; refuses a file, or a non-empty directory that is no database. */
function prepareDirectory(dir: string): void {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) {
      throw new FileError(
        'write',
        dir,
        `the database directory ${dir} is a file, not a directory`,
        {
          systemCode: 'ENOTDIR',
        },
      );
    }
    entries = readdirSync(dir);
  } catch (e) {
    if (e instanceof FileError) throw e;
    if (errorCode(e) !== 'ENOENT') {
      throw new FileError(
        'read',
        dir,
        `cannot use the database directory ${dir}: ${(e as Error).message}`,
        {
          cause: e,
          ...(errorCode(e) !== undefined ? { systemCode: errorCode(e)! } : {}),
        },
      );
    }
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e2) {
      throw new FileError(
        'write',
        dir,
        `cannot create the database directory ${dir}: ${(e2 as Error).message}`,
        {
          cause: e2,
          ...(errorCode(e2) !== undefined ? { systemCode: errorCode(e2)! } : {}),
        },
      );
    }
    return;
  }
  const foreign = entries.filter((e) => e !== LOCK_FILE);
  if (foreign.length > 0 && !entries.includes('PG_VERSION')) {
    throw new FileError(
      'write',
      dir,
      `the directory ${dir} is not empty and holds no database (no PG_VERSION); give a new or empty directory`,
    );
  }
}

/**
 * A {@link SqlClient} over a PGlite database; `dataDir` undefined is in memory. Every call is
 * queued behind the previous one.
 */
export async function openPgliteClient(dataDir?: string): Promise<SqlClient> {
  const dir = dataDir === undefined ? undefined : resolve(dataDir);
  const database = dir ?? 'memory:';
  let unlock: (() => void) | undefined;
  if (dir !== undefined) {
    prepareDirectory(dir);
    unlock = lockDirectory(dir);
  }
  let db: PGlite;
  try {
    const { PGlite } = await importPeer(
      '@electric-sql/pglite',
      () => import('@electric-sql/pglite'),
    );
    db = await PGlite.create(dir);
  } catch (e) {
    unlock?.();
    if (e instanceof MissingDependencyError) throw e;
    throw unavailable(database, 'cannot open the embedded database', e);
  }

  let tail: Promise<unknown> = Promise.resolve();
  function enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  }

  let closing: Promise<void> | undefined;
  return {
    database,
    query: <T>(text: string, params: readonly unknown[] = []) =>
      enqueue(() => db.query<T>(text, [...params])),
    exec: (script) => enqueue(async () => void (await db.exec(script))),
    transaction: (fn) =>
      enqueue(() =>
        db.transaction((tx) => {
          const executor: SqlExecutor = {
            query: <T>(text: string, params: readonly unknown[] = []) =>
              tx.query<T>(text, [...params]),
            exec: async (script) => void (await tx.exec(script)),
          };
          return fn(executor);
        }),
      ),
    close() {
      closing ??= enqueue(async () => {
        try {
          await db.close();
        } finally {
          unlock?.();
        }
      });
      return closing;
    },
  };
}

/**
 * Opens the embedded store: in memory when `dataDir` is undefined (gone when closed), else
 * persistent in `dataDir` (created if missing, locked while open). Creating a new database
 * takes several seconds (initdb); reopening one about a second. Call `migrate()` before use.
 * Throws a `FileError` when the directory cannot be used, a `StoreUnavailableError` when PGlite
 * fails to start.
 */
export async function openPgliteStore(options: PgliteStoreOptions = {}): Promise<Store> {
  return createSqlStore(await openPgliteClient(options.dataDir), 'pglite');
}
