import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers.js';
import { jsonLines, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface Line {
  enterpriseId: string;
  matches: {
    productId: string;
    score: number;
    contributions: Record<string, number>;
    abstained?: string[];
  }[];
}

describe('finmatch rank with interaction history and text', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });

  it('a new enterprise without history is ranked with the collaborative factor marked as abstaining; one with history is not', async () => {
    const withHistory = new Set(
      m.market.interactions.filter((i) => i.itemKind === 'product').map((i) => i.subjectId),
    );
    const fresh = m.market.enterprises.find((e) => !withHistory.has(e.id))!;
    const known = m.market.enterprises.find((e) => withHistory.has(e.id))!;
    const { code, stdout, stderr } = await run([
      'rank',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('enterprises.jsonl'),
      '--interactions',
      m.file('interactions.jsonl'),
      '--text',
      '--id',
      fresh.id,
      '--id',
      known.id,
      '--format',
      'json',
    ]);
    expect(code, stderr).toBe(0);
    const [freshLine, knownLine] = jsonLines<Line>(stdout);
    expect(freshLine!.enterpriseId).toBe(fresh.id);
    expect(freshLine!.matches.length).toBeGreaterThan(0);
    for (const match of freshLine!.matches) {
      expect(match.abstained).toContain('collaborative');
      expect(match.contributions.collaborative).toBe(0);
      const sum = Object.values(match.contributions).reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - match.score)).toBeLessThan(1e-9);
    }
    expect(knownLine!.matches.some((x) => !(x.abstained ?? []).includes('collaborative'))).toBe(
      true,
    );
    expect(Object.keys(freshLine!.matches[0]!.contributions)).toContain('text');
  });

  it('the table names the abstaining collaborative factor for a new enterprise, and not for one with history', async () => {
    const withHistory = new Set(
      m.market.interactions.filter((i) => i.itemKind === 'product').map((i) => i.subjectId),
    );
    const fresh = m.market.enterprises.find((e) => !withHistory.has(e.id))!;
    const table = async (id: string) => {
      const { code, stdout, stderr } = await run([
        'rank',
        '--products',
        m.file('products.jsonl'),
        '--enterprises',
        m.file('enterprises.jsonl'),
        '--interactions',
        m.file('interactions.jsonl'),
        '--id',
        id,
        '--locale',
        'en',
      ]);
      expect(code, stderr).toBe(0);
      return stdout;
    };
    const en = await table(fresh.id);
    expect(en).toMatch(/abstained: .*collaborative/);
    // Several factors abstain: their weights (plural) went to the others.
    expect(en).toMatch(/abstained: .*, .* — no data; their weights were redistributed/);
    // Without --interactions the profile has no collaborative factor; only the learned
    // factors abstain (no outcome history).
    const { stdout } = await run([
      'rank',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('enterprises.jsonl'),
      '--id',
      fresh.id,
    ]);
    expect(stdout).not.toContain('collaborative');
    // In Chinese throughout (the JSON output's key `abstained` is not mixed in).
    expect(stdout).toMatch(/弃权因子：.*targetProfile/);
    expect(stdout).not.toContain('abstained');
  });
});

describe('finmatch rank with the wrong file', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });
  it('fails (non-zero) when no record of a required file is valid, naming the option', async () => {
    const { code, stderr } = await run([
      'rank',
      '--products',
      m.file('enterprises.jsonl'),
      '--enterprises',
      m.file('few-enterprises.jsonl'),
      '--locale',
      'en',
    ]);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--products .*none of its .* records is a valid product/);
  });
});
