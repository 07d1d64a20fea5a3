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
      expect(Object.keys(line).sort()).toEqual(['matches', 'projectId']);
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
