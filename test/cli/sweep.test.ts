import { readFile, stat, writeFile } from 'node:fs/promises';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductMatcher } from '../../src/engine/index.js';
import { selectShard } from '../../src/batch/shard.js';
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
      /wrote .*top\.arrow: \d+ enterprises \(\d+ with no eligible product, which have no row in Arrow\), arrow, [\d.]+ MB in [\d.]+ s \(load [\d.]+, prepare [\d.]+, sweep [\d.]+, write [\d.]+\)/,
    );
    // The summary counts the enterprises the file has no row for: those with no match.
    const [, all, none] = /: (\d+) enterprises \((\d+) with no eligible product/.exec(stderr)!;
    expect(Number(all)).toBe(lines.length);
    expect(Number(none)).toBe(lines.filter((l) => l.matches.length === 0).length);
    expect(Number(none)).toBeGreaterThan(0);
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
  describe('the workers read the enterprises file; anything they do not sweep goes the reference way', () => {
    const lines = async () =>
      (await readFile(m.file('enterprises.jsonl'), 'utf8')).trim().split('\n').slice(0, 120);
    const sweepOf = async (file: string, ...extra: string[]) => {
      const out = m.file(`of-${file}`);
      const r = await run([
        'sweep',
        '--enterprises',
        m.file(file),
        '--products',
        m.file('products.jsonl'),
        '--out',
        out,
        '--k',
        '3',
        '--threads',
        '2',
        '--locale',
        'en',
        ...extra,
      ]);
      return { ...r, lines: r.code <= 1 ? jsonLines<SweepLine>(await readFile(out, 'utf8')) : [] };
    };

    it('a bad record and a repeated id: each reported (file:line id path: message), exit 1, the good ones swept', async () => {
      const good = await lines();
      const bad = JSON.parse(good[5]!);
      bad.employees = -5;
      const text = [...good.slice(0, 5), JSON.stringify(bad), ...good.slice(6), good[9]!];
      await writeFile(m.file('bad.jsonl'), text.join('\n') + '\n');
      await writeFile(m.file('good.jsonl'), [...good.slice(0, 5), ...good.slice(6)].join('\n'));
      const r = await sweepOf('bad.jsonl');
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`bad.jsonl:6 ${bad.id as string} employees: `);
      expect(r.stderr).toMatch(
        /bad\.jsonl:121 \S+ id: duplicate id: already used by the record on line 10/,
      );
      expect(r.stderr).toMatch(/2 bad records skipped/);
      const want = await sweepOf('good.jsonl');
      expect(want.code, want.stderr).toBe(0);
      expect(r.lines).toEqual(want.lines);
      expect(r.lines).toHaveLength(good.length - 1);
    }, 120_000);

    it('a file out of id order, with CRLF endings and a byte-order mark: the same lines, in id order', async () => {
      const good = await lines();
      await writeFile(m.file('sorted.jsonl'), good.join('\n') + '\n');
      const shuffled = good.map((l, i) => [l, (i * 37) % good.length] as const);
      shuffled.sort((a, b) => a[1] - b[1]);
      await writeFile(
        m.file('shuffled.jsonl'),
        '\ufeff' + shuffled.map(([l]) => l).join('\r\n') + '\r\n',
      );
      const want = await sweepOf('sorted.jsonl');
      const got = await sweepOf('shuffled.jsonl');
      expect(got.code, got.stderr).toBe(0);
      expect(got.lines).toEqual(want.lines);
      expect(got.lines.map((l) => l.enterpriseId)).toEqual(
        good.map((l) => (JSON.parse(l) as { id: string }).id).sort(),
      );
      const shard = await sweepOf('shuffled.jsonl', '--shard', '1/3');
      expect(shard.code, shard.stderr).toBe(0);
      expect(shard.lines.length).toBeGreaterThan(0);
      const ids = selectShard(
        want.lines.map((l) => l.enterpriseId),
        1,
        3,
      );
      expect(shard.lines).toEqual(want.lines.filter((l) => ids.includes(l.enterpriseId)));
    }, 120_000);
  });
});
