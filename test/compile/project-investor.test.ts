/**
 * The project–investor market runs columnar (every shipped rule and factor has a hook) and its
 * columnar rankings equal the reference loop's exactly — both directions, with and without
 * outcome history (soft rules and learned factors), for every shipped strategy and re-ranker.
 */
import { describe, expect, test } from 'vitest';
import { compileSubjects, compileTargets } from '../../src/compile/compile.js';
import { explainPlan } from '../../src/compile/plan.js';
import {
  createInvestorMatcher,
  createProjectIndex,
  extendProfile,
  mmrReranker,
  prepareProfile,
  projectInvestorProfile,
  reciprocalStrategy,
  type ProjectInvestorProfile,
} from '../../src/index.js';
import { generateMarket } from '../../src/generate/index.js';
import { referenceOnly } from './helpers.js';

const market = generateMarket({ seed: 8, scale: 'small' });
const asOf = market.manifest.asOf;
const interactions = market.interactions.filter((i) => i.itemKind === 'investor');
const env = { asOf, locale: 'en' as const, reference: {} };

const profiles: Record<string, ProjectInvestorProfile> = {
  shipped: projectInvestorProfile(),
  arithmetic: extendProfile(projectInvestorProfile(), {
    strategy: reciprocalStrategy({ mean: 'arithmetic' }),
  }),
  mmr: extendProfile(projectInvestorProfile(), { rerankers: [mmrReranker({ lambda: 0.5 })] }),
};

describe('project–investor: columnar = reference', () => {
  test('the shipped profile runs columnar, on the matchers too', () => {
    expect(explainPlan(projectInvestorProfile()).path).toBe('columnar');
    expect(createInvestorMatcher(market.investors, { asOf }).plan.path).toBe('columnar');
    expect(createProjectIndex(market.projects, { asOf }).plan.path).toBe('columnar');
    const stripped = explainPlan(referenceOnly(projectInvestorProfile()));
    expect(stripped.path).toBe('reference');
    expect(stripped.forcedBy[0]).toMatch(/^rule "/);
  });

  for (const [name, profile] of Object.entries(profiles)) {
    for (const history of [false, true]) {
      test(`${name}, ${history ? 'with' : 'without'} history: investors for projects and projects for investors`, () => {
        const ctx = {
          targets: market.investors,
          subjects: market.projects,
          reference: {},
          asOf,
          ...(history ? { interactions } : {}),
        };
        const prepared = prepareProfile(profile, ctx);
        expect(explainPlan(prepared).path).toBe('columnar');
        const fast = compileTargets(prepared, env, market.investors, (i) => i.kind);
        const slow = compileTargets(referenceOnly(prepared), env, market.investors, (i) => i.kind);
        for (const p of market.projects.slice(0, 60))
          for (const includeRules of [false, true])
            expect(fast.rank(p, { k: 10, includeRules })).toEqual(
              slow.rank(p, { k: 10, includeRules }),
            );
        const fastP = compileSubjects(prepared, env, market.projects, (p) => p.sector.slice(0, 1));
        const slowP = compileSubjects(referenceOnly(prepared), env, market.projects, (p) =>
          p.sector.slice(0, 1),
        );
        for (const inv of market.investors.slice(0, 40))
          expect(fastP.rank(inv, { k: 15, includeRules: false })).toEqual(
            slowP.rank(inv, { k: 15, includeRules: false }),
          );
      });
    }
  }

  test('incremental updates of the project index equal a rebuild', () => {
    const index = createProjectIndex(market.projects.slice(0, 150), { asOf });
    index.upsertProjects(market.projects.slice(150, 200));
    expect(index.removeProjects([market.projects[3]!.id, 'no-such-id'])).toBe(1);
    const rebuilt = createProjectIndex(
      market.projects.slice(0, 200).filter((_, i) => i !== 3),
      { asOf },
    );
    expect(index.projects.map((p) => p.id)).toEqual(rebuilt.projects.map((p) => p.id));
    for (const inv of market.investors.slice(0, 20))
      expect(index.rankProjects(inv, { k: 10 })).toEqual(rebuilt.rankProjects(inv, { k: 10 }));
  });

  test('investor matcher updates equal a rebuild', () => {
    const matcher = createInvestorMatcher(market.investors.slice(0, 60), { asOf });
    matcher.upsertInvestors(market.investors.slice(60, 90));
    expect(matcher.removeInvestors([market.investors[5]!.id])).toBe(1);
    const rebuilt = createInvestorMatcher(
      market.investors.slice(0, 90).filter((_, i) => i !== 5),
      { asOf },
    );
    expect(matcher.investors.map((i) => i.id)).toEqual(rebuilt.investors.map((i) => i.id));
    for (const p of market.projects.slice(0, 20))
      expect(matcher.rankInvestors(p, { k: 10 })).toEqual(rebuilt.rankInvestors(p, { k: 10 }));
    expect(() => matcher.removeInvestors('x' as never)).toThrow(/ids/);
  });
});
