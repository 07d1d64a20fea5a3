/**
 * The store's schema, as numbered migrations applied in order and recorded in the
 * `finmatch_migrations` table. The same SQL runs on PostgreSQL and on PGlite.
 *
 * Never edit a migration once released: add a new one. {@link migrate} refuses a database
 * whose recorded migrations do not match this list (a renamed migration, or a database
 * already migrated by a newer finmatch).
 *
 * Notes on the schema:
 * - Bodies are `json`, not `jsonb`: `json` keeps the text as written, so a record comes back
 *   with its keys in their original order (`jsonb` sorts them, which would change any hash or
 *   output computed from a record read back), and it is cheaper to write and to read. Nothing
 *   queries inside bodies: `records.institution_id` is the body's `institutionId` when it is a
 *   string, set by the writer. (It is not a generated column `body ->> 'institutionId'`: `->>`
 *   fails on a body holding `\u0000` in any string, which `json` accepts.)
 * - Ids and kinds are `collate "C"`: ordering (and so keyset pagination) is by UTF-8 bytes,
 *   that is by code point, the same on every server whatever its locale.
 *
 * @module
 */
import { StoreUnavailableError } from './errors.js';
import type { SqlClient } from './sql.js';

/** One schema migration. */
export interface Migration {
  /** From 1, consecutive. */
  readonly version: number;
  /** A short description, recorded with the version. */
  readonly name: string;
  /** The SQL script (several statements), run in the migration's transaction. */
  readonly sql: string;
}

/**
 * The key of the transaction-level advisory lock `migrate` takes (`fm:migr8` as a 64-bit integer),
 * so replicas starting at once apply each migration exactly once.
 */
export const MIGRATION_LOCK_KEY = '7380619605924344376';

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'change log, records, api keys, rankings, snapshots',
    sql: `
create table changes (
  seq bigint primary key,
  kind text collate "C" not null,
  id text collate "C" not null,
  body json,
  at timestamptz not null default now()
);
create index changes_kind_id_seq on changes (kind, id, seq desc);

create table records (
  kind text collate "C" not null,
  id text collate "C" not null,
  seq bigint not null,
  body json not null,
  at timestamptz not null,
  institution_id text collate "C",
  primary key (kind, id)
);
create index records_institution on records (kind, institution_id, id)
  where institution_id is not null;

create table api_keys (
  id text collate "C" primary key,
  hash text not null unique,
  role text not null check (role in ('platform', 'institution', 'analyst')),
  institution_id text collate "C",
  label text not null,
  created_at timestamptz not null,
  revoked_at timestamptz,
  check ((role = 'institution') = (institution_id is not null))
);
create index api_keys_institution on api_keys (institution_id, created_at, id);

create table rankings (
  id text collate "C" primary key,
  created_at timestamptz not null,
  key_id text collate "C" not null,
  institution_id text collate "C",
  operation text not null,
  request json not null,
  result json not null,
  record_seq bigint not null,
  model_seq bigint not null,
  model_version text not null,
  profile_hash text not null,
  as_of text not null
);
create index rankings_institution on rankings (institution_id, created_at);

create table snapshots (
  id text collate "C" primary key,
  created_at timestamptz not null,
  record_seq bigint not null,
  content_hash text not null,
  bytes integer not null,
  body text not null
);
`,
  },
];

const CREATE_MIGRATIONS_TABLE = `
create table if not exists finmatch_migrations (
  version integer primary key,
  name text not null,
  applied_at timestamptz not null default now()
)`;

/**
 * Applies the pending migrations of `migrations` in one transaction, holding the advisory lock
 * {@link MIGRATION_LOCK_KEY} so that concurrent callers (replicas starting together) wait and
 * then find nothing left to do. Idempotent. Throws a `StoreUnavailableError` when the database
 * is not UTF-8, or its recorded migrations are not a prefix of `migrations`.
 */
export async function migrate(
  client: SqlClient,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<void> {
  await client.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    const encoding = await tx.query<{ encoding: string }>(
      "select current_setting('server_encoding') as encoding",
    );
    const serverEncoding = encoding.rows[0]?.encoding;
    if (serverEncoding !== 'UTF8') {
      throw new StoreUnavailableError(
        client.database,
        `the database ${client.database} uses the encoding ${String(serverEncoding)}; finmatch needs UTF8 (CREATE DATABASE … ENCODING 'UTF8' TEMPLATE template0)`,
      );
    }
    await tx.exec(CREATE_MIGRATIONS_TABLE);
    const applied = await tx.query<{ version: number; name: string }>(
      'select version, name from finmatch_migrations order by version',
    );
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of applied.rows) {
      const migration = known.get(Number(row.version));
      if (migration === undefined) {
        throw new StoreUnavailableError(
          client.database,
          `the database ${client.database} has migration ${row.version} (${row.name}), unknown to this finmatch (which knows up to ${migrations.length}): it was migrated by a newer version`,
        );
      }
      if (migration.name !== row.name) {
        throw new StoreUnavailableError(
          client.database,
          `the database ${client.database} has migration ${row.version} named "${row.name}", but this finmatch's migration ${row.version} is "${migration.name}"`,
        );
      }
    }
    const done = new Set(applied.rows.map((r) => Number(r.version)));
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into finmatch_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
  });
}
