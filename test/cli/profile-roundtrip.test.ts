/**
 * tune → spec file → CLI `rank`, `prospect`, `sweep`, `explain` and the library: one profile,
 * identical rankings and scores everywhere, for every kind of profile file the CLI accepts;
 * explanations show the weights the score used and the contributions add up.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductMatcher, profileFromSpec } from '../../src/index.js';
import { run } from './helpers.js';
import { jsonLines, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface RankLine {
  enterpriseId: string;
  matches: { productId: string; score: number; contributions: Record<string, number> }[];
}

describe('profile files round-trip through every CLI command', () => {
  let m: WrittenMarket;
  const files: Record<string, string> = {};
  beforeAll(async () => {
    m = await writeSmallMarket();
    const tuned = join(m.dir, 'tuned.json');
    const { code, stderr } = await run([
      'tune',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('enterprises.jsonl'),
      '--interactions',
      m.file('interactions.jsonl'),
      '--queries',
      '80',
      '--learn',
      '--format',
      'json',
      '--out',
      tuned,
    ]);
    expect(code, stderr).toBe(0);
    files.tuned = tuned;
    files.learned = join(m.dir, 'tuned.learned.json');
    files.lexicographicMmr = join(m.dir, 'lex.json');
    await writeFile(
      files.lexicographicMmr,
      JSON.stringify({
        name: 'lexMmr',
        strategy: {
          kind: 'lexicographic',
          options: { tiers: [['policyPriority'], ['sectorFit', 'amountFit']] },
        },
        rerankers: [{ kind: 'mmr', options: { lambda: 0.6 } }],
      }),
    );
    files.quota = join(m.dir, 'quota.json');
    await writeFile(
      files.quota,
      JSON.stringify({ rerankers: [{ kind: 'exposureQuota', options: { maxPerGroup: 1 } }] }),
    );
  }, 180_000);
  afterAll(async () => {
    await m.cleanup();
  });

  const data = () => [
    '--products',
    m.file('products.jsonl'),
    '--enterprises',
    m.file('enterprises.jsonl'),
    '--institutions',
    m.file('institutions.jsonl'),
    '--interactions',
    m.file('interactions.jsonl'),
  ];

  for (const kind of ['tuned', 'learned', 'lexicographicMmr', 'quota']) {
    it(`${kind}: rank = sweep = library, explain's weights are the ones used`, async () => {
      const ids = m.market.enterprises.slice(0, 40).map((e) => e.id);
      const rank = await run([
        'rank',
        ...data(),
        '--profile',
        files[kind]!,
        '--k',
        '5',
        '--format',
        'json',
        ...ids.flatMap((id) => ['--id', id]),
      ]);
      expect(rank.code, rank.stderr).toBe(0);
      const ranked = jsonLines<RankLine>(rank.stdout);
      expect(ranked.map((l) => l.enterpriseId)).toEqual(ids);

      const out = join(m.dir, `${kind}.sweep.jsonl`);
      const sweep = await run([
        'sweep',
        ...data(),
        '--profile',
        files[kind]!,
        '--k',
        '5',
        '--threads',
        '2',
        '--out',
        out,
      ]);
      expect(sweep.code, sweep.stderr).toBe(0);
      const swept = new Map(
        jsonLines<RankLine>(await readFile(out, 'utf8')).map((l) => [l.enterpriseId, l]),
      );
      expect(swept.size).toBe(m.market.enterprises.length);
      for (const line of ranked) {
        const s = swept.get(line.enterpriseId)!;
        expect(s.matches.map((x) => [x.productId, x.score])).toEqual(
          line.matches.map((x) => [x.productId, x.score]),
        );
      }

      // The library, given the file's profile and the same data, ranks the same.
      const text = await readFile(files[kind]!, 'utf8');
      const parsed = JSON.parse(text);
      if ('format' in parsed) {
        // A full spec carries every part (tune added the collaborative signal): the CLI adds
        // nothing, and the library with the same data ranks exactly the same.
        const profile = profileFromSpec(parsed, { market: 'enterpriseProduct' });
        const matcher = createProductMatcher(m.market.products, {
          profile,
          asOf: m.market.manifest.asOf,
          institutions: m.market.institutions,
          interactions: m.market.interactions,
          subjects: m.market.enterprises,
          targets: m.market.products,
        });
        for (const line of ranked) {
          const e = m.market.enterprises.find((x) => x.id === line.enterpriseId)!;
          expect(line.matches.map((x) => [x.productId, x.score, x.contributions])).toEqual(
            matcher.rankProducts(e, { k: 5 }).map((x) => [x.productId, x.score, x.contributions]),
          );
        }
      }

      // explain: weights × values = contributions, Σ contributions = score.
      const first = ranked.find((l) => l.matches.length > 0)!;
      const explain = await run([
        'explain',
        ...data(),
        '--profile',
        files[kind]!,
        '--enterprise',
        first.enterpriseId,
        '--product',
        first.matches[0]!.productId,
        '--format',
        'json',
      ]);
      expect(explain.code, explain.stderr).toBe(0);
      const x = JSON.parse(explain.stdout) as {
        score: number;
        weights: Record<string, number>;
        factors: Record<string, number | null>;
        contributions: Record<string, number>;
      };
      expect(x.score).toBe(first.matches[0]!.score);
      let sum = 0;
      for (const [name, c] of Object.entries(x.contributions)) {
        sum += c;
        expect(c).toBeCloseTo((x.weights[name] ?? 0) * (x.factors[name] ?? 0), 12);
      }
      expect(sum).toBeCloseTo(x.score, 12);
    }, 180_000);
  }

  it('prospect with a tuned profile equals the library', async () => {
    const product = m.market.products[3]!;
    const res = await run([
      'prospect',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('enterprises.jsonl'),
      '--id',
      product.id,
      '--profile',
      files.learned!,
      '--k',
      '7',
      '--format',
      'json',
    ]);
    expect(res.code, res.stderr).toBe(0);
    const { createEnterpriseIndex } = await import('../../src/index.js');
    const profile = profileFromSpec(JSON.parse(await readFile(files.learned!, 'utf8')), {
      market: 'enterpriseProduct',
    });
    const index = createEnterpriseIndex(m.market.enterprises, {
      profile,
      asOf: m.market.manifest.asOf,
    });
    const want = index.prospectEnterprises(product, { k: 7 });
    const [line] = jsonLines<{ matches: { enterpriseId: string; score: number }[] }>(res.stdout);
    expect(line!.matches.map((x) => [x.enterpriseId, x.score])).toEqual(
      want.map((x) => [x.enterpriseId, x.score]),
    );
  }, 120_000);
});
