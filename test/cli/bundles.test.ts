import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers.js';
import { jsonLines, sum, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface BundlesLine {
  enterpriseId: string;
  bundles: {
    productIds: string[];
    score: number;
    coverage: Record<string, number>;
    contributions: Record<string, number>;
    summary: string[];
    alternatives: Record<string, string[]>;
    reason: string;
  }[];
}

describe('finmatch bundles', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });
  const base = () => [
    'bundles',
    '--products',
    m.file('products.jsonl'),
    '--enterprises',
    m.file('few-enterprises.jsonl'),
  ];

  it('prints one line per enterprise with the documented bundle shape; contributions add up', async () => {
    const { code, stdout, stderr } = await run([...base(), '--format', 'json', '--k', '3']);
    expect(code, stderr).toBe(0);
    const lines = jsonLines<BundlesLine>(stdout);
    expect(lines.length).toBeGreaterThan(0);
    let seen = 0;
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['bundles', 'enterpriseId']);
      expect(line.bundles.length).toBeLessThanOrEqual(3);
      for (const b of line.bundles) {
        seen++;
        for (const key of [
          'productIds',
          'score',
          'coverage',
          'contributions',
          'summary',
          'alternatives',
          'reason',
        ])
          expect(b).toHaveProperty(key);
        expect(b.reason.length).toBeGreaterThan(0);
        for (const [id, alternatives] of Object.entries(b.alternatives)) {
          expect(b.productIds).toContain(id);
          for (const alt of alternatives) expect(b.productIds).not.toContain(alt);
        }
        expect(b.productIds.length).toBeGreaterThanOrEqual(2);
        expect(Object.keys(b.coverage).sort()).toEqual([...b.productIds].sort());
        expect(Math.abs(sum(b.contributions) - b.score)).toBeLessThan(1e-9);
        expect(b.summary.length).toBeGreaterThan(0);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('prints a table for one enterprise and exits 2 on an unknown one', async () => {
    const id = m.market.enterprises[0]!.id;
    const table = await run([...base(), '--id', id, '--locale', 'en']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(`Enterprise ${id}`);
    const unknown = await run([...base(), '--id', 'ent-nope']);
    expect(unknown.code).toBe(2);
  });

  it('reads the enterprises file for --id only: a bad line elsewhere is neither read nor reported', async () => {
    const { readFile, writeFile } = await import('node:fs/promises');
    const id = m.market.enterprises[1]!.id;
    const lines = (await readFile(m.file('enterprises.jsonl'), 'utf8')).trimEnd().split('\n');
    const path = m.file('bundles-lookup.jsonl');
    await writeFile(path, [...lines, '{broken'].join('\n') + '\n');
    const args = (file: string) => [
      'bundles',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      file,
      '--id',
      id,
      '--format',
      'json',
    ];
    const looked = await run(args(path));
    expect(looked.code, looked.stderr).toBe(0);
    expect(looked.stdout).toBe((await run(args(m.file('enterprises.jsonl')))).stdout);
    // Without --id every line is read: the bad one is reported and the exit code says so.
    const whole = await run(args(path).slice(0, -4));
    expect(whole.code).toBe(1);
  });

  it('shows each bundle’s reason and alternatives whole in the table, zh and en', async () => {
    const json = await run([...base(), '--format', 'json', '--k', '4']);
    const line = jsonLines<BundlesLine>(json.stdout).find((l) => l.bundles.length >= 2);
    expect(line, 'an enterprise with two bundles among the few').toBeDefined();
    for (const locale of ['zh', 'en'] as const) {
      const { code, stdout, stderr } = await run([
        ...base(),
        '--id',
        line!.enterpriseId,
        '--k',
        '4',
        '--locale',
        locale,
      ]);
      expect(code, stderr).toBe(0);
      const expected = jsonLines<BundlesLine>(
        (
          await run([
            ...base(),
            '--id',
            line!.enterpriseId,
            '--k',
            '4',
            '--format',
            'json',
            '--locale',
            locale,
          ])
        ).stdout,
      )[0]!;
      for (const b of expected.bundles) {
        // The whole reason, not cut to a column width.
        expect(stdout).toContain(b.reason);
        for (const alternatives of Object.values(b.alternatives))
          expect(stdout).toContain(alternatives.join(locale === 'en' ? ', ' : '、'));
      }
      expect(stdout).toContain(locale === 'en' ? 'Highest score' : '得分最高');
    }
  });
});
