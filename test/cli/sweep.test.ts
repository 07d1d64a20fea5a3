import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductMatcher } from '../../src/engine/index.js';
import { run } from './helpers.js';
import { jsonLines, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface SweepLine {
  enterpriseId: string;
  matches: { productId: string; score: number; contributions: Record<string, number> }[];
}

describe('finmatch sweep', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });
  const sweepTo = async (out: string, ...extra: string[]) => {
    const { code, stderr } = await run([
      'sweep',
      '--enterprises',
      m.file('enterprises.jsonl'),
      '--products',
      m.file('products.jsonl'),
      '--out',
      m.file(out),
      '--k',
      '5',
      ...extra,
    ]);
    expect(code, stderr).toBe(0);
    return jsonLines<SweepLine>(await readFile(m.file(out), 'utf8'));
  };

  it('writes every enterprise in id order on 2 threads, equal to rankProducts', async () => {
    const lines = await sweepTo('all.jsonl', '--threads', '2');
    const ids = m.market.enterprises.map((e) => e.id).sort();
    expect(lines.map((l) => l.enterpriseId)).toEqual(ids);
    // The manifest beside the files fixes the evaluation date, so the library agrees exactly.
    const matcher = createProductMatcher(m.market.products, { asOf: m.market.manifest.asOf });
    const byId = new Map(m.market.enterprises.map((e) => [e.id, e]));
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['enterpriseId', 'matches']);
      const want = matcher.rankProducts(byId.get(line.enterpriseId)!, { k: 5 });
      expect(line.matches).toEqual(
        want.map(({ productId, score, rank, contributions }) => ({
          productId,
          score,
          rank,
          contributions,
        })),
      );
    }
  }, 120_000);

  it('shards 0/2 and 1/2 partition the output', async () => {
    const all = await sweepTo('whole.jsonl', '--threads', '0');
    const first = await sweepTo('shard0.jsonl', '--threads', '2', '--shard', '0/2');
    const second = await sweepTo('shard1.jsonl', '--threads', '2', '--shard', '1/2');
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    const merged = [...first, ...second].sort((a, b) =>
      a.enterpriseId < b.enterpriseId ? -1 : a.enterpriseId > b.enterpriseId ? 1 : 0,
    );
    expect(merged).toEqual(all);
  }, 120_000);

  it('rejects a malformed shard', async () => {
    const { code } = await run([
      'sweep',
      '--enterprises',
      m.file('enterprises.jsonl'),
      '--products',
      m.file('products.jsonl'),
      '--out',
      m.file('x.jsonl'),
      '--shard',
      '2/2',
    ]);
    expect(code).toBe(2);
  });
});
