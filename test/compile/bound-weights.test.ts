/**
 * A prospect scan bounds each candidate's score before it scores any exactly. A table none of
 * whose values abstains adds its weight to every candidate alike (once, not per candidate);
 * one that abstains somewhere adds it per candidate, for the candidates it does not abstain
 * for. Either way, with and without redistribution of abstained weights, for eager and lazily
 * filled key tables, a coded kernel and a vector factor (its dot products enter the bounds
 * exactly), the rankings are the reference loop's.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { extendProfile, enterpriseProductProfile, weightedSumStrategy } from '../../src/index.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { EXACT_BOUND_COMPONENTS, compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import { dot32 } from '../../src/compile/plan.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import type { Factor, NumericKernel, SparseVector } from '../../src/engine/types.js';
import { expectScanAsReference, smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();

/** A small hash of `text`. */
function hash(text: string): number {
  let h = 7;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

/** A factor keyed by the sector, abstaining for every `every`-th hash when `every` is set. */
function sectorFactor(every: number | undefined): Factor<Enterprise, FinancialProduct> {
  return {
    name: 'sectorHash',
    side: 'subject',
    label: { zh: '行业散列', en: 'sector hash' },
    description: { zh: '测试用', en: 'for tests' },
    key: (e) => e.sector,
    score({ subject }) {
      const h = hash(subject.sector);
      if (every !== undefined && h % every === 0) return null;
      return (h % 13) / 12;
    },
  };
}

/** A kernel factor on the employee count (a coded column), abstaining on multiples of 5 when asked. */
function employeesFactor(abstains: boolean): Factor<Enterprise, FinancialProduct> {
  const kernel: NumericKernel<Enterprise, FinancialProduct> = {
    columnName: 'employees',
    column: (e) => e.employees,
    compile: (target) => {
      const shift = hash(target.id) % 11;
      return (x) => (abstains && x % 5 === 0 ? NaN : ((x + shift) % 23) / 22);
    },
  };
  return {
    name: 'employeesHash',
    side: 'subject',
    label: { zh: '人数散列', en: 'employees hash' },
    description: { zh: '测试用', en: 'for tests' },
    kernel,
    score: ({ subject, target }) => {
      const v = kernel.compile(target, env)(subject.employees);
      return v === v ? v : null;
    },
  };
}

/** Dimensions of {@link vectorFactor}'s vectors. */
const DIMENSIONS = 16;

/** How {@link vectorFactor}'s vectors are made. */
interface VectorShape {
  /** No subject vector (the factor abstains) for every `every`-th subject. */
  every?: number;
  /** No target vector for every `targetEvery`-th target. */
  targetEvery?: number;
  /** Dense subject vectors (every component) instead of sparse ones. */
  dense?: boolean;
  /** Dimensions (16 by default; past EXACT_BOUND_COMPONENTS a dense factor's bound is its maximum). */
  dimensions?: number;
}

/**
 * A vector factor: a sparse subject vector of two hashed components (or a dense one) against
 * a target's hashed dense vector, clipped to [0, 1] — the shape of the learned
 * `targetProfile` factor (a dense one: an LSA text embedding's).
 */
function vectorFactor(shape: VectorShape): Factor<Enterprise, FinancialProduct> {
  const { every, targetEvery, dense, dimensions = DIMENSIONS } = shape;
  const subjectVector = (e: Enterprise): SparseVector | Float32Array | null => {
    const h = hash(e.id);
    if (every !== undefined && h % every === 0) return null;
    if (dense)
      return Float32Array.from({ length: dimensions }, (_, i) => ((h >>> (i % 24)) % 5) / 10);
    const a = h % dimensions;
    const b = (h >>> 4) % dimensions;
    const indices = a === b ? Int32Array.of(a) : Int32Array.of(Math.min(a, b), Math.max(a, b));
    return { indices, values: Float32Array.from(indices, (_, i) => ((h >>> (8 + i)) % 7) / 7) };
  };
  const targetVector = (p: FinancialProduct) =>
    targetEvery !== undefined && hash(p.id) % targetEvery === 0
      ? null
      : Float32Array.from({ length: dimensions }, (_, i) => ((hash(p.id) >>> (i % 24)) % 9) / 8);
  const map = (dot: number) => Math.min(1, Math.max(0, dot / (dimensions / 8)));
  return {
    name: 'vectorHash',
    side: 'both',
    label: { zh: '向量散列', en: 'vector hash' },
    description: { zh: '测试用', en: 'for tests' },
    vectors: { dimension: dimensions, subjectVector, targetVector, map },
    score: ({ subject, target }) => {
      const sv = subjectVector(subject);
      const tv = targetVector(target);
      return sv && tv ? map(dot32(sv, tv)) : null;
    },
  };
}

function profileWith(
  redistributeAbstained: boolean,
  keyEvery?: number,
  kernelAbstains = false,
  vector: VectorShape | null = null,
) {
  return extendProfile(enterpriseProductProfile(), {
    strategy: weightedSumStrategy({ redistributeAbstained }),
    addFactors: [
      { factor: sectorFactor(keyEvery), weight: 0.4 },
      { factor: employeesFactor(kernelAbstains), weight: 0.3 },
      ...(vector ? [{ factor: vectorFactor(vector), weight: 0.8 }] : []),
    ],
  });
}

describe('prospect bounds: weights added once or per candidate', () => {
  const cases = [
    { name: 'no added factor abstains', every: undefined, kernel: false, vector: null },
    { name: 'the key table abstains', every: 4, kernel: false, vector: null },
    { name: 'the coded kernel abstains', every: undefined, kernel: true, vector: null },
    { name: 'both abstain', every: 4, kernel: true, vector: null },
    { name: 'a vector factor', every: undefined, kernel: false, vector: {} },
    { name: 'a vector factor abstains', every: undefined, kernel: false, vector: { every: 3 } },
    { name: 'all three abstain', every: 4, kernel: true, vector: { every: 3 } },
    {
      name: 'a vector factor without some targets’ vectors',
      every: undefined,
      kernel: false,
      vector: { every: 5, targetEvery: 3 },
    },
    {
      name: 'a dense vector factor of 16 components (exact)',
      every: 4,
      kernel: false,
      vector: { every: 3, dense: true },
    },
    {
      name: 'a wide dense vector factor (bounded at its maximum)',
      every: undefined,
      kernel: false,
      vector: { every: 3, dense: true, dimensions: EXACT_BOUND_COMPONENTS + 16 },
    },
  ];
  for (const redistribute of [true, false])
    for (const c of cases)
      test(`${c.name}, redistribute ${redistribute}: eager and lazy tables rank as the reference`, () => {
        const profile = profileWith(redistribute, c.every, c.kernel, c.vector);
        const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
        expect(index).not.toBeNull();
        fc.assert(
          fc.property(
            fc.integer({ min: 0, max: m.products.length - 1 }),
            fc.constantFrom(0, Infinity),
            fc.integer({ min: 1, max: 60 }),
            // Twice: the second call walks the bound order the first remembered.
            (p, limit, k) =>
              expectScanAsReference(profile, index, m.products[p]!, k, { limit, calls: 2 }),
          ),
          { numRuns: 15 },
        );
      });
});

describe('prospect bounds: which tables abstain', () => {
  // A product open to every sector and region: its candidates hold most keys and codes.
  const open = m.products.find((p) => p.regions.length === 0 && p.targetSectors.length === 0)!;
  const flags = (every: number | undefined, kernel: boolean) => {
    const profile = profileWith(true, every, kernel);
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const compiled = compileTarget(index.plan, index.columns, open, Infinity)!;
    rankSubjects(index.plan, index.columns, compiled, 20);
    const names = index.plan.factorNames;
    return [
      compiled.abstains[names.indexOf('sectorHash')],
      compiled.abstains[names.indexOf('employeesHash')],
    ];
  };

  test('a table that never abstains is flagged so (its weight is added once), one that does is flagged too', () => {
    expect(flags(undefined, false)).toEqual([0, 0]);
    expect(flags(4, true)).toEqual([1, 1]);
  });
});
