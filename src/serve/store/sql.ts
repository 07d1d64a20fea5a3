/**
 * The store's SQL, written once for both back-ends: {@link createSqlStore} implements
 * {@link Store} over any {@link SqlClient} (PGlite or a PostgreSQL pool). Every value is a
 * query parameter; the SQL text is constant.
 *
 * How `seq` stays gap-free and in commit order: each write transaction first takes the
 * transaction-level advisory lock {@link WRITE_LOCK_KEY}, then reads `max(seq)` (with a fresh
 * READ COMMITTED snapshot, so it sees the previous writer's commit) and numbers its changes
 * after it. Writers are therefore serialised and a change with a higher seq always commits
 * after every lower one: a follower reading `seq > last` never skips a row that commits later
 * with a lower number (which a plain sequence would allow).
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { describeValue } from '../../util/describe.js';
import { StoreConflictError, StoreUnavailableError, errorCode } from './errors.js';
import { migrate } from './migrations.js';
import {
  ROLES,
  STORED_KINDS,
  type ApiKeyRow,
  type Change,
  type RankingRow,
  type SnapshotRow,
  type Store,
  type StoredKind,
  type WriteOp,
} from './types.js';

/** The statements of a transaction (or of the client, outside one). */
export interface SqlExecutor {
  /** One statement with `$1…` parameters. */
  query<T = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<{ rows: T[] }>;
  /** A script of several statements, without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** The minimal driver the store needs; see `pglite.ts` and `postgres.ts`. */
export interface SqlClient extends SqlExecutor {
  /** The database as shown in messages (a URL without its password, a directory). */
  readonly database: string;
  /**
   * Runs `fn` in one READ COMMITTED transaction (committed when `fn` resolves, rolled back when
   * it throws). Use only `tx` inside `fn`.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Calls `callback` on every notification on `channel` from any connection (PostgreSQL
   * LISTEN), and also after a reconnection (notifications may have been missed). Absent for
   * PGlite, where the store notifies its listeners itself after each write.
   */
  listen?(channel: string, callback: () => void): () => void;
  /** Closes the connections. */
  close(): Promise<void>;
}

/**
 * The key of the transaction-level advisory lock every write takes (`fm:write` as a 64-bit
 * integer), which serialises writers across every replica sharing the database.
 */
export const WRITE_LOCK_KEY = '7380619649025143909';

/** The NOTIFY channel of writes; the payload is the new head seq. */
export const CHANGES_CHANNEL = 'finmatch_changes';

/** Ops per INSERT statement in {@link Store.write} (all of them in one transaction). */
export const WRITE_CHUNK = 2000;

/** Default `pageSize` of `currentRecords` and `recordsAsOf`. */
export const DEFAULT_PAGE_SIZE = 1000;

/** Largest `pageSize` and `limit` accepted. */
export const MAX_PAGE_SIZE = 100_000;

/**
 * After this many ops written by this store since its last `ANALYZE` (and at least a tenth of
 * the log then), the write also runs `ANALYZE changes, records`. Without fresh statistics the
 * planner takes a bulk-loaded table for a few hundred rows and reads every page of
 * `currentRecords` by sorting the whole kind (quadratic); PGlite never analyses by itself, and
 * PostgreSQL's autovacuum only after a minute or so.
 */
export const ANALYZE_AFTER_OPS = 2000;

/**
 * Inserts a chunk of ops, given as parallel text arrays (kinds, ids, the bodies'
 * `institutionId`) and the bodies as one JSON array (`null` for a delete), numbered from
 * `$5 + 1`. Within the chunk, the last op of each record decides the current state: an upsert
 * or a delete. `json_array_elements` parses the bodies once and returns each as written; no
 * body is walked with `->` (which fails on a string holding \u0000, valid in `json`).
 */
const WRITE_SQL = `
with ops as (
  select $5::bigint + t.n as seq, t.kind, t.id,
         case when json_typeof(b.body) = 'null' then null else b.body end as body,
         t.institution_id
  from unnest($1::text[], $2::text[], $3::text[]) with ordinality as t(kind, id, institution_id, n)
  join json_array_elements($4::text::json) with ordinality as b(body, n) on b.n = t.n
),
logged as (
  insert into changes (seq, kind, id, body, at)
  select seq, kind, id, body, now() from ops
),
latest as (
  select distinct on (kind, id) seq, kind, id, body, institution_id
  from ops order by kind, id, seq desc
),
upserted as (
  insert into records (kind, id, seq, body, at, institution_id)
  select kind, id, seq, body, now(), institution_id from latest where body is not null
  on conflict (kind, id) do update
  set seq = excluded.seq, body = excluded.body, at = excluded.at,
      institution_id = excluded.institution_id
),
deleted as (
  delete from records r using latest l
  where l.body is null and r.kind = l.kind and r.id = l.id
)
select count(*) as n from ops`;

// The latest version of each id at or before $3, deletions included (the caller drops them
// and pages on from the last id, deleted or not): DISTINCT ON walks changes_kind_id_seq in
// order and stops after $4 ids, so each page costs O(page), not O(rest of the kind).
const AS_OF_SQL = `
select distinct on (id) seq, kind, id, body, at
from changes
where kind = $1 and id > $2 and seq <= $3
order by id, seq desc
limit $4`;

const CURRENT_SQL = `
select seq, kind, id, body, at from records
where kind = $1 and id > $2
order by id
limit $3`;

const KEY_COLUMNS = 'id, hash, role, institution_id, label, created_at, revoked_at';
const RANKING_COLUMNS =
  'id, created_at, key_id, institution_id, operation, request, result, record_seq, model_seq, model_version, profile_hash, as_of';
const SNAPSHOT_COLUMNS = 'id, created_at, record_seq, content_hash, bytes';

interface ChangeSqlRow {
  seq: unknown;
  kind: string;
  id: string;
  body: unknown;
  at: unknown;
}

interface KeySqlRow {
  id: string;
  hash: string;
  role: string;
  institution_id: string | null;
  label: string;
  created_at: unknown;
  revoked_at: unknown;
}

interface RankingSqlRow {
  id: string;
  created_at: unknown;
  key_id: string;
  institution_id: string | null;
  operation: string;
  request: unknown;
  result: unknown;
  record_seq: unknown;
  model_seq: unknown;
  model_version: string;
  profile_hash: string;
  as_of: string;
}

interface SnapshotSqlRow {
  id: string;
  created_at: unknown;
  record_seq: unknown;
  content_hash: string;
  bytes: unknown;
}

/** A count, seq or int8 as the drivers return it (number, string or bigint) → number. */
function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new TypeError(`expected a number from the database, got ${describeValue(value)}`);
}

/** A timestamptz as the drivers return it (a Date, or text) → ISO-8601 in UTC. */
function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number') return new Date(value).toISOString();
  throw new TypeError(`expected a timestamp from the database, got ${describeValue(value)}`);
}

function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

function toChange(row: ChangeSqlRow): Change {
  return {
    seq: num(row.seq),
    kind: row.kind as StoredKind,
    id: row.id,
    body: row.body ?? null,
    at: iso(row.at),
  };
}

function toKey(row: KeySqlRow): ApiKeyRow {
  return {
    id: row.id,
    hash: row.hash,
    role: row.role as ApiKeyRow['role'],
    institutionId: row.institution_id,
    label: row.label,
    createdAt: iso(row.created_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

function toRanking(row: RankingSqlRow): RankingRow {
  return {
    id: row.id,
    createdAt: iso(row.created_at),
    keyId: row.key_id,
    institutionId: row.institution_id,
    operation: row.operation,
    request: row.request,
    result: row.result,
    recordSeq: num(row.record_seq),
    modelSeq: num(row.model_seq),
    modelVersion: row.model_version,
    profileHash: row.profile_hash,
    asOf: row.as_of,
  };
}

function toSnapshot(row: SnapshotSqlRow): SnapshotRow {
  return {
    id: row.id,
    createdAt: iso(row.created_at),
    recordSeq: num(row.record_seq),
    contentHash: row.content_hash,
    bytes: num(row.bytes),
  };
}

function checkInteger(option: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new OptionError(
      option,
      `${option} must be an integer in [${min}, ${max}]; got ${describeValue(value)}`,
    );
  }
  return value;
}

function checkKind(option: string, value: unknown): StoredKind {
  if (typeof value !== 'string' || !(STORED_KINDS as readonly string[]).includes(value)) {
    throw new OptionError(
      option,
      `${option} must be one of ${STORED_KINDS.join(', ')}; got ${describeValue(value)}`,
    );
  }
  return value as StoredKind;
}

/** A lone UTF-16 surrogate (which UTF-8 cannot encode) or NUL (which text cannot hold). */
const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\0/;

function checkId(option: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || UNSTORABLE.test(value)) {
    throw new OptionError(
      option,
      `${option} must be a non-empty string of well-formed text without NUL; got ${describeValue(value)}`,
    );
  }
  return value;
}

/** JSON text of a value that must be JSON (not undefined, a function…). */
function jsonText(option: string, value: unknown, allowNull: boolean): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new OptionError(
      option,
      `${option} cannot be stored as JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (text === undefined || (!allowNull && text === 'null')) {
    throw new OptionError(
      option,
      `${option} must be JSON data${allowNull ? '' : ' (not null)'}; got ${describeValue(value)}`,
    );
  }
  return text;
}

/** The `institutionId` of a record body when it is a string (what `listRecords` filters on). */
function institutionOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const value = (body as { institutionId?: unknown }).institutionId;
  return typeof value === 'string' ? value : null;
}

/** The kinds requested, each once, in {@link STORED_KINDS} order. */
function kindList(kinds: readonly StoredKind[] | undefined): StoredKind[] {
  if (kinds === undefined) return [...STORED_KINDS];
  if (!Array.isArray(kinds)) {
    throw new OptionError(
      'kinds',
      `kinds must be an array of record kinds; got ${describeValue(kinds)}`,
    );
  }
  const wanted = new Set(kinds.map((k, i) => checkKind(`kinds[${i}]`, k)));
  return STORED_KINDS.filter((k) => wanted.has(k));
}

function pageSizeOf(options: { pageSize?: number } | undefined): number {
  return options?.pageSize === undefined
    ? DEFAULT_PAGE_SIZE
    : checkInteger('pageSize', options.pageSize, 1, MAX_PAGE_SIZE);
}

/** The unique-violation SQLSTATE. */
const UNIQUE_VIOLATION = '23505';

/**
 * A {@link Store} over `client`, with the SQL of this module. `backend` is what
 * {@link Store.backend} reports. `close()` waits for the calls in flight, then closes `client`;
 * calls made after it throw a `StoreUnavailableError`.
 */
export function createSqlStore(client: SqlClient, backend: Store['backend']): Store {
  const listeners = new Set<() => void>();
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  let closing: Promise<void> | undefined;
  /** Ops written since the last ANALYZE, and the log's length then. */
  let sinceAnalyze = 0;
  let analyzedAt = 0;

  const notify = (): void => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch {
        // A listener's failure is its own; the others still run.
      }
    }
  };
  const unlisten = client.listen?.(CHANGES_CHANNEL, notify);

  /** Runs `fn` unless closed, so that `close()` can wait for it. */
  function track<T>(fn: () => Promise<T>): Promise<T> {
    if (closed) {
      return Promise.reject(
        new StoreUnavailableError(client.database, `the store ${client.database} is closed`),
      );
    }
    const promise = fn();
    inFlight.add(promise);
    const forget = (): void => {
      inFlight.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }

  async function rows<T>(text: string, params: readonly unknown[]): Promise<T[]> {
    return (await client.query<T>(text, params)).rows;
  }

  async function insertOnce(
    table: string,
    id: string,
    text: string,
    params: readonly unknown[],
  ): Promise<void> {
    try {
      await client.query(text, params);
    } catch (e) {
      if (errorCode(e) === UNIQUE_VIOLATION) {
        throw new StoreConflictError(
          table,
          id,
          `${table}: a row with id ${describeValue(id)} (or the same unique key) already exists`,
          { cause: e },
        );
      }
      throw e;
    }
  }

  /**
   * Pages of at most `pageSize` rows over `kinds` in order, each kind read by keyset on id with
   * `fetch(kind, afterId, limit)`; a page may span kinds, so only the last page is short.
   */
  function pages(
    kinds: readonly StoredKind[],
    pageSize: number,
    fetch: (kind: StoredKind, after: string, limit: number) => Promise<ChangeSqlRow[]>,
  ): AsyncIterable<Change[]> {
    return {
      [Symbol.asyncIterator]: async function* () {
        let page: Change[] = [];
        for (const kind of kinds) {
          let after = '';
          for (;;) {
            const limit = pageSize - page.length;
            const got = await track(() => fetch(kind, after, limit));
            // Deleted versions (as-of pages) keep the cursor moving but are not records.
            for (const row of got) if (row.body !== null) page.push(toChange(row));
            if (page.length === pageSize) {
              yield page;
              page = [];
            }
            if (got.length < limit) break;
            after = got[got.length - 1]!.id;
          }
        }
        if (page.length > 0) yield page;
      },
    };
  }

  const store: Store = {
    backend,

    migrate: () => track(() => migrate(client)),

    write(ops) {
      if (!Array.isArray(ops)) {
        return Promise.reject(
          new OptionError('ops', `ops must be an array of writes; got ${describeValue(ops)}`),
        );
      }
      const kinds: string[] = [];
      const ids: string[] = [];
      const bodies: string[] = [];
      const institutions: (string | null)[] = [];
      try {
        for (let i = 0; i < ops.length; i++) {
          const op = ops[i] as WriteOp | null | undefined;
          if (typeof op !== 'object' || op === null) {
            throw new OptionError(
              `ops[${i}]`,
              `ops[${i}] must be an object; got ${describeValue(op)}`,
            );
          }
          const kind = checkKind(`ops[${i}].kind`, op.kind);
          const id = checkId(`ops[${i}].id`, op.id);
          kinds.push(kind);
          ids.push(id);
          bodies.push(op.body === null ? 'null' : jsonText(`ops[${i}].body`, op.body, false));
          institutions.push(institutionOf(op.body));
        }
      } catch (e) {
        return Promise.reject(e);
      }
      const count = kinds.length;
      if (count === 0) return track(async () => []);
      return track(async () => {
        const head = await client.transaction(async (tx) => {
          await tx.query('select pg_advisory_xact_lock($1::bigint)', [WRITE_LOCK_KEY]);
          const top = await tx.query<{ head: unknown }>(
            'select coalesce(max(seq), 0) as head from changes',
          );
          const first = num(top.rows[0]?.head ?? 0);
          for (let start = 0; start < count; start += WRITE_CHUNK) {
            const end = start + WRITE_CHUNK;
            await tx.query(WRITE_SQL, [
              kinds.slice(start, end),
              ids.slice(start, end),
              institutions.slice(start, end),
              `[${bodies.slice(start, end).join(',')}]`,
              first + start,
            ]);
          }
          await tx.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, String(first + count)]);
          return first;
        });
        if (client.listen === undefined) notify();
        sinceAnalyze += count;
        if (sinceAnalyze >= Math.max(ANALYZE_AFTER_OPS, analyzedAt / 10)) {
          sinceAnalyze = 0;
          analyzedAt = head + count;
          try {
            await client.exec('analyze changes, records');
          } catch {
            // Statistics are an optimisation; the write itself is committed.
          }
        }
        return Array.from({ length: count }, (_, i) => head + i + 1);
      });
    },

    headSeq: () =>
      track(async () => {
        const [row] = await rows<{ head: unknown }>(
          'select coalesce(max(seq), 0) as head from changes',
          [],
        );
        return num(row?.head ?? 0);
      }),

    changesSince(after, limit) {
      try {
        checkInteger('after', after, 0, Number.MAX_SAFE_INTEGER);
        checkInteger('limit', limit, 1, MAX_PAGE_SIZE);
      } catch (e) {
        return Promise.reject(e);
      }
      return track(async () =>
        (
          await rows<ChangeSqlRow>(
            'select seq, kind, id, body, at from changes where seq > $1 order by seq limit $2',
            [after, limit],
          )
        ).map(toChange),
      );
    },

    currentRecords(options) {
      const kinds = kindList(options?.kinds);
      const pageSize = pageSizeOf(options);
      return pages(kinds, pageSize, (kind, after, limit) =>
        rows<ChangeSqlRow>(CURRENT_SQL, [kind, after, limit]),
      );
    },

    recordsAsOf(seq, options) {
      checkInteger('seq', seq, 0, Number.MAX_SAFE_INTEGER);
      const kinds = kindList(options?.kinds);
      const pageSize = pageSizeOf(options);
      return pages(kinds, pageSize, (kind, after, limit) =>
        rows<ChangeSqlRow>(AS_OF_SQL, [kind, after, seq, limit]),
      );
    },

    getRecord(kind, id) {
      try {
        checkKind('kind', kind);
        checkId('id', id);
      } catch (e) {
        return Promise.reject(e);
      }
      return track(async () => {
        const [row] = await rows<ChangeSqlRow>(
          'select seq, kind, id, body, at from records where kind = $1 and id = $2',
          [kind, id],
        );
        return row === undefined ? undefined : toChange(row);
      });
    },

    listRecords(kind, options) {
      try {
        checkKind('kind', kind);
        checkInteger('offset', options?.offset, 0, Number.MAX_SAFE_INTEGER);
        checkInteger('limit', options?.limit, 0, MAX_PAGE_SIZE);
        if (options.institutionId !== undefined) checkId('institutionId', options.institutionId);
      } catch (e) {
        return Promise.reject(e);
      }
      const { offset, limit, institutionId } = options;
      return track(async () => {
        const [count] =
          institutionId === undefined
            ? await rows<{ total: unknown }>(
                'select count(*) as total from records where kind = $1',
                [kind],
              )
            : await rows<{ total: unknown }>(
                'select count(*) as total from records where kind = $1 and institution_id = $2',
                [kind, institutionId],
              );
        const page =
          limit === 0
            ? []
            : institutionId === undefined
              ? await rows<ChangeSqlRow>(
                  'select seq, kind, id, body, at from records where kind = $1 order by id offset $2 limit $3',
                  [kind, offset, limit],
                )
              : await rows<ChangeSqlRow>(
                  'select seq, kind, id, body, at from records where kind = $1 and institution_id = $2 order by id offset $3 limit $4',
                  [kind, institutionId, offset, limit],
                );
        return { total: num(count?.total ?? 0), records: page.map(toChange) };
      });
    },

    counts: () =>
      track(async () => {
        const result = Object.fromEntries(STORED_KINDS.map((k) => [k, 0])) as Record<
          StoredKind,
          number
        >;
        const found = await rows<{ kind: string; n: unknown }>(
          'select kind, count(*) as n from records group by kind',
          [],
        );
        for (const row of found) {
          if (row.kind in result) result[row.kind as StoredKind] = num(row.n);
        }
        return result;
      }),

    insertKey(row) {
      try {
        checkId('id', row.id);
        checkId('hash', row.hash);
        if (!(ROLES as readonly string[]).includes(row.role)) {
          throw new OptionError(
            'role',
            `role must be one of ${ROLES.join(', ')}; got ${describeValue(row.role)}`,
          );
        }
        if ((row.role === 'institution') !== (row.institutionId !== null)) {
          throw new OptionError(
            'institutionId',
            `institutionId must be an institution's id for an institution key and null for other roles; got ${describeValue(row.institutionId)} for role ${row.role}`,
          );
        }
        if (row.institutionId !== null) checkId('institutionId', row.institutionId);
      } catch (e) {
        return Promise.reject(e);
      }
      return track(() =>
        insertOnce(
          'api_keys',
          row.id,
          `insert into api_keys (${KEY_COLUMNS}) values ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz)`,
          [row.id, row.hash, row.role, row.institutionId, row.label, row.createdAt, row.revokedAt],
        ),
      );
    },

    findKeyByHash: (hash) =>
      track(async () => {
        const [row] = await rows<KeySqlRow>(`select ${KEY_COLUMNS} from api_keys where hash = $1`, [
          hash,
        ]);
        return row === undefined ? undefined : toKey(row);
      }),

    listKeys: (options) =>
      track(async () => {
        const found =
          options?.institutionId === undefined
            ? await rows<KeySqlRow>(
                `select ${KEY_COLUMNS} from api_keys order by created_at, id`,
                [],
              )
            : await rows<KeySqlRow>(
                `select ${KEY_COLUMNS} from api_keys where institution_id = $1 order by created_at, id`,
                [options.institutionId],
              );
        return found.map(toKey);
      }),

    revokeKey: (id) =>
      track(async () => {
        const found = await rows<{ id: string }>(
          'update api_keys set revoked_at = coalesce(revoked_at, now()) where id = $1 returning id',
          [id],
        );
        return found.length > 0;
      }),

    insertRanking(row) {
      let request: string;
      let result: string;
      try {
        checkId('id', row.id);
        request = jsonText('request', row.request, true);
        result = jsonText('result', row.result, true);
      } catch (e) {
        return Promise.reject(e);
      }
      return track(() =>
        insertOnce(
          'rankings',
          row.id,
          `insert into rankings (${RANKING_COLUMNS}) values ($1, $2::timestamptz, $3, $4, $5, $6::text::json, $7::text::json, $8, $9, $10, $11, $12)`,
          [
            row.id,
            row.createdAt,
            row.keyId,
            row.institutionId,
            row.operation,
            request,
            result,
            row.recordSeq,
            row.modelSeq,
            row.modelVersion,
            row.profileHash,
            row.asOf,
          ],
        ),
      );
    },

    getRanking: (id) =>
      track(async () => {
        const [row] = await rows<RankingSqlRow>(
          `select ${RANKING_COLUMNS} from rankings where id = $1`,
          [id],
        );
        return row === undefined ? undefined : toRanking(row);
      }),

    insertSnapshot(row, body) {
      try {
        checkId('id', row.id);
        if (typeof body !== 'string') {
          throw new OptionError('body', `body must be a string; got ${describeValue(body)}`);
        }
      } catch (e) {
        return Promise.reject(e);
      }
      return track(() =>
        insertOnce(
          'snapshots',
          row.id,
          `insert into snapshots (${SNAPSHOT_COLUMNS}, body) values ($1, $2::timestamptz, $3, $4, $5, $6)`,
          [row.id, row.createdAt, row.recordSeq, row.contentHash, row.bytes, body],
        ),
      );
    },

    getSnapshot: (id) =>
      track(async () => {
        const [row] = await rows<SnapshotSqlRow & { body: string }>(
          `select ${SNAPSHOT_COLUMNS}, body from snapshots where id = $1`,
          [id],
        );
        return row === undefined ? undefined : { row: toSnapshot(row), body: row.body };
      }),

    listSnapshots: () =>
      track(async () =>
        (
          await rows<SnapshotSqlRow>(
            `select ${SNAPSHOT_COLUMNS} from snapshots order by created_at, id`,
            [],
          )
        ).map(toSnapshot),
      ),

    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    close() {
      closing ??= (async () => {
        closed = true;
        await Promise.allSettled([...inFlight]);
        unlisten?.();
        listeners.clear();
        await client.close();
      })();
      return closing;
    },
  };
  return store;
}
