/**
 * The PostgreSQL back-end, with `pg` (imported only when a store is opened): a connection
 * pool for statements and transactions, and one dedicated connection that LISTENs for the
 * writes of every replica (reconnecting, with back-off, when it is lost).
 *
 * @module
 */
import type { Client, Pool, PoolClient } from 'pg';
import { OptionError } from '../../errors.js';
import { describeValue } from '../../util/describe.js';
import { importPeer } from '../peers.js';
import { isConnectionError, redactUrl, unavailable } from './errors.js';
import { CHANGES_CHANNEL, createSqlStore, type SqlClient, type SqlExecutor } from './sql.js';
import type { Store } from './types.js';

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** Most connections of the pool (besides the LISTEN connection); 10 by default. */
  poolSize?: number;
  /** How long to wait for a connection, in ms; 10 000 by default. */
  connectTimeoutMs?: number;
}

/** `application_name` of the pool's connections and of the LISTEN connection. */
export const APPLICATION_NAME = 'finmatch';
/** `application_name` of the LISTEN connection. */
export const LISTEN_APPLICATION_NAME = 'finmatch-listen';

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 10_000;

type Rows<T> = Promise<{ rows: T[] }>;

/** The dedicated LISTEN connection: reconnects until closed, then calls every callback once. */
class Listener {
  private readonly callbacks = new Map<string, Set<() => void>>();
  private client: Client | undefined;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = RECONNECT_MIN_MS;
  private reopening: Promise<void> | undefined;

  constructor(
    private readonly connect: () => Client,
    private readonly channels: readonly string[],
  ) {
    for (const channel of channels) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      this.callbacks.set(channel, new Set());
    }
  }

  /** Connects and LISTENs; rejects when the first connection fails. */
  async start(): Promise<void> {
    await this.open();
  }

  on(channel: string, callback: () => void): () => void {
    const set = this.callbacks.get(channel);
    if (set === undefined) throw new Error(`channel ${channel} is not listened to`);
    set.add(callback);
    return () => {
      set.delete(callback);
    };
  }

  private fire(channel?: string): void {
    for (const [name, set] of this.callbacks) {
      if (channel !== undefined && name !== channel) continue;
      for (const callback of [...set]) {
        try {
          callback();
        } catch {
          // A callback's failure is its own.
        }
      }
    }
  }

  private async open(): Promise<void> {
    const client = this.connect();
    let live = false;
    let lost = false;
    const onLost = (): void => {
      if (lost) return;
      lost = true;
      if (!live) return; // connect() or LISTEN rejects by itself.
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      this.schedule();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (message) => this.fire(message.channel));
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`listen "${channel}"`);
      if (lost) throw new Error('the LISTEN connection was lost');
    } catch (e) {
      lost = true;
      await client.end().catch(() => undefined);
      throw e;
    }
    if (this.closed) {
      lost = true;
      await client.end().catch(() => undefined);
      return;
    }
    live = true;
    this.client = client;
    this.delay = RECONNECT_MIN_MS;
  }

  private schedule(): void {
    if (this.closed || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.closed) return;
      this.reopening = this.open().then(
        () => {
          if (!this.closed) this.fire(); // Notifications sent while disconnected are lost.
        },
        () => {
          this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
          this.schedule();
        },
      );
    }, this.delay);
    this.timer.unref?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.reopening;
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) {
      client.removeAllListeners('notification');
      await client.end().catch(() => undefined);
    }
  }
}

function checkOptions(options: PostgresStoreOptions): { poolSize: number; timeout: number } {
  const { poolSize = 10, connectTimeoutMs = 10_000 } = options;
  if (!Number.isSafeInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
    throw new OptionError(
      'poolSize',
      `poolSize must be an integer in [1, 1000]; got ${describeValue(poolSize)}`,
    );
  }
  if (!Number.isSafeInteger(connectTimeoutMs) || connectTimeoutMs < 1) {
    throw new OptionError(
      'connectTimeoutMs',
      `connectTimeoutMs must be a positive integer; got ${describeValue(connectTimeoutMs)}`,
    );
  }
  return { poolSize, timeout: connectTimeoutMs };
}

/**
 * A {@link SqlClient} over a PostgreSQL database: a pool for statements, and a LISTEN
 * connection on {@link CHANGES_CHANNEL}. Connection failures, at open or later, are
 * `StoreUnavailableError`s (the URL's password redacted).
 */
export async function openPostgresClient(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<SqlClient> {
  const database = redactUrl(url);
  const { poolSize, timeout } = checkOptions(options);
  const { Pool: PoolClass, Client: ClientClass } = await importPeer('pg', () => import('pg'));
  const pool: Pool = new PoolClass({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeout,
    application_name: APPLICATION_NAME,
  });
  // An idle connection that fails is dropped by the pool; without a handler it would crash.
  pool.on('error', () => undefined);

  const wrap = (what: string) => (e: unknown) => {
    throw isConnectionError(e) ? unavailable(database, what, e) : e;
  };
  const using = 'cannot use the PostgreSQL database';

  try {
    await pool.query('select 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    wrap('cannot connect to the PostgreSQL database')(e);
  }

  const listener = new Listener(
    () =>
      new ClientClass({
        connectionString: url,
        connectionTimeoutMillis: timeout,
        application_name: LISTEN_APPLICATION_NAME,
        keepAlive: true,
      }),
    [CHANGES_CHANNEL],
  );
  try {
    await listener.start();
  } catch (e) {
    await pool.end().catch(() => undefined);
    wrap('cannot listen on the PostgreSQL database')(e);
  }

  const on = (c: Pool | PoolClient): SqlExecutor => ({
    query: <T>(text: string, params: readonly unknown[] = []) =>
      (c.query(text, [...params]) as unknown as Rows<T>).catch(wrap(using)),
    exec: (script) => c.query(script).then(() => undefined, wrap(using)),
  });

  let closing: Promise<void> | undefined;
  return {
    database,
    ...on(pool),
    async transaction(fn) {
      const connection = await pool.connect().catch(wrap(using));
      let broken: Error | undefined;
      try {
        await connection.query('begin isolation level read committed');
        const result = await fn(on(connection));
        await connection.query('commit');
        return result;
      } catch (e) {
        try {
          await connection.query('rollback');
        } catch (e2) {
          broken = e2 instanceof Error ? e2 : new Error(String(e2));
        }
        return wrap(using)(e);
      } finally {
        connection.release(broken);
      }
    },
    listen: (channel, callback) => listener.on(channel, callback),
    close() {
      closing ??= (async () => {
        await listener.close();
        await pool.end();
      })();
      return closing;
    },
  };
}

/**
 * Opens a store on the PostgreSQL database at `url` (`postgres://user:password@host:port/db`)
 * and checks that it answers. The database must exist and be UTF-8; call `migrate()` before
 * use. Opens at most `poolSize` connections plus one that LISTENs for other replicas' writes.
 * Throws a `StoreUnavailableError` when the server cannot be reached or refuses the connection.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<Store> {
  return createSqlStore(await openPostgresClient(url, options), 'postgres');
}
