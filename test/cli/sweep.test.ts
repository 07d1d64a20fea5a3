import { readFile, stat } from 'node:fs/promises';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductMatcher } from '../../src/engine/index.js';
import { run } from './helpers.js';
import { jsonLines, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface SweepLine {
  enterpriseId: string;
  matches: {
    productId: string;
    score: number;
    rank: number;
    contributions?: Record<string, number>;
  }[];
}

describe('finmatch sweep', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });
  const sweepFile = async (out: string, ...extra: string[]) => {
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
    return stderr;
  };
  const sweepTo = async (out: string, ...extra: string[]) => {
    await sweepFile(out, ...extra);
    return jsonLines<SweepLine>(await readFile(m.file(out), 'utf8'));
  };

  it('writes every enterprise in id order on 2 threads, equal to rankProducts', async () => {
    const lines = await sweepTo('all.jsonl', '--threads', '2', '--contributions');
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

  it('writes the compact shape by default: productId, score and rank, no contributions', async () => {
    const full = await sweepTo('full.jsonl', '--threads', '2', '--contributions');
    const compact = await sweepTo('compact.jsonl', '--threads', '2');
    expect(compact).toEqual(
      full.map((line) => ({
        enterpriseId: line.enterpriseId,
        matches: line.matches.map(({ productId, score, rank }) => ({ productId, score, rank })),
      })),
    );
    expect(Object.keys(compact.find((l) => l.matches.length > 0)!.matches[0]!)).toEqual([
      'productId',
      'score',
      'rank',
    ]);
    const sizes = await Promise.all(['full.jsonl', 'compact.jsonl'].map((f) => stat(m.file(f))));
    expect(sizes[1]!.size).toBeLessThan(sizes[0]!.size / 2);
  }, 120_000);

  it('--format arrow (or an .arrow file) holds the same matches, one row each, readable by apache-arrow', async () => {
    const lines = await sweepTo('same.jsonl', '--threads', '2', '--contributions');
    const stderr = await sweepFile(
      'top.arrow',
      '--threads',
      '2',
      '--contributions',
      '--locale',
      'en',
    );
    expect(stderr).toMatch(
      /wrote .*top\.arrow: \d+ enterprises, arrow, [\d.]+ MB in [\d.]+ s \(load [\d.]+, prepare [\d.]+, sweep [\d.]+, write [\d.]+\)/,
    );
    const table = tableFromIPC(await readFile(m.file('top.arrow')));
    const factors = Object.keys(
      lines.find((l) => l.matches.length > 0)!.matches[0]!.contributions!,
    );
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      'enterpriseId',
      'rank',
      'productId',
      'score',
      ...factors.map((f) => `contribution_${f}`),
    ]);
    const want = lines.flatMap((l) =>
      l.matches.map((x) => ({
        enterpriseId: l.enterpriseId,
        rank: x.rank,
        productId: x.productId,
        score: x.score,
        ...Object.fromEntries(factors.map((f) => [`contribution_${f}`, x.contributions![f]])),
      })),
    );
    expect(table.numRows).toBe(want.length);
    expect(table.toArray().map((row) => ({ ...row.toJSON() }))).toEqual(want);
    // The format can be named whatever the file is called; a wrong name is a usage error.
    await sweepFile('named.bin', '--threads', '0', '--format', 'arrow');
    expect(tableFromIPC(await readFile(m.file('named.bin'))).numRows).toBe(want.length);
    const bad = await run([
      'sweep',
      '--enterprises',
      m.file('enterprises.jsonl'),
      '--products',
      m.file('products.jsonl'),
      '--out',
      m.file('x.parquet'),
      '--format',
      'parquet',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format/);
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
