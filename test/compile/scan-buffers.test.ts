/**
 * The scan buffers are sized for an index's rows when it is built (fresh memory is what a cold
 * call pays for), and rankings then use them as they are: no ranking allocates them again.
 */
import { expect, test } from 'vitest';
import { enterpriseProductProfile } from '../../src/index.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { reserveScanBuffers, scanBuffers, warmScanLoops } from '../../src/compile/prospect.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();

test('building an index reserves the scan buffers for its rows; rankings keep them', () => {
  const before = scanBuffers().length;
  expect(before).toBeLessThan(m.enterprises.length);
  const index = FastSubjectIndex.create(enterpriseProductProfile(), env, m.enterprises)!;
  const reserved = scanBuffers();
  expect(reserved.length).toBeGreaterThanOrEqual(index.columns.rowCount);
  let ranked = 0;
  for (const product of m.products.slice(0, 40)) {
    ranked += index.rank(product, 20, false)?.length ?? 0;
    index.rank(product, Infinity, false);
  }
  expect(ranked).toBeGreaterThan(0);
  expect(scanBuffers()).toBe(reserved);
});

test('a reservation never shrinks the buffers', () => {
  const current = scanBuffers();
  reserveScanBuffers(Math.max(1, current.length >> 1));
  expect(scanBuffers()).toBe(current);
  reserveScanBuffers(current.length + 5);
  expect(scanBuffers().length).toBe(current.length + 5);
  expect(scanBuffers().every((x) => x === 0)).toBe(true);
});

test('warming the scan loops on the columns leaves rankings as they were, cached targets too', () => {
  const index = FastSubjectIndex.create(enterpriseProductProfile(), env, m.enterprises)!;
  const products = m.products.slice(0, 30);
  const rank = () => products.map((p) => JSON.stringify(index.rank(p, 25, false)));
  const before = rank();
  expect(warmScanLoops(index.columns)).toBe(true);
  expect(rank()).toEqual(before);
  const fresh = FastSubjectIndex.create(enterpriseProductProfile(), env, m.enterprises)!;
  expect(products.map((p) => JSON.stringify(fresh.rank(p, 25, false)))).toEqual(before);
});
