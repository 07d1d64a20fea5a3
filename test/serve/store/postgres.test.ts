import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StoreUnavailableError } from '../../../src/serve/store/errors.js';
import { MIGRATIONS } from '../../../src/serve/store/migrations.js';
import { LISTEN_APPLICATION_NAME, openPostgresStore } from '../../../src/serve/store/postgres.js';
import type { Store } from '../../../src/serve/store/types.js';
import { eventually, describeStoreContract } from './contract.js';
import { POSTGRES_URL, admin, createTestDatabase, withDatabase } from './pg-helpers.js';

const skip = POSTGRES_URL === undefined;
const databases: { url: string; drop: () => Promise<void> }[] = [];
let shared: { url: string; drop: () => Promise<void> } | undefined;

async function freshDatabase(): Promise<string> {
  const db = await createTestDatabase();
  databases.push(db);
  return db.url;
}

beforeAll(async () => {
  if (skip) return;
  shared = await createTestDatabase();
  databases.push(shared);
}, 60_000);

afterAll(async () => {
  // DROP DATABASE checkpoints: slow on a busy server, hence the long timeout.
  await Promise.all(databases.map((db) => db.drop()));
}, 180_000);

describeStoreContract('PostgreSQL', () => openPostgresStore(shared!.url, { poolSize: 4 }), {
  skip,
});

describe.skipIf(skip)('PostgreSQL: several replicas on one database', () => {
  const open: Store[] = [];
  const openStore = async (url: string): Promise<Store> => {
    const store = await openPostgresStore(url, { poolSize: 4 });
    open.push(store);
    return store;
  };
  afterAll(async () => {
    for (const store of open) await store.close();
  });

  test('migrations started at once by several replicas apply each migration once', async () => {
    const url = await freshDatabase();
    const replicas = await Promise.all([openStore(url), openStore(url), openStore(url)]);
    await Promise.all(replicas.map((r) => r.migrate()));
    await replicas[0]!.migrate();
    const rows = await admin<{ version: number; n: string }>(
      'select version, count(*) as n from finmatch_migrations group by version order by version',
      [],
      url,
    );
    expect(rows.map((r) => [r.version, Number(r.n)])).toEqual(
      MIGRATIONS.map((m) => [m.version, 1]),
    );
  });

  test('concurrent writers on two replicas: gap-free increasing seqs, a follower sees each once', async () => {
    const url = await freshDatabase();
    const a = await openStore(url);
    const b = await openStore(url);
    await Promise.all([a.migrate(), b.migrate()]);
    const follower = await openStore(url);

    const seen: number[] = [];
    let done = false;
    const following = (async () => {
      let last = 0;
      for (;;) {
        const finished = done;
        const got = await follower.changesSince(last, 5);
        for (const c of got) {
          expect(c.seq).toBe(last + 1);
          seen.push(c.seq);
          last = c.seq;
        }
        if (finished && got.length === 0) return;
      }
    })();
    const writes: Promise<number[]>[] = [];
    for (let w = 0; w < 60; w++) {
      const store = w % 2 === 0 ? a : b;
      writes.push(
        store.write(
          Array.from({ length: 1 + (w % 5) }, (_, i) => ({
            kind: 'enterprise' as const,
            id: `w${w}-${i}`,
            body: { w, i },
          })),
        ),
      );
    }
    const results = await Promise.all(writes);
    done = true;
    await following;
    const all = results.flat().sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    for (const seqs of results) {
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
    }
    expect(seen).toEqual(all);
    expect(await a.headSeq()).toBe(all.length);
    expect(await b.headSeq()).toBe(all.length);
  }, 60_000);

  test('onChange fires on another replica; the LISTEN connection reconnects when killed', async () => {
    const url = await freshDatabase();
    const a = await openStore(url);
    const b = await openStore(url);
    await a.migrate();
    let calls = 0;
    const off = a.onChange(() => (calls += 1));
    await b.write([{ kind: 'chain', id: 'c1', body: {} }]);
    await eventually(() => calls > 0);

    const database = new URL(url).pathname.slice(1);
    const killed = await admin<{ ok: boolean }>(
      'select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1 and datname = $2',
      [LISTEN_APPLICATION_NAME, database],
    );
    expect(killed.length).toBe(2);
    const afterKill = calls;
    // On reconnecting, listeners are called once (notifications may have been missed).
    await eventually(() => calls > afterKill, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    const afterReconnect = calls;
    await b.write([{ kind: 'chain', id: 'c2', body: {} }]);
    await eventually(() => calls > afterReconnect, 10_000);
    off();
  }, 60_000);

  test('queries survive the server closing idle pooled connections', async () => {
    const url = await freshDatabase();
    const a = await openStore(url);
    await a.migrate();
    await a.write([{ kind: 'zone', id: 'z', body: {} }]);
    const database = new URL(url).pathname.slice(1);
    await admin(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = $2',
      ['finmatch', database],
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(await a.headSeq()).toBe(1);
  });
});

describe.skipIf(skip)('PostgreSQL: connection failures are StoreUnavailableErrors', () => {
  test('a wrong password, naming neither it nor a stack', async () => {
    const url = new URL(POSTGRES_URL!);
    url.password = 'not-the-password';
    const error = await openPostgresStore(url.toString()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'IO_FAILED', systemCode: '28P01' });
    expect((error as Error).message).toMatch(/password was rejected/);
    expect((error as Error).message).not.toContain('not-the-password');
    expect((error as StoreUnavailableError).database).toContain(':***@');
  });

  test('a database that does not exist', async () => {
    const error = await openPostgresStore(withDatabase(POSTGRES_URL!, 'finmatch_no_such_db')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ systemCode: '3D000' });
    expect((error as Error).message).toMatch(/does not exist/);
  });

  test('a non-UTF-8 database is refused by migrate', async () => {
    const name = `finmatch_test_latin1_${Math.random().toString(36).slice(2, 8)}`;
    await admin(
      `create database ${name} template template0 encoding 'LATIN1' lc_collate 'C' lc_ctype 'C'`,
    );
    databases.push({
      url: '',
      drop: () => admin(`drop database if exists ${name} with (force)`).then(() => undefined),
    });
    const store = await openPostgresStore(withDatabase(POSTGRES_URL!, name));
    try {
      await expect(store.migrate()).rejects.toThrow(/needs UTF8/);
    } finally {
      await store.close();
    }
  });
});
