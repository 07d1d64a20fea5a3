/**
 * PostgreSQL for the tests: `FINMATCH_TEST_POSTGRES` (a URL, see scripts/ci-postgres.sh) names
 * a server and a role that may create databases; each test file works in databases of its
 * own, `finmatch_test_<random>`, dropped afterwards, so runs never collide.
 */
import pg from 'pg';

/** The server's URL, or undefined (then PostgreSQL tests are skipped). */
export const POSTGRES_URL = process.env.FINMATCH_TEST_POSTGRES || undefined;

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs `sql` on the server's own database (`FINMATCH_TEST_POSTGRES`). */
export async function admin<T extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
  url = POSTGRES_URL!,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Creates a fresh UTF-8 database; returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `finmatch_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(
    `create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`,
  );
  return {
    url: withDatabase(POSTGRES_URL!, name),
    drop: async () => {
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
