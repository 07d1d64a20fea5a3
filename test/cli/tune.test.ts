import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TUNE_GRADES } from '../../src/cli/commands/tune.js';
import { DEFAULT_TEST_FRACTION } from '../../src/eval/defaults.js';
import { queryHashUnit } from '../../src/eval/protocol/splits.js';
import { run } from './helpers.js';
import { jsonLines, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface TuneLine {
  metric: string;
  queries: number;
  trainQueries: number;
  heldOutQueries: number;
  trainQueryIds: string[];
  heldOutQueryIds: string[];
  initial: number;
  best: number;
  cvScore: number;
  foldScores: number[];
  heldOut: { initial: number; tuned: number; learned?: number };
  weights: Record<string, number>;
  tried: { index: number; score: number; weights: Record<string, number> }[];
  learned?: { weights: Record<string, number> };
}

/** The judgment window starts here in these tests (the CLI's default is 6 months before as-of). */
const SPLIT = '2025-01-01';

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
    expect(line!.trainQueries + line!.heldOutQueries).toBe(line!.queries);
    expect(line!.heldOutQueries).toBeGreaterThan(0);
    for (const score of Object.values(line!.heldOut)) expect(score).toBeGreaterThanOrEqual(0);
    expect(line!.heldOut.learned).toBeDefined();
    expect(line!.best).toBeGreaterThanOrEqual(line!.initial);
    expect(line!.foldScores).toHaveLength(3);
    expect(line!.tried[0]!.score).toBe(line!.initial);
    expect(Math.max(...line!.tried.map((t) => t.score))).toBe(line!.best);
    expect(Object.values(line!.learned!.weights).every((w) => w >= 0)).toBe(true);
    const spec = JSON.parse(await readFile(out, 'utf8'));
    const weightsOf = (s: { factors: { name: string; weight: number }[] }) =>
      Object.fromEntries(s.factors.map((f) => [f.name, f.weight]));
    expect(weightsOf(spec)).toEqual(line!.weights);
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
    expect(learnedSpec.factors.at(-1).name).toBe('collaborative');
    // The learned profile's weights are the fitted ones: the file says what the score uses.
    expect(weightsOf(learnedSpec)).toEqual(line!.learned!.weights);
  }, 120_000);

  /** The market files every call here reads. */
  const files = () => [
    '--products',
    m.file('products.jsonl'),
    '--enterprises',
    m.file('enterprises.jsonl'),
  ];

  it('rejects a call without judgments', async () => {
    const { code, stderr } = await run(['tune', ...files()]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/必须给出 --interactions/);
  });

  /** A cheap search (3 random configurations) where only the split is under test. */
  const quick = ['--method', 'random', '--trials', '3'];
  const common = () => [...files(), '--split-date', SPLIT, '--queries', '120', '--format', 'json'];
  const isJudgment = (i: { itemKind: string; kind: string; date: string }) =>
    i.itemKind === 'product' && i.date >= SPLIT && TUNE_GRADES[i.kind] !== undefined;

  it('never lets held-out labels shape the tuned or learned profile (poisoned held-out judgments give byte-identical profiles)', async () => {
    // Held out by the default hash split: the subjects (= query ids) hashing below the fraction.
    const heldOut = new Set(
      m.market.interactions
        .filter(isJudgment)
        .map((i) => i.subjectId)
        .filter((id) => queryHashUnit(id) < DEFAULT_TEST_FRACTION),
    );
    expect(heldOut.size).toBeGreaterThan(0);
    // Poison: every held-out judgment now points at the least-used product.
    const uses = new Map(m.market.products.map((p) => [p.id, 0]));
    for (const i of m.market.interactions) uses.set(i.itemId, (uses.get(i.itemId) ?? 0) + 1);
    const worst = [...uses].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const poisoned = m.market.interactions.map((i) =>
      isJudgment(i) && heldOut.has(i.subjectId) ? { ...i, itemId: worst } : i,
    );
    const poisonedFile = m.file('interactions-poisoned.jsonl');
    await writeFile(poisonedFile, poisoned.map((i) => JSON.stringify(i)).join('\n') + '\n');

    const tune = async (interactions: string, out: string) => {
      const r = await run([
        'tune',
        ...common(),
        '--interactions',
        interactions,
        '--learn',
        '--out',
        out,
      ]);
      expect(r.code, r.stderr).toBe(0);
      return jsonLines<TuneLine>(r.stdout)[0]!;
    };
    const trueOut = join(m.dir, 'true.json');
    const poisonedOut = join(m.dir, 'poisoned.json');
    const a = await tune(m.file('interactions.jsonl'), trueOut);
    const b = await tune(poisonedFile, poisonedOut);
    expect(a.heldOutQueryIds.every((q) => heldOut.has(q))).toBe(true);
    expect(b.heldOutQueryIds).toEqual(a.heldOutQueryIds);
    expect(b.trainQueryIds).toEqual(a.trainQueryIds);
    expect(await readFile(poisonedOut, 'utf8')).toBe(await readFile(trueOut, 'utf8'));
    expect(await readFile(join(m.dir, 'poisoned.learned.json'), 'utf8')).toBe(
      await readFile(join(m.dir, 'true.learned.json'), 'utf8'),
    );
    expect(JSON.stringify(b.tried)).toBe(JSON.stringify(a.tried));
    expect(b.cvScore).toBe(a.cvScore);
    // The poison did reach the held-out scores.
    expect(b.heldOut.tuned).not.toBe(a.heldOut.tuned);
  }, 120_000);

  it('--holdout-date holds out later judgments as second queries of their subjects', async () => {
    const { code, stdout, stderr } = await run([
      'tune',
      ...common(),
      '--interactions',
      m.file('interactions.jsonl'),
      '--holdout-date',
      '2025-04-01',
      ...quick,
    ]);
    expect(code, stderr).toBe(0);
    const line = jsonLines<TuneLine>(stdout)[0]!;
    expect(line.heldOutQueryIds.length).toBeGreaterThan(0);
    expect(line.heldOutQueryIds.every((q) => q.endsWith('@2025-04-01'))).toBe(true);
    expect(line.trainQueryIds.every((q) => !q.includes('@'))).toBe(true);
    // Some subject was judged in both windows: two queries, one on each side.
    const trained = new Set(line.trainQueryIds);
    expect(line.heldOutQueryIds.some((q) => trained.has(q.replace(/@.*$/, '')))).toBe(true);
  });

  it('--holdout-file and --holdout-ids hold out exactly the given query ids', async () => {
    const judged = [...new Set(m.market.interactions.filter(isJudgment).map((i) => i.subjectId))];
    const first = await run(['tune', ...common(), '--interactions', m.file('interactions.jsonl')]);
    const sampled = jsonLines<TuneLine>(first.stdout)[0]!.trainQueryIds;
    const chosen = sampled.slice(0, 4);
    const file = m.file('held-out.txt');
    await writeFile(
      file,
      `# held out\n${chosen[0]}\n${chosen[1]}, ${chosen[2]}\n${chosen[3]}\nnot-a-query\n`,
    );
    for (const option of [
      ['--holdout-file', file],
      ['--holdout-ids', chosen.join(',')],
    ]) {
      const { code, stdout, stderr } = await run([
        'tune',
        ...common(),
        '--interactions',
        m.file('interactions.jsonl'),
        ...option,
        ...quick,
      ]);
      expect(code, stderr).toBe(0);
      const line = jsonLines<TuneLine>(stdout)[0]!;
      expect(line.heldOutQueryIds).toEqual([...chosen].sort());
      expect(line.trainQueryIds.some((q) => chosen.includes(q))).toBe(false);
    }
    expect(judged.length).toBeGreaterThan(0);
  }, 120_000);

  it.each([
    [['--split-date', '2026-02-31'], /--split-date/],
    [['--split-date', '2025-06-01', '--holdout-date', '2025-09-31'], /--holdout-date/],
  ])('rejects a split %j that is no calendar day', async (dates, message) => {
    const interactions = ['--interactions', m.file('interactions.jsonl')];
    const { code, stderr } = await run(['tune', ...files(), ...interactions, ...dates]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/YYYY-MM-DD/);
  });

  it('says when the default split, not a flag given, falls outside the years', async () => {
    const interactions = ['--interactions', m.file('interactions.jsonl')];
    const asOf = ['--as-of', '1800-03-31'];
    const { code, stderr } = await run(['tune', ...files(), ...interactions, ...asOf]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/默认的 --split-date（--as-of 1800-03-31 前 6 个月，1799-09-30）/);
  });

  it('rejects two hold-out options at once', async () => {
    const { code, stderr } = await run([
      'tune',
      ...common(),
      '--interactions',
      m.file('interactions.jsonl'),
      '--holdout-fraction',
      '0.2',
      '--holdout-date',
      '2025-04-01',
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/最多只能给一个/);
  });
});
