/**
 * What survives and what agrees: a restart loses nothing acknowledged (embedded database on
 * disk, and PostgreSQL); two replicas on one PostgreSQL see each other's writes within the
 * stated bound and rank alike; engine worker threads give the in-process engine's answers and
 * a dead worker is replaced.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openStore } from '../../src/serve/store/index.js';
import { newKey } from '../../src/serve/auth.js';
import type { FinmatchServer } from '../../src/serve/server.js';
import {
  AS_OF,
  POSTGRES_URL,
  WORKER_PATH,
  freshPostgres,
  service,
  storeMarket,
  testMarket,
} from './helpers.js';

const market = testMarket(200);

async function post(server: FinmatchServer, key: string, url: string, body: unknown) {
  const r = await server.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  return { status: r.statusCode, body: r.json() };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function restartKeepsEverything(database: string) {
  const store = await openStore(database);
  await store.migrate();
  await storeMarket(store, market);
  const { key, row } = newKey('platform', null, 'restart');
  await store.insertKey(row);
  const first = await service(store);
  const written = await post(first, key, '/v1/records/enterprises', {
    records: [{ ...market.enterprises[0]!, id: 'ent-acked', name: '已确认写入' }],
  });
  expect(written.body.accepted).toBe(1);
  const events = await post(first, key, '/v1/events', {
    events: [
      {
        id: 'ev-acked',
        subjectKind: 'enterprise',
        subjectId: 'ent-acked',
        itemKind: 'product',
        itemId: market.products[0]!.id,
        kind: 'applied',
        date: '2026-06-01',
      },
    ],
  });
  expect(events.body.accepted).toBe(1);
  const shown = await post(first, key, '/v1/rank/products', { enterpriseId: 'ent-acked', k: 5 });
  await first.close();
  await store.close();

  const reopened = await openStore(database);
  await reopened.migrate();
  const second = await service(reopened);
  try {
    const again = await post(second, key, '/v1/rank/products', { enterpriseId: 'ent-acked', k: 5 });
    expect(again.status).toBe(200);
    // The event acknowledged before the restart is in the model built at start.
    expect(again.body.modelSeq).toBeGreaterThanOrEqual(shown.body.recordSeq);
    const audit = await second.app.inject({
      method: 'GET',
      url: `/v1/rankings/${shown.body.rankingId}?verify=true`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(audit.json().verification.reproduced).toBe(true);
    expect((await reopened.getRecord('interaction', 'ev-acked'))?.body).toBeTruthy();
  } finally {
    await second.close();
    await reopened.close();
  }
}

describe('restart without loss', () => {
  test('embedded database on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'finmatch-serve-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await restartKeepsEverything(join(dir, 'db'));
  }, 180_000);

  test.skipIf(!POSTGRES_URL)(
    'PostgreSQL',
    async () => {
      const db = await freshPostgres();
      cleanups.push(db.drop);
      await restartKeepsEverything(db.url);
    },
    180_000,
  );
});

describe.skipIf(!POSTGRES_URL)('two replicas on one PostgreSQL', () => {
  test('a write through one is visible through the other within the bound, and both rank alike', async () => {
    const db = await freshPostgres();
    cleanups.push(db.drop);
    const storeA = await openStore(db.url);
    const storeB = await openStore(db.url);
    await Promise.all([storeA.migrate(), storeB.migrate()]);
    await storeMarket(storeA, market);
    const { key, row } = newKey('platform', null, 'replicas');
    await storeA.insertKey(row);
    const a = await service(storeA, { syncIntervalMs: 200 });
    const b = await service(storeB, { syncIntervalMs: 200 });
    cleanups.push(async () => {
      await a.close();
      await b.close();
      await storeA.close();
      await storeB.close();
    });
    const BOUND_MS = 2000;
    for (let i = 0; i < 5; i++) {
      const through = i % 2 === 0 ? a : b;
      const other = i % 2 === 0 ? b : a;
      const id = `ent-replica-${i}`;
      const w = await post(through, key, '/v1/records/enterprises', {
        records: [{ ...market.enterprises[i]!, id, name: `副本测试${i}` }],
      });
      expect(w.body.accepted).toBe(1);
      const started = Date.now();
      let seen = false;
      while (Date.now() - started < BOUND_MS) {
        const r = await post(other, key, '/v1/rank/products', { enterpriseId: id, k: 3 });
        if (r.status === 200) {
          seen = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(seen, `${id} visible on the other replica within ${BOUND_MS} ms`).toBe(true);
    }
    const ra = await post(a, key, '/v1/prospect', { productId: market.products[3]!.id, k: 20 });
    const rb = await post(b, key, '/v1/prospect', { productId: market.products[3]!.id, k: 20 });
    expect(rb.body.items).toEqual(ra.body.items);
    expect(rb.body.recordSeq).toBe(ra.body.recordSeq);
  }, 180_000);
});

describe('engine worker threads', () => {
  test('answer as the in-process engine does; a dead worker is replaced', async () => {
    const store = await openStore('memory:');
    await store.migrate();
    await storeMarket(store, market);
    const { key, row } = newKey('platform', null, 'workers');
    await store.insertKey(row);
    const threaded = await service(store, { workers: 2, workerPath: WORKER_PATH });
    const inline = await service(store, { workers: 0 });
    cleanups.push(async () => {
      await threaded.close();
      await inline.close();
      await store.close();
    });
    const body = { productId: market.products[5]!.id, k: 25 };
    const t = await post(threaded, key, '/v1/prospect', body);
    const i = await post(inline, key, '/v1/prospect', body);
    expect(t.status).toBe(200);
    expect(t.body.items).toEqual(i.body.items);
    expect(t.body.asOf).toBe(AS_OF);
    // Kill a worker: calls keep succeeding, and the replacement catches up.
    const status = threaded.host.status();
    expect(status.workers.length).toBe(2);
    (threaded.host as unknown as { handles: { fail(e: unknown): void }[] }).handles[0]!.fail({
      name: 'Error',
      code: 'INTERNAL',
      message: 'killed by the test',
    });
    for (let n = 0; n < 5; n++)
      expect((await post(threaded, key, '/v1/prospect', body)).status).toBe(200);
    const deadline = Date.now() + 60_000;
    while (threaded.host.status().workers.some((w) => !w.ready) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(threaded.host.status().workers.every((w) => w.ready)).toBe(true);
  }, 180_000);
});

describe('operations', () => {
  test('health answers fast while the engine refits on worker threads; shutdown finishes requests in flight', async () => {
    const store = await openStore('memory:');
    await store.migrate();
    await storeMarket(store, testMarket(1500));
    const { key, row } = newKey('platform', null, 'operations');
    await store.insertKey(row);
    const server = await service(store, { workers: 1, workerPath: WORKER_PATH });
    cleanups.push(() => store.close());
    const base = await server.listen(0);
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    // A refit (a whole rebuild) runs on the worker while health is polled on the main thread.
    const refit = fetch(`${base}/v1/model/refit`, { method: 'POST', headers: auth, body: '{}' });
    const latencies: number[] = [];
    let done = false;
    void refit.then(() => (done = true));
    while (!done) {
      const t = performance.now();
      const r = await fetch(`${base}/v1/health`);
      latencies.push(performance.now() - t);
      expect(r.status).toBe(200);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await refit).status).toBe(200);
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(250);
    // A slow request (an audit replay) in flight when the server is asked to stop still completes.
    const shown = (await (
      await fetch(`${base}/v1/prospect`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ productId: market.products[1]!.id, k: 10 }),
      })
    ).json()) as { rankingId: string };
    const inFlight = fetch(`${base}/v1/rankings/${shown.rankingId}?verify=true`, { headers: auth });
    await new Promise((r) => setTimeout(r, 50));
    const closing = server.close();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(
      ((await answer.json()) as { verification: { reproduced: boolean } }).verification.reproduced,
    ).toBe(true);
    await closing;
  }, 180_000);
});
