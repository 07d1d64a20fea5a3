/**
 * `--format trec` of `rank` and `prospect`: a standard TREC run that `finmatch evaluate` reads
 * as it is (rank → evaluate round trip), and `prospect --offset` pagination.
 */
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import { run } from './helpers.js';
import { jsonLines, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface RankLine {
  enterpriseId: string;
  matches: { productId: string; rank: number; score: number }[];
}
interface ProspectLine {
  productId: string;
  matches: { enterpriseId: string; rank: number; score: number }[];
}

describe('--format trec', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });
  const rank = (...extra: string[]) =>
    run([
      'rank',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('few-enterprises.jsonl'),
      '--k',
      '5',
      ...extra,
    ]);

  it('rank writes qid Q0 docid rank score runtag: the JSON output, line for line', async () => {
    const trec = await rank('--format', 'trec', '--run-tag', 'bm-v1');
    const json = await rank('--format', 'json');
    expect(trec.code, trec.stderr).toBe(0);
    const expected = jsonLines<RankLine>(json.stdout).flatMap((line) =>
      line.matches.map((x) => [
        line.enterpriseId,
        'Q0',
        x.productId,
        String(x.rank),
        String(x.score),
        'bm-v1',
      ]),
    );
    expect(expected.length).toBeGreaterThan(20);
    const lines = trec.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(' '));
    expect(lines).toEqual(expected);
  });

  it('round trip: finmatch evaluate reads the rank output and scores it as the library does', async () => {
    const trec = await rank('--format', 'trec');
    const json = jsonLines<RankLine>((await rank('--format', 'json')).stdout);
    // Judgments: each enterprise's 2nd-ranked product is relevant, its 1st judged not.
    const qrels: Record<string, Record<string, number>> = {};
    const runTable: Record<string, Record<string, number>> = {};
    for (const line of json) {
      if (line.matches.length < 2) continue;
      qrels[line.enterpriseId] = {
        [line.matches[1]!.productId]: 1,
        [line.matches[0]!.productId]: 0,
      };
      runTable[line.enterpriseId] = Object.fromEntries(
        line.matches.map((x) => [x.productId, x.score]),
      );
    }
    expect(Object.keys(qrels).length).toBeGreaterThan(5);
    const runPath = m.file('rank.run');
    const qrelsPath = m.file('rank.qrels');
    await writeFile(runPath, trec.stdout);
    await writeFile(
      qrelsPath,
      Object.entries(qrels)
        .flatMap(([q, docs]) => Object.entries(docs).map(([d, r]) => `${q} 0 ${d} ${r}\n`))
        .join(''),
    );
    const evaluated = await run([
      'evaluate',
      '--run',
      runPath,
      '--qrels',
      qrelsPath,
      '--metrics',
      'mrr,ndcg@5,p@1',
      '--format',
      'json',
    ]);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    const cli = JSON.parse(evaluated.stdout) as {
      metrics: Record<string, number>;
      numQueries: number;
    };
    const library = evaluate(runTable, qrels, { metrics: ['mrr', 'ndcg@5', 'p@1'] });
    expect(cli.metrics).toEqual(library.metrics);
    expect(cli.numQueries).toBe(Object.keys(qrels).length);
    // The 2nd-ranked product is relevant: MRR 1/2 wherever the top two scores are not tied.
    expect(cli.metrics.mrr).toBeGreaterThan(0.3);
    expect(cli.metrics['p@1']).toBeLessThan(0.5);
  });

  it('prospect writes the product id as qid and enterprises as docids', async () => {
    const productId = m.market.products[0]!.id;
    const base = [
      'prospect',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('enterprises.jsonl'),
      '--id',
      productId,
      '--k',
      '7',
    ];
    const trec = await run([...base, '--format', 'trec']);
    const json = jsonLines<ProspectLine>((await run([...base, '--format', 'json'])).stdout)[0]!;
    expect(trec.code, trec.stderr).toBe(0);
    expect(trec.stdout).toBe(
      json.matches
        .map((x) => `${productId} Q0 ${x.enterpriseId} ${x.rank} ${String(x.score)} finmatch\n`)
        .join(''),
    );
  });

  it('a run tag with a space is a usage error; trec is not a format of other commands', async () => {
    const bad = await rank('--format', 'trec', '--run-tag', 'two words', '--locale', 'en');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--run-tag');
    const match = await run([
      'match',
      '--projects',
      m.file('projects.jsonl'),
      '--investors',
      m.file('investors.jsonl'),
      '--format',
      'trec',
    ]);
    expect(match.code).toBe(2);
  });
});

describe('prospect --offset', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });

  it('pages concatenate to the unpaginated list', async () => {
    const productId = m.market.products[0]!.id;
    const base = [
      'prospect',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('enterprises.jsonl'),
      '--id',
      productId,
      '--format',
      'json',
    ];
    const all = jsonLines<ProspectLine>((await run([...base, '--k', '30'])).stdout)[0]!.matches;
    expect(all.length).toBe(30);
    const pages = [];
    for (let offset = 0; offset < 30; offset += 7) {
      const page = await run([
        ...base,
        '--k',
        String(Math.min(7, 30 - offset)),
        '--offset',
        String(offset),
      ]);
      expect(page.code, page.stderr).toBe(0);
      pages.push(...jsonLines<ProspectLine>(page.stdout)[0]!.matches);
    }
    expect(pages).toEqual(all);
  });

  it.each(['-1', '1.5', 'x'])('--offset %s is a usage error (exit 2)', async (offset) => {
    const { code, stderr } = await run([
      'prospect',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('few-enterprises.jsonl'),
      '--offset',
      offset,
      '--locale',
      'en',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--offset');
  });
});
