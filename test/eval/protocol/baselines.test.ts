import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../../src/errors.js';
import { evaluate } from '../../../src/eval/evaluate.js';
import {
  createNaiveBayesBaseline,
  createPopularityBaseline,
  createRandomBaseline,
  createRegionPopularityBaseline,
  createSectorPopularityBaseline,
  runFromScorer,
  type Scorer,
} from '../../../src/eval/protocol/baselines.js';

describe('random baseline', () => {
  it('scores in [0, 1), depends only on the seed and the pair', () => {
    const a = createRandomBaseline({ seed: 5 });
    const b = createRandomBaseline({ seed: 5 });
    const s = a.score({ subjectId: 'e1', itemId: 'p1' });
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThan(1);
    b.score({ subjectId: 'e9', itemId: 'p9' });
    expect(b.score({ subjectId: 'e1', itemId: 'p1' })).toBe(s);
    expect(createRandomBaseline({ seed: 6 }).score({ subjectId: 'e1', itemId: 'p1' })).not.toBe(s);
  });
});

describe('popularity baseline', () => {
  const train = [{ itemId: 'p1' }, { itemId: 'p1' }, { itemId: 'p2' }, { itemId: 'p1' }];
  const popularity = createPopularityBaseline({ interactions: train, itemOf: (i) => i.itemId });

  it('scores count / max count, 0 for unseen items', () => {
    expect(popularity.score({ subjectId: 'x', itemId: 'p1' })).toBe(1);
    expect(popularity.score({ subjectId: 'x', itemId: 'p2' })).toBeCloseTo(1 / 3, 15);
    expect(popularity.score({ subjectId: 'x', itemId: 'p3' })).toBe(0);
    expect(
      createPopularityBaseline({ interactions: [], itemOf: String }).score({
        subjectId: 'x',
        itemId: 'p',
      }),
    ).toBe(0);
  });

  it('becomes a run that evaluate scores like any other', () => {
    const run = runFromScorer(popularity, {
      subjects: ['e1', 'e2'],
      candidates: ['p1', 'p2', 'p3'],
      k: 2,
      exclude: (s) => new Set(s === 'e2' ? ['p1'] : []),
    });
    expect(run).toEqual({ e1: { p1: 1, p2: 1 / 3 }, e2: { p2: 1 / 3, p3: 0 } });
    const result = evaluate(run, { e1: { p2: 1 }, e2: { p3: 1 } }, { metrics: ['mrr'] });
    expect(result.perQuery).toEqual({ e1: { mrr: 0.5 }, e2: { mrr: 0.5 } });
  });
});

/**
 * A tiny history: which target financed which subject, and the subjects' region, sector and
 * feature tokens. Global volume: p2 4, p1 3, p3 1, p4 never.
 *
 * | subject | region | sector | features                | financed by |
 * |---------|--------|--------|-------------------------|-------------|
 * | s1, s2  | 32     | C39    | sector=C39 stage=growth | p1          |
 * | s3      | 44     | C39    | sector=C39 stage=growth | p1          |
 * | s4–s6   | 44     | A01    | sector=A01 stage=seed   | p2          |
 * | s7      | 44     | A01    | sector=A01 stage=seed   | p2 and p3   |
 */
const SUBJECTS: Record<string, { region: string; sector: string; features: string[] }> = {
  s1: { region: '32', sector: 'C39', features: ['sector=C39', 'stage=growth'] },
  s2: { region: '32', sector: 'C39', features: ['sector=C39', 'stage=growth'] },
  s3: { region: '44', sector: 'C39', features: ['sector=C39', 'stage=growth'] },
  s4: { region: '44', sector: 'A01', features: ['sector=A01', 'stage=seed'] },
  s5: { region: '44', sector: 'A01', features: ['sector=A01', 'stage=seed'] },
  s6: { region: '44', sector: 'A01', features: ['sector=A01', 'stage=seed'] },
  s7: { region: '44', sector: 'A01', features: ['sector=A01', 'stage=seed'] },
  // Query subjects (no history of their own).
  qJiangsu: { region: '32', sector: 'A01', features: ['sector=C39', 'stage=growth'] },
  qGuangdong: { region: '44', sector: 'C39', features: ['sector=A01', 'stage=seed'] },
  qTibet: { region: '54', sector: 'Z99', features: ['sector=B06'] },
};
const HISTORY = [
  ['s1', 'p1'],
  ['s2', 'p1'],
  ['s3', 'p1'],
  ['s4', 'p2'],
  ['s5', 'p2'],
  ['s6', 'p2'],
  ['s7', 'p2'],
  ['s7', 'p3'],
].map(([subjectId, itemId], i) => ({ id: `i${i}`, subjectId: subjectId!, itemId: itemId! }));
const ACCESS = {
  interactions: HISTORY,
  itemOf: (i: (typeof HISTORY)[number]) => i.itemId,
  subjectOf: (i: (typeof HISTORY)[number]) => i.subjectId,
};
const CANDIDATES = ['p1', 'p2', 'p3', 'p4'];
const top = (scorer: Scorer, subjectId: string) =>
  Object.keys(
    runFromScorer(scorer, { subjects: [subjectId], candidates: CANDIDATES, k: 1 })[subjectId]!,
  )[0];

describe('popularity within the subject’s region', () => {
  const byRegion = createRegionPopularityBaseline({
    ...ACCESS,
    regionOf: (id) => SUBJECTS[id]?.region,
  });

  it('ranks the region’s most frequent target first', () => {
    expect(byRegion.name).toBe('popularity-region');
    // Jiangsu (32): only p1 was financed there (s1, s2) although p2 is globally first.
    expect(top(byRegion, 'qJiangsu')).toBe('p1');
    expect(byRegion.score({ subjectId: 'qJiangsu', itemId: 'p1' })).toBe(1);
    expect(byRegion.score({ subjectId: 'qJiangsu', itemId: 'p2' })).toBe(0);
    // Guangdong (44): p2 (4) over p1 (1) and p3 (1).
    expect(top(byRegion, 'qGuangdong')).toBe('p2');
    expect(byRegion.score({ subjectId: 'qGuangdong', itemId: 'p1' })).toBe(0.25);
  });

  it('falls back to global popularity for a region without history or unknown', () => {
    // Tibet (54) has no history: global counts p2 4, p1 3, p3 1.
    expect(byRegion.score({ subjectId: 'qTibet', itemId: 'p2' })).toBe(1);
    expect(byRegion.score({ subjectId: 'qTibet', itemId: 'p1' })).toBe(0.75);
    expect(byRegion.score({ subjectId: 'nobody', itemId: 'p3' })).toBe(0.25);
    expect(top(byRegion, 'qTibet')).toBe('p2');
  });
});

describe('popularity within the subject’s sector', () => {
  const bySector = createSectorPopularityBaseline({
    ...ACCESS,
    sectorOf: (id) => SUBJECTS[id]?.sector,
  });

  it('ranks the sector’s most frequent target first, else global popularity', () => {
    expect(bySector.name).toBe('popularity-sector');
    // C39: p1 financed s1–s3, p2 never; A01: p2 four times.
    expect(top(bySector, 'qGuangdong')).toBe('p1');
    expect(top(bySector, 'qJiangsu')).toBe('p2');
    expect(bySector.score({ subjectId: 'qJiangsu', itemId: 'p3' })).toBe(0.25);
    // Z99 has no history: global popularity.
    expect(bySector.score({ subjectId: 'qTibet', itemId: 'p1' })).toBe(0.75);
  });

  it('reads the query’s own subject record when given a query id', () => {
    const atQuery = createSectorPopularityBaseline({
      ...ACCESS,
      // The subject moved from C39 to A01 between its two queries.
      sectorOf: (id, qid) => (qid === 'qGuangdong@2' ? 'A01' : SUBJECTS[id]?.sector),
    });
    const run = runFromScorer(atQuery, {
      queries: [
        { qid: 'qGuangdong@1', subjectId: 'qGuangdong' },
        { qid: 'qGuangdong@2', subjectId: 'qGuangdong' },
      ],
      candidates: CANDIDATES,
      k: 1,
    });
    expect(run).toEqual({ 'qGuangdong@1': { p1: 1 }, 'qGuangdong@2': { p2: 1 } });
  });
});

describe('naive-Bayes feature profile', () => {
  const nb = createNaiveBayesBaseline({
    ...ACCESS,
    featuresOf: (id) => SUBJECTS[id]?.features ?? [],
  });

  it('ranks first the target whose past subjects share the query’s features', () => {
    expect(nb.name).toBe('naive-bayes');
    // qJiangsu looks like s1–s3 (sector=C39, stage=growth): p1, although p2 has more volume.
    expect(top(nb, 'qJiangsu')).toBe('p1');
    // qGuangdong looks like s4–s7: p2 (four such subjects) before p3 (one). p1 (volume 3, but
    // only C39/growth subjects) and p4 (no history) tie exactly, 4/12·(1/6)² = 1/12·(1/3)² =
    // 1/108, and trec_eval's tie rule (greater id first) puts p4 before p1.
    const run = runFromScorer(nb, { subjects: ['qGuangdong'], candidates: CANDIDATES });
    expect(Object.keys(run.qGuangdong!)).toEqual(['p2', 'p3', 'p4', 'p1']);
    expect(run.qGuangdong!.p4).toBe(run.qGuangdong!.p1);
  });

  it('with no informative feature, ranks by volume (the prior)', () => {
    // sector=B06 was never seen: every target gets the same token term, the prior decides.
    const run = runFromScorer(nb, { subjects: ['qTibet'], candidates: CANDIDATES });
    expect(Object.keys(run.qTibet!)).toEqual(['p2', 'p1', 'p3', 'p4']);
  });

  it('equals the formula: 1 / (1 − (log prior + Σ log P(token | target)))', () => {
    // p1: volume 3 of 8, K = 3 targets; sector feature: p1 saw C39 ×3 (N = 3), V = 2 values.
    const prior = Math.log((3 + 1) / (8 + 1 * (3 + 1)));
    const sector = Math.log((3 + 1) / (3 + 1 * (2 + 1)));
    const stage = Math.log((3 + 1) / (3 + 1 * (2 + 1)));
    expect(nb.score({ subjectId: 'qJiangsu', itemId: 'p1' })).toBeCloseTo(
      1 / (1 - (prior + sector + stage)),
      14,
    );
  });

  it('weights interactions, ignores weight 0, and rejects negative weights', () => {
    const weighted = createNaiveBayesBaseline({
      ...ACCESS,
      featuresOf: (id) => SUBJECTS[id]?.features ?? [],
      // Only p3's interaction counts: p3 becomes the only target with history.
      weightOf: (i) => (i.itemId === 'p3' ? 5 : 0),
    });
    expect(top(nb, 'qGuangdong')).toBe('p2');
    expect(top(weighted, 'qGuangdong')).toBe('p3');
    expect(() =>
      createNaiveBayesBaseline({ ...ACCESS, featuresOf: () => [], weightOf: () => -1 }),
    ).toThrow(OptionError);
    expect(() =>
      createNaiveBayesBaseline({ ...ACCESS, featuresOf: () => [], smoothing: 0 }),
    ).toThrow(OptionError);
  });

  it('is deterministic: the same scores whatever the order of interactions and tokens', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(HISTORY, { minLength: HISTORY.length }),
        fc.boolean(),
        (shuffled, reverseTokens) => {
          const other = createNaiveBayesBaseline({
            ...ACCESS,
            interactions: shuffled,
            featuresOf: (id) => {
              const f = SUBJECTS[id]?.features ?? [];
              return reverseTokens ? [...f].reverse() : f;
            },
          });
          for (const subjectId of ['qJiangsu', 'qGuangdong', 'qTibet'])
            for (const itemId of CANDIDATES)
              expect(other.score({ subjectId, itemId })).toBe(nb.score({ subjectId, itemId }));
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('every baseline', () => {
  it('scores in [0, 1] for any history', () => {
    const token = fc.constantFrom('a=1', 'a=2', 'b=x', 'b=y', 'c');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            subjectId: fc.constantFrom('s1', 's2', 's3'),
            itemId: fc.constantFrom('p1', 'p2', 'p3'),
            weight: fc.constantFrom(0, 0.5, 1, 3),
          }),
          { maxLength: 30 },
        ),
        fc.dictionary(fc.constantFrom('s1', 's2', 's3', 'q'), fc.array(token, { maxLength: 4 })),
        (interactions, features) => {
          const common = {
            interactions,
            itemOf: (i: (typeof interactions)[number]) => i.itemId,
            subjectOf: (i: (typeof interactions)[number]) => i.subjectId,
            weightOf: (i: (typeof interactions)[number]) => i.weight,
          };
          const group = (id: string) => features[id]?.[0];
          const scorers = [
            createPopularityBaseline(common),
            createRegionPopularityBaseline({ ...common, regionOf: group }),
            createSectorPopularityBaseline({ ...common, sectorOf: group }),
            createNaiveBayesBaseline({ ...common, featuresOf: (id) => features[id] ?? [] }),
          ];
          for (const scorer of scorers)
            for (const subjectId of ['s1', 'q'])
              for (const itemId of ['p1', 'p2', 'p4']) {
                const s = scorer.score({ subjectId, itemId });
                expect(s).toBeGreaterThanOrEqual(0);
                expect(s).toBeLessThanOrEqual(1);
              }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('runFromScorer with queries', () => {
  it('keys the run by query id, so one subject’s two queries are two rows', () => {
    const random = createRandomBaseline({ seed: 3 });
    const run = runFromScorer(random, {
      queries: [
        { qid: 'e1@2023', subjectId: 'e1' },
        { qid: 'e1@2024', subjectId: 'e1' },
      ],
      candidates: ['p1', 'p2', 'p3'],
    });
    expect(Object.keys(run)).toEqual(['e1@2023', 'e1@2024']);
    // Random is seeded by the query: the two queries are ranked independently.
    expect(run['e1@2023']).not.toEqual(run['e1@2024']);
    // Keyed by subject, the query id is the subject id: the same scores as before queries.
    expect(runFromScorer(random, { subjects: ['e1'], candidates: ['p1'] }).e1!.p1).toBe(
      random.score({ subjectId: 'e1', itemId: 'p1' }),
    );
  });

  it('needs exactly one of subjects and queries', () => {
    const random = createRandomBaseline();
    expect(() => runFromScorer(random, { candidates: ['p1'] })).toThrow(OptionError);
    expect(() =>
      runFromScorer(random, {
        subjects: ['e1'],
        queries: [{ qid: 'q', subjectId: 'e1' }],
        candidates: ['p1'],
      }),
    ).toThrow(OptionError);
  });
});
