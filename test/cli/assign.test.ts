import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeJsonl } from '../../src/io/write.js';
import { run } from './helpers.js';
import { jsonLines, writeSmallMarket, type WrittenMarket } from './matching-market.js';

interface AssignLine {
  method: string;
  assignments: { projectId: string; investorId: string; score: number }[];
  unassigned: string[];
  totalScore: number;
  preferences: {
    projects: Record<string, { investorId: string; score: number }[]>;
    investors: Record<string, { projectId: string; score: number }[]>;
  };
  pairs: { projectId: string; investorId: string; score: number }[];
}

/** Pairs (p, i) where both p and i would rather be together than where they are. */
function blockingPairs(out: AssignLine, capacity: ReadonlyMap<string, number>): string[] {
  const assignedTo = new Map(out.assignments.map((a) => [a.projectId, a.investorId]));
  const held = new Map<string, string[]>();
  for (const a of out.assignments)
    held.set(a.investorId, [...(held.get(a.investorId) ?? []), a.projectId]);
  const rank = (list: { id: string }[], id: string) => list.findIndex((x) => x.id === id);
  const blocking: string[] = [];
  for (const [projectId, list] of Object.entries(out.preferences.projects)) {
    const mine = assignedTo.get(projectId);
    for (const { investorId } of list) {
      if (investorId === mine) break; // the rest are worse for the project
      const investorList = out.preferences.investors[investorId]!.map((x) => ({ id: x.projectId }));
      const holding = held.get(investorId) ?? [];
      const free = holding.length < capacity.get(investorId)!;
      const worst = Math.max(...holding.map((p) => rank(investorList, p)));
      if (free || rank(investorList, projectId) < worst)
        blocking.push(`${projectId}–${investorId}`);
    }
  }
  return blocking;
}

describe('finmatch assign', () => {
  let m: WrittenMarket;
  let investorsFile: string;
  let capacity: Map<string, number>;
  beforeAll(async () => {
    m = await writeSmallMarket();
    // One place per investor makes capacities bind (the generated ones exceed the projects).
    const tight = m.market.investors.map((i, n) => ({ ...i, capacity: n % 3 === 0 ? 2 : 1 }));
    investorsFile = m.file('tight-investors.jsonl');
    await writeJsonl(investorsFile, tight);
    capacity = new Map(tight.map((i) => [i.id, i.capacity]));
  });
  afterAll(async () => {
    await m.cleanup();
  });
  const base = () => [
    'assign',
    '--projects',
    m.file('projects.jsonl'),
    '--investors',
    investorsFile,
  ];

  it('stable --explain: documented shape, no blocking pair and capacities respected, read from the printed preferences', async () => {
    const { code, stdout, stderr } = await run([...base(), '--explain', '--format', 'json']);
    expect(code, stderr).toBe(0);
    const [out] = jsonLines<AssignLine>(stdout);
    expect(out!.method).toBe('stable');
    for (const key of ['method', 'assignments', 'unassigned', 'preferences', 'pairs'])
      expect(out).toHaveProperty(key);
    for (const a of out!.assignments)
      expect(Object.keys(a).sort()).toEqual(['investorId', 'projectId', 'score']);
    const used = new Map<string, number>();
    for (const a of out!.assignments) used.set(a.investorId, (used.get(a.investorId) ?? 0) + 1);
    for (const [id, n] of used) expect(n).toBeLessThanOrEqual(capacity.get(id)!);
    expect(out!.assignments.length + out!.unassigned.length).toBe(m.market.projects.length);
    // Capacities bind here, so the check is not vacuous.
    expect([...used].some(([id, n]) => n === capacity.get(id))).toBe(true);
    expect(blockingPairs(out!, capacity)).toEqual([]);
    // Preference lists: best first, ineligible pairs absent, consistent with `pairs`.
    const pairKeys = new Set(out!.pairs.map((p) => `${p.projectId}|${p.investorId}`));
    let entries = 0;
    for (const [projectId, list] of Object.entries(out!.preferences.projects)) {
      for (let i = 1; i < list.length; i++)
        expect(list[i]!.score).toBeLessThanOrEqual(list[i - 1]!.score);
      for (const x of list) expect(pairKeys.has(`${projectId}|${x.investorId}`)).toBe(true);
      entries += list.length;
    }
    expect(entries).toBe(out!.pairs.length);
    for (const a of out!.assignments)
      expect(pairKeys.has(`${a.projectId}|${a.investorId}`)).toBe(true);
  });

  it('optimal total ≥ stable total, both within the capacities', async () => {
    const stable = jsonLines<AssignLine>((await run([...base(), '--format', 'json'])).stdout)[0]!;
    const optimal = jsonLines<AssignLine>(
      (await run([...base(), '--method', 'optimal', '--format', 'json'])).stdout,
    )[0]!;
    expect(optimal.method).toBe('optimal');
    expect(optimal).not.toHaveProperty('preferences');
    const total = (x: AssignLine) => x.assignments.reduce((s, a) => s + a.score, 0);
    expect(total(optimal)).toBeGreaterThanOrEqual(total(stable) - 1e-9);
    const used = new Map<string, number>();
    for (const a of optimal.assignments) used.set(a.investorId, (used.get(a.investorId) ?? 0) + 1);
    for (const [id, n] of used) expect(n).toBeLessThanOrEqual(capacity.get(id)!);
  });

  it('prints a table, restricts to a chain, and exits 2 on an unknown chain', async () => {
    const table = await run([...base(), '--locale', 'en']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/stable assignment: \d+ projects/);
    expect(table.stdout).toMatch(/investor capacity used \d+\/\d+/);
    const chainId = m.market.projects.find((p) => p.chains.length > 0)!.chains[0]!;
    const onChain = await run([...base(), '--chain', chainId, '--format', 'json']);
    expect(onChain.code, onChain.stderr).toBe(0);
    const out = jsonLines<AssignLine>(onChain.stdout)[0]!;
    const ids = new Set(
      m.market.projects.filter((p) => p.chains.includes(chainId)).map((p) => p.id),
    );
    expect(out.assignments.length + out.unassigned.length).toBe(ids.size);
    const unknown = await run([
      ...base(),
      '--chains',
      m.file('chains.jsonl'),
      '--chain',
      'chain-nope',
    ]);
    expect(unknown.code).toBe(2);
  });

  it('skips bad investor records with a report', async () => {
    const path = m.file('bad-investors.jsonl');
    const lines = m.market.investors.slice(0, 5).map((i) => JSON.stringify(i));
    lines[2] = JSON.stringify({ ...m.market.investors[2]!, capacity: -1 });
    await writeFile(path, lines.join('\n') + '\n');
    const { code, stderr } = await run([
      'assign',
      '--projects',
      m.file('projects.jsonl'),
      '--investors',
      path,
      '--format',
      'json',
    ]);
    expect(code).toBe(1); // assigned over the valid records; the skipped one makes the exit 1
    expect(stderr).toContain(`bad-investors.jsonl:3 ${m.market.investors[2]!.id} capacity:`);
  });
});
