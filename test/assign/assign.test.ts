import { describe, expect, it } from 'vitest';
import { assign } from '../../src/assign/assign.js';
import { createInvestorMatcher } from '../../src/engine/matchers/index.js';
import { generateMarket } from '../../src/generate/index.js';
import { findBlockingPairs } from '../../src/assign/blocking.js';
import { OptionError, ValidationError } from '../../src/errors.js';
import type { InvestorInput, ProjectInput } from '../../src/model/types.js';

const WAN = 1e4;
const project = (id: string, amount: number): ProjectInput => ({
  id,
  name: `项目 ${id}`,
  sector: 'C39',
  trl: 6,
  round: 'A',
  need: { amount: amount * WAN, instrument: 'equity' },
  region: '440604',
});
const investor = (id: string, capacity: number, min: number, max: number): InvestorInput => ({
  id,
  name: `基金 ${id}`,
  kind: 'stateVC',
  ticket: { min: min * WAN, max: max * WAN },
  capacity,
});

const projects = [project('p3', 3000), project('p1', 2000), project('p2', 2500)];
const investors = [investor('vc-b', 2, 1000, 5000), investor('vc-a', 1, 1000, 5000)];
const scores = [
  { projectId: 'p1', investorId: 'vc-a', projectScore: 0.9, investorScore: 0.5, score: 0.7 },
  { projectId: 'p1', investorId: 'vc-b', projectScore: 0.6, investorScore: 0.8, score: 0.7 },
  { projectId: 'p2', investorId: 'vc-a', projectScore: 0.8, investorScore: 0.9, score: 0.85 },
  { projectId: 'p3', investorId: 'vc-b', projectScore: 0.7, investorScore: 0.4, score: 0.55 },
];

describe('assign', () => {
  it('runs deferred acceptance over given two-sided scores and reports everything sorted', () => {
    const out = assign(projects, investors, { scores });
    // p1 proposes to vc-a first, but vc-a prefers p2 (0.9 > 0.5): p1 falls back to vc-b.
    expect(out.assignments).toEqual([
      { projectId: 'p1', investorId: 'vc-b', score: 0.7 },
      { projectId: 'p2', investorId: 'vc-a', score: 0.85 },
      { projectId: 'p3', investorId: 'vc-b', score: 0.55 },
    ]);
    expect(out.unassigned).toEqual([]);
    expect(out.totalScore).toBeCloseTo(2.1, 12);
    expect(out.capacityUse).toEqual({
      'vc-a': { used: 1, capacity: 1 },
      'vc-b': { used: 2, capacity: 2 },
    });
    expect(out.preferences.projects['p1']).toEqual([
      { investorId: 'vc-a', score: 0.9 },
      { investorId: 'vc-b', score: 0.6 },
    ]);
    expect(out.preferences.investors['vc-b']).toEqual([
      { projectId: 'p1', score: 0.8 },
      { projectId: 'p3', score: 0.4 },
    ]);
    expect(out.pairs.map((p) => `${p.projectId}-${p.investorId}`)).toEqual([
      'p1-vc-a',
      'p1-vc-b',
      'p2-vc-a',
      'p3-vc-b',
    ]);
  });

  it('builds preferences and pairs on first read, as ordinary enumerable properties', () => {
    const out = assign(projects, investors, { scores, method: 'optimal' });
    expect(out.eligiblePairCount).toBe(4);
    expect(Object.keys(out)).toContain('pairs');
    const viaJson = JSON.parse(JSON.stringify(out)) as typeof out;
    expect(viaJson.pairs).toHaveLength(4);
    expect(viaJson.preferences.investors['vc-a']).toEqual([
      { projectId: 'p2', score: 0.9 },
      { projectId: 'p1', score: 0.5 },
    ]);
    expect({ ...out }).toEqual(viaJson);
    // Read twice: the same array; a write replaces it.
    expect(out.pairs).toBe(out.pairs);
    out.pairs = [];
    expect(out.pairs).toEqual([]);
  });

  it('optimal method maximises the total', () => {
    const out = assign(projects, investors, { scores, method: 'optimal' });
    expect(out.method).toBe('optimal');
    expect(out.totalScore).toBeCloseTo(0.7 + 0.85 + 0.55, 12);
  });

  it('scores pairs with the investor matcher by default, and the result is stable', () => {
    const out = assign(projects, investors, { matcherOptions: { asOf: '2026-06-30' } });
    expect(out.pairs.length).toBeGreaterThan(0);
    expect(out.assignments.length + out.unassigned.length).toBe(3);
    for (const use of Object.values(out.capacityUse))
      expect(use.used).toBeLessThanOrEqual(use.capacity);
    const instance = {
      subjects: projects.map((p) => p.id),
      targets: investors.map((i) => ({ id: i.id, capacity: i.capacity })),
      pairs: out.pairs.map((p) => ({
        subjectId: p.projectId,
        targetId: p.investorId,
        subjectScore: out.preferences.projects[p.projectId]!.find(
          (x) => x.investorId === p.investorId,
        )!.score,
        targetScore: out.preferences.investors[p.investorId]!.find(
          (x) => x.projectId === p.projectId,
        )!.score,
        score: p.score,
      })),
    };
    expect(
      findBlockingPairs(
        instance,
        out.assignments.map((a) => ({ subjectId: a.projectId, targetId: a.investorId })),
      ),
    ).toEqual([]);
  });

  it('validates its inputs', () => {
    expect(() =>
      assign([{ id: 'bad' } as unknown as ProjectInput], investors, { scores: [] }),
    ).toThrow(ValidationError);
    expect(() => assign(projects, [...investors, investors[0]!], { scores: [] })).toThrow(
      ValidationError,
    );
    expect(() => assign(projects, investors, { scores, method: 'greedy' as 'stable' })).toThrow(
      OptionError,
    );
  });

  it('scores the default matcher pairs in bulk exactly as rankInvestors scores them', () => {
    // The generated market's projects and investors: the default path (bulk, columnar) and an
    // explicit matcher (rankInvestors per project, k = Infinity) must agree on every pair,
    // side score and preference list, so both methods return the same assignment.
    const market = generateMarket({ seed: 3, scale: 'small', asOf: '2026-06-30' });
    const eventProjects = market.projects.slice(0, 150);
    const options = { matcherOptions: { asOf: '2026-06-30' } };
    const platform = createInvestorMatcher(market.investors, options.matcherOptions);
    // A wrapper is not a matcher createInvestorMatcher made: assign ranks project by project.
    const matcher = { rankInvestors: platform.rankInvestors } as typeof platform;
    for (const method of ['stable', 'optimal'] as const) {
      const bulk = assign(eventProjects, market.investors, { ...options, method });
      const perProject = assign(eventProjects, market.investors, { matcher, method });
      expect(bulk.pairs.length).toBeGreaterThan(500);
      expect(bulk).toEqual(perProject);
    }
    // The platform-wide matcher itself, for an event with some of its investors: bulk too,
    // the other investors skipped.
    const eventInvestors = market.investors.filter((_, i) => i % 3 !== 0);
    expect(assign(eventProjects, eventInvestors, { matcher: platform, method: 'optimal' })).toEqual(
      assign(eventProjects, eventInvestors, { matcher, method: 'optimal' }),
    );
    // With outcome history the thesis rules turn into learned soft factors: same agreement.
    const withHistory = { asOf: '2026-06-30', interactions: market.interactions };
    const historyPlatform = createInvestorMatcher(market.investors, withHistory);
    const historyMatcher = {
      rankInvestors: historyPlatform.rankInvestors,
    } as typeof historyPlatform;
    const bulk = assign(eventProjects, market.investors, {
      method: 'optimal',
      matcherOptions: withHistory,
    });
    expect(bulk).toEqual(
      assign(eventProjects, market.investors, { method: 'optimal', matcher: historyMatcher }),
    );
  });
});
