/**
 * A prospect scan bounds each candidate's score before it scores any exactly. A table none of
 * whose values abstains adds its weight to every candidate alike (once, not per candidate);
 * one that abstains somewhere adds it per candidate, for the candidates it does not abstain
 * for. Either way, with and without redistribution of abstained weights, for eager and lazily
 * filled key tables and a coded kernel, the rankings are the reference loop's.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { extendProfile, enterpriseProductProfile, weightedSumStrategy } from '../../src/index.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import type { Factor, NumericKernel } from '../../src/engine/types.js';
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

function profileWith(redistributeAbstained: boolean, keyEvery?: number, kernelAbstains = false) {
  return extendProfile(enterpriseProductProfile(), {
    strategy: weightedSumStrategy({ redistributeAbstained }),
    addFactors: [
      { factor: sectorFactor(keyEvery), weight: 0.4 },
      { factor: employeesFactor(kernelAbstains), weight: 0.3 },
    ],
  });
}

describe('prospect bounds: weights added once or per candidate', () => {
  const cases = [
    { name: 'no added factor abstains', every: undefined, kernel: false },
    { name: 'the key table abstains', every: 4, kernel: false },
    { name: 'the coded kernel abstains', every: undefined, kernel: true },
    { name: 'both abstain', every: 4, kernel: true },
  ];
  for (const redistribute of [true, false])
    for (const c of cases)
      test(`${c.name}, redistribute ${redistribute}: eager and lazy tables rank as the reference`, () => {
        const profile = profileWith(redistribute, c.every, c.kernel);
        const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
        expect(index).not.toBeNull();
        fc.assert(
          fc.property(
            fc.integer({ min: 0, max: m.products.length - 1 }),
            fc.constantFrom(0, Infinity),
            fc.integer({ min: 1, max: 60 }),
            (p, limit, k) => expectScanAsReference(profile, index, m.products[p]!, k, { limit }),
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
