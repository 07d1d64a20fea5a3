import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductMatcher } from '../../src/engine/index.js';
import { run } from './helpers.js';
import {
  FEW_ENTERPRISES,
  jsonLines,
  sum,
  writeSmallMarket,
  type WrittenMarket,
} from './matching-market.js';

/** The shipped profile's outcome-learned factors, in profile order. */
const LEARNED_FACTORS = ['targetProfile', 'volumePrior', 'repeatPartner'];

interface RankLine {
  enterpriseId: string;
  matches: {
    productId: string;
    rank: number;
    score: number;
    contributions: Record<string, number>;
  }[];
}

describe('finmatch rank', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });
  /** `finmatch rank` on the market's products, and on `enterprises` when given. */
  const base = (enterprises?: string) => [
    'rank',
    '--products',
    m.file('products.jsonl'),
    ...(enterprises === undefined ? [] : ['--enterprises', enterprises]),
  ];

  it('the table title counts every eligible product and says how many --k shows', async () => {
    // The manifest beside the files fixes the evaluation date, so the library agrees exactly.
    const matcher = createProductMatcher(m.market.products, { asOf: m.market.manifest.asOf });
    const enterprise = m.market.enterprises.find(
      (e) => matcher.rankProducts(e, { k: Infinity }).length > 3,
    )!;
    const total = matcher.rankProducts(enterprise, { k: Infinity }).length;
    const argv = [...base(m.file('enterprises.jsonl')), '--id', enterprise.id, '--k', '3'];
    const en = await run([...argv, '--locale', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain(`${total} eligible products, top 3 shown`);
    const zh = await run([...argv, '--locale', 'zh']);
    expect(zh.stdout).toContain(`${total} 个可申请产品，显示前 3 个`);
  });

  it('prints one line per --id with exactly the documented shape; every match is eligible and its contributions add up to its score', async () => {
    const ids = m.market.enterprises.slice(0, 6).map((e) => e.id);
    const argv = [...base(m.file('enterprises.jsonl')), '--format', 'json', '--k', '5'];
    for (const id of ids) argv.push('--id', id);
    const { code, stdout, stderr } = await run(argv);
    expect(code, stderr).toBe(0);
    const lines = jsonLines<RankLine>(stdout);
    expect(lines.map((l) => l.enterpriseId)).toEqual(ids);
    // The manifest beside the files fixes the evaluation date, so the library agrees exactly.
    const matcher = createProductMatcher(m.market.products, { asOf: m.market.manifest.asOf });
    let seen = 0;
    for (const line of lines) {
      // `nearMisses` is there exactly when the enterprise is eligible for no product.
      expect(Object.keys(line).sort()).toEqual(
        line.matches.length > 0
          ? ['enterpriseId', 'matches']
          : ['enterpriseId', 'matches', 'nearMisses'],
      );
      expect(line.matches.length).toBeLessThanOrEqual(5);
      const enterprise = m.market.enterprises.find((e) => e.id === line.enterpriseId)!;
      line.matches.forEach((match, i) => {
        seen++;
        // Without --interactions the three learned factors abstain, and say so.
        expect(Object.keys(match).sort()).toEqual([
          'abstained',
          'contributions',
          'productId',
          'rank',
          'score',
        ]);
        expect((match as { abstained?: string[] }).abstained).toEqual(LEARNED_FACTORS);
        expect(match.rank).toBe(i + 1);
        expect(Math.abs(sum(match.contributions) - match.score)).toBeLessThan(1e-9);
        expect(matcher.explain(enterprise, match.productId).eligible).toBe(true);
        if (i > 0) expect(match.score).toBeLessThanOrEqual(line.matches[i - 1]!.score);
      });
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('an enterprise eligible for no product gets its nearest misses and the changes that would unlock products (zh, en, json)', async () => {
    const matcher = createProductMatcher(m.market.products, {
      asOf: m.market.manifest.asOf,
      locale: 'en',
    });
    const enterprise = m.market.enterprises.find(
      (e) =>
        matcher.rankProducts(e, { k: 1 }).length === 0 && matcher.nearMisses(e).changes.length >= 2,
    )!;
    const expected = matcher.nearMisses(enterprise);
    const argv = [...base(m.file('enterprises.jsonl')), '--id', enterprise.id];

    const json = await run([...argv, '--format', 'json', '--locale', 'en']);
    expect(json.code, json.stderr).toBe(0);
    const [line] = jsonLines<
      RankLine & {
        nearMisses: {
          eligible: number;
          ineligible: number;
          nearest: { productId: string; failed: { rule: string; hint: string }[] }[];
          changes: { key: string; label: string; count: number; productIds: string[] }[];
        };
      }
    >(json.stdout);
    expect(line!.matches).toEqual([]);
    expect(line!.nearMisses.eligible).toBe(0);
    expect(line!.nearMisses.ineligible).toBe(m.market.products.length);
    expect(line!.nearMisses.nearest.map((n) => n.productId)).toEqual(
      expected.nearest.map((n) => n.targetId),
    );
    expect(line!.nearMisses.nearest.map((n) => n.failed)).toEqual(
      expected.nearest.map((n) => n.failed),
    );
    expect(line!.nearMisses.changes).toEqual(
      expected.changes.map((c) => ({
        key: c.key,
        label: c.label,
        rule: c.rule,
        count: c.count,
        productIds: c.targetIds,
      })),
    );
    // Most products first, ties by key.
    const counts = line!.nearMisses.changes.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const en = await run([...argv, '--locale', 'en']);
    expect(en.stdout).toContain(
      `Nearest misses (${expected.nearest.length} of ${expected.ineligible} ineligible products):`,
    );
    expect(en.stdout).toContain('Single changes that would unlock products:');
    const top = expected.changes[0]!;
    expect(en.stdout).toContain(`  ${top.label}: ${top.count} product`);
    const first = expected.nearest[0]!;
    expect(en.stdout).toContain(`${first.failed[0]!.hint}`);

    const zhMatcher = createProductMatcher(m.market.products, { asOf: m.market.manifest.asOf });
    const zhTop = zhMatcher.nearMisses(enterprise).changes[0]!;
    const zh = await run([...argv, '--locale', 'zh']);
    expect(zh.stdout).toContain(
      `最接近的 ${expected.nearest.length} 个产品（共 ${expected.ineligible} 个不符合条件）：`,
    );
    expect(zh.stdout).toContain('单项改动可解锁的产品：');
    expect(zh.stdout).toContain(`  ${zhTop.label}：${zhTop.count} 个产品`);
  });

  it('an enterprise with eligible products gets no near-miss lines', async () => {
    const matcher = createProductMatcher(m.market.products, { asOf: m.market.manifest.asOf });
    const enterprise = m.market.enterprises.find(
      (e) => matcher.rankProducts(e, { k: 1 }).length > 0,
    )!;
    const argv = [...base(m.file('enterprises.jsonl')), '--id', enterprise.id];
    const en = await run([...argv, '--locale', 'en']);
    expect(en.stdout).not.toContain('Nearest misses');
    const json = await run([...argv, '--format', 'json']);
    expect(Object.keys(jsonLines(json.stdout)[0]!)).not.toContain('nearMisses');
  });

  it('streams every enterprise without --id, with progress on stderr only', async () => {
    const { code, stdout, stderr } = await run([
      ...base(m.file('few-enterprises.jsonl')),
      '--format',
      'json',
      '--k',
      '2',
    ]);
    expect(code, stderr).toBe(0);
    expect(jsonLines(stdout)).toHaveLength(FEW_ENTERPRISES);
    // Quick work leaves no progress noise (no "done (40/40)" line) off a terminal.
    expect(stderr).not.toMatch(/ranking products|排序产品/);
  });

  it('prints a table with localized headers and 4-decimal scores', async () => {
    const id = m.market.enterprises[0]!.id;
    const zh = await run([...base(m.file('few-enterprises.jsonl')), '--id', id]);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('排名');
    expect(zh.stdout).toContain('主要贡献');
    expect(zh.stdout).toMatch(/\d\.\d{4}/);
    const en = await run([...base(m.file('few-enterprises.jsonl')), '--id', id, '--locale', 'en']);
    expect(en.stdout).toContain('Top contributions');
    expect(en.stdout).toContain(`Enterprise ${id}`);
  });

  it('reports bad record lines on stderr with line, id and path, skips them and ranks the rest', async () => {
    const good = (await readFile(m.file('few-enterprises.jsonl'), 'utf8')).trimEnd().split('\n');
    const broken = JSON.parse(good[1]!) as { id: string; need: { amount: unknown } };
    broken.need.amount = -5;
    const lines = [good[0]!, JSON.stringify(broken), '{not json', ...good.slice(2, 4)];
    const path = m.file('bad-enterprises.jsonl');
    await writeFile(path, lines.join('\n') + '\n');
    const { code, stdout, stderr } = await run([
      ...base(path),
      '--format',
      'json',
      '--locale',
      'en',
    ]);
    expect(code, stderr).toBe(1); // the valid records were ranked; skipped ones make the exit non-zero
    expect(stderr).toContain(`bad-enterprises.jsonl:2 ${broken.id} need.amount:`);
    expect(stderr).toMatch(/bad-enterprises\.jsonl:3 — /);
    expect(stderr).toContain('2 bad records skipped');
    expect(jsonLines<RankLine>(stdout).map((l) => l.enterpriseId)).toEqual([
      JSON.parse(good[0]!).id,
      JSON.parse(good[2]!).id,
      JSON.parse(good[3]!).id,
    ]);
    // Asking for the skipped record by id says why it is not there.
    const asked = await run([...base(path), '--id', broken.id, '--locale', 'en']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('line 2');
  });

  it('--id reads the named enterprises only: other lines are neither read nor reported, unless --interactions needs them all', async () => {
    const good = (await readFile(m.file('few-enterprises.jsonl'), 'utf8')).trimEnd().split('\n');
    const wanted = JSON.parse(good[2]!) as { id: string };
    const path = m.file('lookup-enterprises.jsonl');
    await writeFile(path, [good[0]!, '{not json', good[1]!, good[2]!].join('\n') + '\n');
    const argv = [...base(path), '--id', wanted.id, '--format', 'json'];
    const looked = await run([...argv, '--locale', 'en']);
    expect(looked.code, looked.stderr).toBe(0);
    expect(looked.stderr).not.toContain('skipped');
    const [line] = jsonLines<RankLine>(looked.stdout);
    expect(line!.enterpriseId).toBe(wanted.id);
    // The same ranking as from a file that is all valid.
    const clean = await run([
      ...base(m.file('few-enterprises.jsonl')),
      '--id',
      wanted.id,
      '--format',
      'json',
    ]);
    expect(looked.stdout).toBe(clean.stdout);
    // An id no line holds: the whole file is read, so the error counts its valid records and
    // the bad line is reported, as without the lookup; exit 2.
    const missing = await run([...argv.slice(0, -4), '--id', 'ent-none', '--locale', 'en']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'unknown enterprise id "ent-none": not among the 3 valid records of lookup-enterprises.jsonl',
    );
    expect(missing.stderr).toMatch(/lookup-enterprises\.jsonl:2 — /);
    // The wrong file for --enterprises: said so, as without --id.
    const wrongFile = await run([
      ...base(m.file('products.jsonl')),
      '--id',
      wanted.id,
      '--locale',
      'en',
    ]);
    expect(wrongFile.code).toBe(1);
    expect(wrongFile.stderr).toContain('is it the right file?');
    // An empty id names no record.
    const empty = await run([...argv.slice(0, -4), '--id', '', '--locale', 'en']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('unknown enterprise id ""');
    // With --interactions every enterprise is history: the whole file is read, the bad line reported.
    const interactions = m.file('no-interactions.jsonl');
    await writeFile(interactions, '');
    const withHistory = await run([...argv, '--interactions', interactions, '--locale', 'en']);
    expect(withHistory.code).toBe(1);
    expect(withHistory.stderr).toMatch(/lookup-enterprises\.jsonl:2 — /);
  });

  it('exits 2 on an unknown id or a bad --k', async () => {
    const unknown = await run([...base(m.file('few-enterprises.jsonl')), '--id', 'ent-nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ent-nope');
    const badK = await run([...base(m.file('few-enterprises.jsonl')), '--k', '0']);
    expect(badK.code).toBe(2);
    const missing = await run(['rank', '--products', m.file('products.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--enterprises');
  });

  it('applies a --profile of weights (and rejects unknown factors)', async () => {
    const id = m.market.enterprises[0]!.id;
    const profile = m.file('profile.json');
    await writeFile(
      profile,
      JSON.stringify({ name: 'sectorOnly', weights: { sectorFit: 1, amountFit: 0 } }),
    );
    const args = [...base(m.file('few-enterprises.jsonl')), '--id', id, '--format', 'json'];
    const { code, stdout, stderr } = await run([...args, '--profile', profile]);
    expect(code, stderr).toBe(0);
    for (const match of jsonLines<RankLine>(stdout)[0]!.matches) {
      expect(match.contributions.amountFit).toBe(0);
      expect(Math.abs(sum(match.contributions) - match.score)).toBeLessThan(1e-9);
    }
    await writeFile(profile, JSON.stringify({ weights: { noSuchFactor: 1 } }));
    const bad = await run([...args, '--profile', profile, '--locale', 'en']);
    // A profile the engine's loader refuses is a bad --profile: named, with the file (exit 2).
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--profile ${profile}: `);
    expect(bad.stderr).toContain('noSuchFactor');
    await writeFile(profile, '{"weights": [1]}');
    expect((await run([...args, '--profile', profile])).code).toBe(2);
  });

  it('a --profile that cannot be read is a usage error saying why, naming the option', async () => {
    const args = [...base(m.file('few-enterprises.jsonl')), '--locale', 'en', '--profile'];
    const missing = await run([...args, m.file('no-such-profile.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--profile: cannot read "[^"]*no-such-profile\.json": .*ENOENT/);
    const folder = await run([...args, m.dir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/--profile: cannot read "[^"]*": .*EISDIR/);
    expect(missing.stderr + folder.stderr).not.toMatch(/cannot write|internal error/);
  });
});
