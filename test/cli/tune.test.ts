import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers.js';
import { jsonLines, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface TuneLine {
  metric: string;
  initial: number;
  best: number;
  cvScore: number;
  foldScores: number[];
  weights: Record<string, number>;
  tried: { index: number; score: number; weights: Record<string, number> }[];
  learned?: { weights: Record<string, number> };
}

describe('finmatch tune', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });

  it('improves (never lowers) the training objective, reports the CV estimate and every configuration, and writes a profile rank can load', async () => {
    const out = join(m.dir, 'tuned.json');
    const tried = join(m.dir, 'tried.tsv');
    const common = [
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('enterprises.jsonl'),
    ];
    const { code, stdout, stderr } = await run([
      'tune',
      ...common,
      '--interactions',
      m.file('interactions.jsonl'),
      '--queries',
      '150',
      '--format',
      'json',
      '--out',
      out,
      '--tried',
      tried,
      '--learn',
    ]);
    expect(code, stderr).toBe(0);
    const [line] = jsonLines<TuneLine>(stdout);
    expect(line!.metric).toBe('ndcg@10');
    expect(line!.best).toBeGreaterThanOrEqual(line!.initial);
    expect(line!.foldScores).toHaveLength(3);
    expect(line!.tried[0]!.score).toBe(line!.initial);
    expect(Math.max(...line!.tried.map((t) => t.score))).toBe(line!.best);
    expect(Object.values(line!.learned!.weights).every((w) => w >= 0)).toBe(true);
    const spec = JSON.parse(await readFile(out, 'utf8'));
    expect(spec.weights).toEqual(line!.weights);
    const tsv = (await readFile(tried, 'utf8')).trim().split('\n');
    expect(tsv).toHaveLength(line!.tried.length + 1);

    // Both written profiles (tuned weights; learned strategy with its model inline) load in rank.
    const id = m.market.enterprises[0]!.id;
    for (const file of [out, join(m.dir, 'tuned.learned.json')]) {
      const ranked = await run([
        'rank',
        ...common,
        '--id',
        id,
        '--profile',
        file,
        '--format',
        'json',
      ]);
      expect(ranked.code, ranked.stderr).toBe(0);
      expect(jsonLines(ranked.stdout)).toHaveLength(1);
    }
    const learnedSpec = JSON.parse(await readFile(join(m.dir, 'tuned.learned.json'), 'utf8'));
    expect(learnedSpec.strategy.kind).toBe('learned');
    expect(learnedSpec.extraFactors).toEqual(['collaborative']);
  });

  it('rejects a call without judgments', async () => {
    const { code, stderr } = await run([
      'tune',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('enterprises.jsonl'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--interactions is required/);
  });
});
