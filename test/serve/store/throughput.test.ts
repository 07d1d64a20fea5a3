/**
 * Write and read throughput of each back-end, with ~1 KB JSON records. Not run by default:
 * `FINMATCH_STORE_BENCH=1 npx vitest run test/serve/store/throughput.test.ts` (PostgreSQL too
 * when FINMATCH_TEST_POSTGRES is set). `FINMATCH_STORE_BENCH_SEED=1` also loads a seed-scale
 * market of 345,800 enterprises in writes of 10,000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openPgliteStore } from '../../../src/serve/store/pglite.js';
import { openPostgresStore } from '../../../src/serve/store/postgres.js';
import type { Store, WriteOp } from '../../../src/serve/store/types.js';
import { POSTGRES_URL, createTestDatabase } from './pg-helpers.js';

const BENCH = process.env.FINMATCH_STORE_BENCH === '1';
const SEED = process.env.FINMATCH_STORE_BENCH_SEED === '1';

/** An enterprise-like record of about 1 KB of JSON. */
export function enterprise(i: number, tag: string): WriteOp {
  const id = `${tag}-ent-${String(i).padStart(7, '0')}`;
  const body = {
    id,
    name: `深圳市示例${i % 997}科技有限公司`,
    creditCode: `91440300${String(i).padStart(10, '0')}`,
    region: ['440300', '310000', '110000', '330100'][i % 4],
    sector: ['C39', 'C35', 'I65', 'M73'][i % 4],
    founded: 1995 + (i % 29),
    employees: 10 + (i % 2000),
    revenue: 1_000_000 + ((i * 7919) % 900_000_000),
    profitMargin: ((i % 41) - 10) / 100,
    srdi: { level: ['none', 'provincial', 'national'][i % 3], certifiedAt: '2023-06-30' },
    need: {
      amount: 5_000_000 + (i % 100) * 100_000,
      termMonths: 12 + (i % 4) * 12,
      purpose: 'working_capital',
    },
    existingLoans: [
      { bank: '示例银行', amount: 2_000_000, maturity: '2026-12-31' },
      { bank: 'Example Bank', amount: 800_000, maturity: '2025-06-30' },
    ],
    tags: ['高新技术企业', 'specialised', 'export', `cluster-${i % 50}`],
    description:
      '专注于工业传感器与边缘计算设备的研发、生产和销售，产品应用于智能制造、新能源与轨道交通领域。 Focus on industrial sensors and edge computing devices: design, manufacturing and sales, for smart factories, new energy and rail transit.',
    patents: { invention: i % 17, utilityModel: i % 31, software: i % 7 },
    contacts: { city: '深圳', district: '南山区', park: '科技园' },
  };
  return { kind: 'enterprise', id, body };
}

function format(r: Row): string {
  const rate = Math.round(r.rows / r.seconds).toString();
  return `${r.backend.padEnd(14)} ${r.step.padEnd(40)} ${r.seconds.toFixed(2).padStart(7)} s ${rate.padStart(7)} rows/s`;
}

interface Row {
  backend: string;
  step: string;
  rows: number;
  seconds: number;
}
const results: Row[] = [];

async function measure(backend: string, step: string, rows: number, fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  const seconds = (performance.now() - start) / 1000;
  results.push({ backend, step, rows, seconds });
  console.log(format({ backend, step, rows, seconds }));
}

async function readAll(store: Store, pageSize: number): Promise<number> {
  let n = 0;
  for await (const page of store.currentRecords({ pageSize })) n += page.length;
  return n;
}

async function run(backend: string, store: Store): Promise<void> {
  await store.migrate();
  const small = Array.from({ length: 10_000 }, (_, i) => enterprise(i, 'a'));
  const bytes = small.reduce((s, op) => s + Buffer.byteLength(JSON.stringify(op.body)), 0);
  console.log(`${backend}: mean body ${Math.round(bytes / small.length)} bytes of JSON`);
  await measure(backend, 'write 10k (one call)', 10_000, () => store.write(small));
  const big = Array.from({ length: 100_000 }, (_, i) => enterprise(i, 'b'));
  await measure(backend, 'write 100k (one call)', 100_000, () => store.write(big));
  const again = Array.from({ length: 100_000 }, (_, i) => enterprise(i, 'c'));
  await measure(backend, 'write 100k (10 calls of 10k)', 100_000, async () => {
    for (let s = 0; s < again.length; s += 10_000) await store.write(again.slice(s, s + 10_000));
  });
  let n = 0;
  await measure(backend, 'currentRecords 210k (pages of 1000)', 210_000, async () => {
    n = await readAll(store, 1000);
  });
  expect(n).toBe(210_000);
  const head = await store.headSeq();
  await measure(backend, 'recordsAsOf 210k (pages of 1000)', 210_000, async () => {
    let m = 0;
    for await (const page of store.recordsAsOf(head, { pageSize: 1000 })) m += page.length;
    expect(m).toBe(210_000);
  });
  if (SEED) {
    const total = 345_800;
    await measure(backend, 'seed load 345,800 (calls of 10k)', total, async () => {
      for (let s = 0; s < total; s += 10_000) {
        await store.write(
          Array.from({ length: Math.min(10_000, total - s) }, (_, i) => enterprise(s + i, 'seed')),
        );
      }
    });
    await measure(backend, 'currentRecords 555,800 (pages of 1000)', 555_800, async () => {
      expect(await readAll(store, 1000)).toBe(555_800);
    });
  }
  console.log(`${backend}: rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
}

describe.skipIf(!BENCH)('store throughput', () => {
  let dir: string | undefined;
  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    console.log(results.map(format).join('\n'));
  });

  test('PGlite in memory', async () => {
    const store = await openPgliteStore();
    await run('pglite memory', store).finally(() => store.close());
  }, 1_800_000);

  test('PGlite on disk', async () => {
    dir = mkdtempSync(join(tmpdir(), 'finmatch-bench-'));
    const store = await openPgliteStore({ dataDir: join(dir, 'db') });
    await run('pglite disk', store).finally(() => store.close());
  }, 1_800_000);

  test.skipIf(POSTGRES_URL === undefined)(
    'PostgreSQL',
    async () => {
      const db = await createTestDatabase();
      const store = await openPostgresStore(db.url);
      try {
        await run('postgres', store);
      } finally {
        await store.close();
        await db.drop();
      }
    },
    1_800_000,
  );
});
