import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvestorMatcher } from '../../src/engine/index.js';
import { run } from './helpers.js';
import { jsonLines, sum, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface Match {
  rank: number;
  score: number;
  contributions: Record<string, number>;
}

describe('finmatch match', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });
  const base = () => [
    'match',
    '--projects',
    m.file('projects.jsonl'),
    '--investors',
    m.file('investors.jsonl'),
  ];

  for (const [file, reverse] of [
    ['projects.jsonl', false],
    ['investors.jsonl', true],
  ] as const)
    it(`--id reads the named ${reverse ? 'investors (--reverse)' : 'projects'} only: a bad line elsewhere is not reported, unless --interactions needs them all`, async () => {
      const { readFile, writeFile } = await import('node:fs/promises');
      const named = reverse ? m.market.investors[1]!.id : m.market.projects[1]!.id;
      const lines = (await readFile(m.file(file), 'utf8')).trimEnd().split('\n');
      const path = m.file(`lookup-${file}`);
      await writeFile(path, [...lines, '{broken'].join('\n') + '\n');
      const args = (given: string) =>
        base()
          .map((a) => (a === m.file(file) ? given : a))
          .concat([...(reverse ? ['--reverse'] : []), '--id', named, '--format', 'json']);
      const looked = await run(args(path));
      expect(looked.code, looked.stderr).toBe(0);
      expect(looked.stderr).not.toContain('broken');
      const clean = await run(args(m.file(file)));
      expect(clean.code, clean.stderr).toBe(0);
      expect(looked.stdout).toBe(clean.stdout);
      const interactions = m.file(`no-interactions-${file}`);
      await writeFile(interactions, '');
      const withHistory = await run([...args(path), '--interactions', interactions]);
      expect(withHistory.code).toBe(1);
      expect(withHistory.stderr).toContain(`lookup-${file}:${lines.length + 1} `);
    });

  it('ranks investors for every project: documented shape, eligible matches, contributions add up', async () => {
    const { code, stdout, stderr } = await run([...base(), '--format', 'json', '--k', '4']);
    expect(code, stderr).toBe(0);
    const lines = jsonLines<{ projectId: string; matches: (Match & { investorId: string })[] }>(
      stdout,
    );
    expect(lines.map((l) => l.projectId)).toEqual(m.market.projects.map((p) => p.id));
    const matcher = createInvestorMatcher(m.market.investors, { asOf: m.market.manifest.asOf });
    const projects = new Map(m.market.projects.map((p) => [p.id, p]));
    let seen = 0;
    for (const line of lines) {
      // `nearMisses` is there exactly when the project has no eligible investor.
      expect(Object.keys(line).sort()).toEqual(
        line.matches.length > 0 ? ['matches', 'projectId'] : ['matches', 'nearMisses', 'projectId'],
      );
      for (const match of line.matches) {
        seen++;
        // `abstained` appears only when a factor had no information for the pair.
        expect(
          Object.keys(match)
            .filter((key) => key !== 'abstained')
            .sort(),
        ).toEqual(['contributions', 'investorId', 'rank', 'score']);
        for (const name of (match as { abstained?: string[] }).abstained ?? [])
          expect(match.contributions[name]).toBe(0);
        expect(Math.abs(sum(match.contributions) - match.score)).toBeLessThan(1e-9);
        if (seen <= 50)
          expect(matcher.explain(projects.get(line.projectId)!, match.investorId).eligible).toBe(
            true,
          );
      }
    }
    expect(seen).toBeGreaterThan(0);
    // Quick work leaves no progress noise (no "done" line) off a terminal.
    expect(stderr).not.toMatch(/matching investors|匹配投资机构/);
  });

  it('a project with no eligible investor gets its nearest misses and the changes that would unlock investors', async () => {
    const matcher = createInvestorMatcher(m.market.investors, {
      asOf: m.market.manifest.asOf,
      locale: 'en',
    });
    const project = m.market.projects.find((p) => matcher.rankInvestors(p, { k: 1 }).length === 0);
    // The generated market may give every project an investor; then a project asking for a
    // ticket larger than any investor writes stands in.
    const subject =
      project ??
      (() => {
        const largest = Math.max(...m.market.investors.map((i) => i.ticket.max));
        return {
          ...m.market.projects[0]!,
          need: { ...m.market.projects[0]!.need, amount: largest * 10 },
        };
      })();
    const expected = matcher.nearMisses(subject);
    expect(expected.eligible).toBe(0);
    const { writeJsonl } = await import('../../src/io/write.js');
    const file = m.file('no-investor-project.jsonl');
    await writeJsonl(file, [subject]);
    const argv = ['match', '--projects', file, '--investors', m.file('investors.jsonl')];
    const json = await run([...argv, '--format', 'json', '--locale', 'en']);
    expect(json.code, json.stderr).toBe(0);
    const [line] = jsonLines<{
      matches: unknown[];
      nearMisses: { nearest: { investorId: string }[]; changes: { key: string; count: number }[] };
    }>(json.stdout);
    expect(line!.matches).toEqual([]);
    expect(line!.nearMisses.nearest.map((n) => n.investorId)).toEqual(
      expected.nearest.map((n) => n.targetId),
    );
    expect(line!.nearMisses.changes.map((c) => [c.key, c.count])).toEqual(
      expected.changes.map((c) => [c.key, c.count]),
    );
    const en = await run([...argv, '--locale', 'en']);
    expect(en.stdout).toContain(`Nearest misses (${expected.nearest.length} of`);
    const zh = await run([...argv, '--locale', 'zh']);
    expect(zh.stdout).toContain(`最接近的 ${expected.nearest.length} 家投资机构`);
  });

  it('--reverse ranks projects for the investors named by --id', async () => {
    const ids = m.market.investors.slice(0, 2).map((i) => i.id);
    const { code, stdout, stderr } = await run([
      ...base(),
      '--reverse',
      '--id',
      ids[0]!,
      '--id',
      ids[1]!,
      '--format',
      'json',
    ]);
    expect(code, stderr).toBe(0);
    const lines = jsonLines<{ investorId: string; matches: (Match & { projectId: string })[] }>(
      stdout,
    );
    expect(lines.map((l) => l.investorId)).toEqual(ids);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['investorId', 'matches']);
      for (const match of line.matches) {
        // Without --interactions the three learned factors abstain, and say so.
        expect(Object.keys(match).sort()).toEqual([
          'abstained',
          'contributions',
          'projectId',
          'rank',
          'score',
        ]);
        expect(Math.abs(sum(match.contributions) - match.score)).toBeLessThan(1e-9);
      }
    }
  });

  it('prints a table and exits 2 on an unknown project or investor', async () => {
    const id = m.market.projects[1]!.id;
    const table = await run([...base(), '--id', id, '--locale', 'en']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`Project ${id}`);
    const unknown = await run([...base(), '--id', 'proj-nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('proj-nope');
    expect((await run([...base(), '--reverse', '--id', id])).code).toBe(2);
  });
});
