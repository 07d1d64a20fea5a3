import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductMatcher } from '../../src/engine/index.js';
import { run } from './helpers.js';
import { jsonLines, sum, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface ProspectLine {
  productId: string;
  matches: {
    enterpriseId: string;
    rank: number;
    score: number;
    contributions: Record<string, number>;
  }[];
}

describe('finmatch prospect', () => {
  let m: WrittenMarket;
  let productId: string;
  beforeAll(async () => {
    m = await writeSmallMarket();
    // A product with many eligible enterprises: the top product of the first enterprise.
    const matcher = createProductMatcher(m.market.products, { asOf: m.market.manifest.asOf });
    productId = m.market.enterprises
      .map((e) => matcher.rankProducts(e, { k: 1 })[0]?.productId)
      .find((id) => id !== undefined)!;
  });
  afterAll(async () => {
    await m.cleanup();
  });
  const base = () => [
    'prospect',
    '--products',
    m.file('products.jsonl'),
    '--enterprises',
    m.file('enterprises.jsonl'),
  ];

  it('prints the documented shape; matches are eligible, ordered, and contributions add up', async () => {
    const { code, stdout, stderr } = await run([...base(), '--id', productId, '--format', 'json']);
    expect(code, stderr).toBe(0);
    const [line, ...rest] = jsonLines<ProspectLine>(stdout);
    expect(rest).toHaveLength(0);
    expect(Object.keys(line!).sort()).toEqual(['matches', 'productId']);
    expect(line!.productId).toBe(productId);
    expect(line!.matches.length).toBeGreaterThan(0);
    expect(line!.matches.length).toBeLessThanOrEqual(10);
    const matcher = createProductMatcher(m.market.products, { asOf: m.market.manifest.asOf });
    const byId = new Map(m.market.enterprises.map((e) => [e.id, e]));
    line!.matches.forEach((match, i) => {
      // Without --interactions the three learned factors abstain, and say so.
      expect(Object.keys(match).sort()).toEqual([
        'abstained',
        'contributions',
        'enterpriseId',
        'rank',
        'score',
      ]);
      expect(match.rank).toBe(i + 1);
      expect(Math.abs(sum(match.contributions) - match.score)).toBeLessThan(1e-9);
      expect(matcher.explain(byId.get(match.enterpriseId)!, productId).eligible).toBe(true);
    });
  });

  it('filters by region prefix and by chain', async () => {
    const region = m.market.enterprises[0]!.region.slice(0, 2);
    const byRegion = await run([
      ...base(),
      '--id',
      productId,
      '--region',
      region,
      '--format',
      'json',
      '--k',
      '50',
    ]);
    expect(byRegion.code, byRegion.stderr).toBe(0);
    const byId = new Map(m.market.enterprises.map((e) => [e.id, e]));
    for (const match of jsonLines<ProspectLine>(byRegion.stdout)[0]!.matches)
      expect(byId.get(match.enterpriseId)!.region.startsWith(region)).toBe(true);

    const chainId = m.market.enterprises.find((e) => e.chains.length > 0)!.chains[0]!.chainId;
    const byChain = await run([
      ...base(),
      '--chains',
      m.file('chains.jsonl'),
      '--id',
      productId,
      '--chain',
      chainId,
      '--format',
      'json',
      '--k',
      '50',
    ]);
    expect(byChain.code, byChain.stderr).toBe(0);
    for (const match of jsonLines<ProspectLine>(byChain.stdout)[0]!.matches)
      expect(byId.get(match.enterpriseId)!.chains.some((c) => c.chainId === chainId)).toBe(true);
  });

  it('prints a table in the requested locale', async () => {
    const { code, stdout } = await run([
      ...base(),
      '--id',
      productId,
      '--locale',
      'en',
      '--k',
      '3',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Product ${productId}`);
    expect(stdout).toContain('Region');
  });

  it('--id reads the named products only: a bad product line elsewhere is not reported', async () => {
    const { readFile, writeFile } = await import('node:fs/promises');
    const lines = (await readFile(m.file('products.jsonl'), 'utf8')).trimEnd().split('\n');
    const path = m.file('lookup-products.jsonl');
    await writeFile(path, ['{broken', ...lines].join('\n') + '\n');
    const id = m.market.products[2]!.id;
    const args = (file: string) => [
      ...base().map((a) => (a === m.file('products.jsonl') ? file : a)),
      '--id',
      id,
      '--k',
      '3',
      '--format',
      'json',
    ];
    const looked = await run(args(path));
    expect(looked.code, looked.stderr).toBe(0);
    expect(looked.stderr).not.toContain('broken');
    const clean = await run(args(m.file('products.jsonl')));
    expect(clean.code, clean.stderr).toBe(0);
    expect(looked.stdout).toBe(clean.stdout);
    // With --interactions every product is history: the whole file is read, the bad line reported.
    const interactions = m.file('no-interactions-prospect.jsonl');
    await writeFile(interactions, '');
    const withHistory = await run([...args(path), '--interactions', interactions]);
    expect(withHistory.code).toBe(1);
    expect(withHistory.stderr).toMatch(/lookup-products\.jsonl:1 /);
  });

  it('exits 2 on an unknown product, chain or a malformed region', async () => {
    const unknown = await run([...base(), '--id', 'prod-nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('prod-nope');
    const chain = await run([
      ...base(),
      '--chains',
      m.file('chains.jsonl'),
      '--id',
      productId,
      '--chain',
      'chain-nope',
    ]);
    expect(chain.code).toBe(2);
    expect((await run([...base(), '--id', productId, '--region', 'Jiangsu'])).code).toBe(2);
  });
});
