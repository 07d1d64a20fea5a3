import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductMatcher } from '../../src/engine/index.js';
import { run } from './helpers.js';
import { jsonLines, sum, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface ExplainLine {
  eligible: boolean;
  score: number;
  rules: { rule: string; passed: boolean; message: string; hint: string }[];
  contributions: Record<string, number>;
  factors: Record<string, number | null>;
  abstained: string[];
  summary: string[];
}

describe('finmatch explain', () => {
  let m: WrittenMarket;
  let enterpriseId: string;
  let eligibleProduct: string;
  let ineligibleProduct: string;
  beforeAll(async () => {
    m = await writeSmallMarket();
    const enterprise = m.market.enterprises[0]!;
    enterpriseId = enterprise.id;
    const matcher = createProductMatcher(m.market.products, { asOf: m.market.manifest.asOf });
    eligibleProduct = matcher.rankProducts(enterprise, { k: 1 })[0]!.productId;
    ineligibleProduct = m.market.products.find(
      (p) => !matcher.explain(enterprise, p.id).eligible,
    )!.id;
  });
  afterAll(async () => {
    await m.cleanup();
  });
  const pair = (productId: string) => [
    'explain',
    '--enterprises',
    m.file('enterprises.jsonl'),
    '--products',
    m.file('products.jsonl'),
    '--enterprise',
    enterpriseId,
    '--product',
    productId,
  ];

  it('explains an eligible pair: every rule passed, contributions add up to the score', async () => {
    const { code, stdout, stderr } = await run([...pair(eligibleProduct), '--format', 'json']);
    expect(code, stderr).toBe(0);
    const [line] = jsonLines<ExplainLine>(stdout);
    for (const key of [
      'eligible',
      'score',
      'rules',
      'contributions',
      'factors',
      'abstained',
      'summary',
    ])
      expect(line).toHaveProperty(key);
    expect(line!.eligible).toBe(true);
    expect(line!.rules.every((r) => r.passed)).toBe(true);
    for (const r of line!.rules)
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['rule', 'passed', 'message', 'hint']));
    expect(Math.abs(sum(line!.contributions) - line!.score)).toBeLessThan(1e-9);
  });

  it('explains an ineligible pair with a hint on every failed rule', async () => {
    const { code, stdout } = await run([...pair(ineligibleProduct), '--format', 'json']);
    expect(code).toBe(0);
    const [line] = jsonLines<ExplainLine>(stdout);
    expect(line!.eligible).toBe(false);
    expect(line!.score).toBe(0);
    const failed = line!.rules.filter((r) => !r.passed);
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) {
      expect(r.message.length).toBeGreaterThan(0);
      expect(r.hint.length).toBeGreaterThan(0);
    }
    const table = await run([...pair(ineligibleProduct), '--locale', 'en']);
    expect(table.stdout).toContain('Not eligible');
    expect(table.stdout).toContain('✗ fail');
    expect(table.stdout).toContain('Hint');
  });

  it('marks rules that do not apply as not applicable, never as passed (zh and en)', async () => {
    const product = m.market.products.find((p) => p.type !== 'loanRenewal')!;
    const args = [...pair(product.id), '--format', 'json', '--locale', 'en'];
    const { code, stdout, stderr } = await run(args);
    expect(code, stderr).toBe(0);
    const [line] = jsonLines<ExplainLine & { rules: { outcome: string }[] }>(stdout);
    const renewal = line!.rules.find((r) => r.rule === 'loanRenewal')!;
    expect(renewal).toMatchObject({
      passed: true,
      outcome: 'not-applicable',
      message: 'not applicable: the product is not a renewal product',
      hint: '',
    });
    for (const locale of ['en', 'zh'] as const) {
      const table = await run([...pair(product.id), '--locale', locale]);
      const row = table.stdout
        .split('\n')
        .find((l) => l.includes(locale === 'en' ? 'loan renewal' : '续贷条件'))!;
      expect(row).toContain(locale === 'en' ? '– n/a' : '– 不适用');
      expect(row).toContain(
        locale === 'en'
          ? 'not applicable: the product is not a renewal product'
          : '不适用：该产品不是续贷产品',
      );
      expect(row).not.toContain(locale === 'en' ? 'pass' : '通过');
    }
  });

  it('points to the near-miss report when the enterprise is eligible for no product', async () => {
    const matcher = createProductMatcher(m.market.products, { asOf: m.market.manifest.asOf });
    const stranded = m.market.enterprises.find(
      (e) => matcher.rankProducts(e, { k: 1 }).length === 0,
    )!;
    const argv = [
      'explain',
      '--enterprises',
      m.file('enterprises.jsonl'),
      '--products',
      m.file('products.jsonl'),
      '--enterprise',
      stranded.id,
      '--product',
      m.market.products[0]!.id,
    ];
    const en = await run([...argv, '--locale', 'en']);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain(
      `This enterprise is eligible for no product; finmatch rank --id ${stranded.id} lists its nearest misses`,
    );
    const zh = await run(argv);
    expect(zh.stdout).toContain(`该企业没有任何可申请的产品；finmatch rank --id ${stranded.id}`);
    // Not for an enterprise that has products, nor in JSON.
    const other = await run([...pair(ineligibleProduct), '--locale', 'en']);
    expect(other.stdout).not.toContain('eligible for no product');
    const json = await run([...argv, '--format', 'json']);
    expect(jsonLines(json.stdout)).toHaveLength(1);
  });

  it('explains a project–investor pair', async () => {
    const { code, stdout, stderr } = await run([
      'explain',
      '--projects',
      m.file('projects.jsonl'),
      '--investors',
      m.file('investors.jsonl'),
      '--project',
      m.market.projects[0]!.id,
      '--investor',
      m.market.investors[0]!.id,
      '--format',
      'json',
    ]);
    expect(code, stderr).toBe(0);
    const [line] = jsonLines<ExplainLine & { projectId: string; investorId: string }>(stdout);
    expect(line!.projectId).toBe(m.market.projects[0]!.id);
    expect(line!.investorId).toBe(m.market.investors[0]!.id);
    if (!line!.eligible) expect(line!.rules.some((r) => !r.passed && r.hint !== '')).toBe(true);
  });

  it('reads the enterprises file for --enterprise only: a bad line elsewhere is not read', async () => {
    const { readFile, writeFile } = await import('node:fs/promises');
    const lines = (await readFile(m.file('enterprises.jsonl'), 'utf8')).trimEnd().split('\n');
    const path = m.file('explain-lookup.jsonl');
    await writeFile(path, ['{broken', ...lines].join('\n') + '\n');
    const argv = (file: string) => [
      ...pair(eligibleProduct).map((a) => (a === m.file('enterprises.jsonl') ? file : a)),
      '--format',
      'json',
    ];
    const looked = await run(argv(path));
    expect(looked.code, looked.stderr).toBe(0);
    expect(looked.stdout).toBe((await run(argv(m.file('enterprises.jsonl')))).stdout);
  });

  it('exits 2 on unknown ids and on a half-given pair', async () => {
    const unknown = await run(pair('prod-nope'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('prod-nope');
    expect((await run(['explain', '--enterprise', enterpriseId])).code).toBe(2);
    expect((await run(['explain', '--enterprise', 'a', '--investor', 'b'])).code).toBe(2);
  });
});
