/**
 * Fuzz of option checking (issue #11): every public factory and method that takes options is
 * called with arbitrary values as its options — BigInts, null prototypes, arrays, strings,
 * nested junk, plus throwing getters and revoked Proxies — and only finmatch's own typed
 * errors (FinmatchError subclasses) may escape: never a TypeError or RangeError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FinmatchError } from '../../src/errors.js';
import {
  compileProspectFilter,
  createEnterpriseIndex,
  createInvestorMatcher,
  createProductMatcher,
  createProjectIndex,
} from '../../src/engine/matchers/index.js';
import {
  defineProfile,
  enterpriseProductProfile,
  extendProfile,
} from '../../src/engine/profiles/index.js';
import { exposureQuotaReranker, mmrReranker } from '../../src/engine/rerank/index.js';
import {
  assign,
  findBlockingPairs,
  optimalAssignment,
  stableAssignment,
} from '../../src/assign/index.js';
import { buildBundles, readBundleOptions } from '../../src/bundles/index.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { checkBenchmarkOptions } from '../../src/eval/benchmark.js';
import { tuneWeights } from '../../src/tune/index.js';
import { collaborativeFactor } from '../../src/collab/factor.js';
import { fitAls } from '../../src/collab/als.js';
import { fitCooccurrence } from '../../src/collab/cooccurrence.js';
import { validateLearnedOptions } from '../../src/learn/history/prepare.js';
import { textFactor } from '../../src/text/factor.js';
import { AS_OF, enterprise, investor, product, project } from '../engine/golden/market.js';

const products = [product({ id: 'P1' }), product({ id: 'P2' })];
const enterprises = [enterprise({ id: 'E1' }), enterprise({ id: 'E2' })];
const productMatcher = createProductMatcher(products, { asOf: AS_OF });
const enterpriseIndex = createEnterpriseIndex(enterprises, { asOf: AS_OF });
const investorMatcher = createInvestorMatcher([investor()], { asOf: AS_OF });
const projectIndex = createProjectIndex([project()], { asOf: AS_OF });
const base = enterpriseProductProfile();
const instance = {
  subjects: ['s1'],
  targets: [{ id: 't1', capacity: 1 }],
  pairs: [{ subjectId: 's1', targetId: 't1', subjectScore: 0.5, targetScore: 0.5, score: 0.5 }],
};

/** Every public entry point that takes options, called with `options` as its options. */
const ENTRY_POINTS: Record<string, (options: unknown) => unknown> = {
  createProductMatcher: (o) => createProductMatcher(products, o as never),
  createEnterpriseIndex: (o) => createEnterpriseIndex(enterprises, o as never),
  createInvestorMatcher: (o) => createInvestorMatcher([investor()], o as never),
  createProjectIndex: (o) => createProjectIndex([project()], o as never),
  rankProducts: (o) => productMatcher.rankProducts(enterprise(), o as never),
  recommendBundlesOptions: (o) => readBundleOptions(o),
  removeProducts: (o) => createProductMatcher(products, { asOf: AS_OF }).removeProducts(o as never),
  prospectEnterprises: (o) => enterpriseIndex.prospectEnterprises(product(), o as never),
  prospectFilter: (o) => enterpriseIndex.prospectEnterprises(product(), { filter: o as never }),
  compileProspectFilter: (o) => compileProspectFilter(o as never),
  removeEnterprises: (o) =>
    createEnterpriseIndex(enterprises, { asOf: AS_OF }).removeEnterprises(o as never),
  rankInvestors: (o) => investorMatcher.rankInvestors(project(), o as never),
  rankProjects: (o) => projectIndex.rankProjects(investor(), o as never),
  defineProfile: (o) => defineProfile(o as never),
  extendProfile: (o) => extendProfile(base, o as never),
  extendProfileWeights: (o) => extendProfile(base, { weights: o as never }),
  mmrReranker: (o) => mmrReranker(o as never),
  exposureQuotaReranker: (o) => exposureQuotaReranker(o as never),
  assign: (o) => assign([project()], [investor()], o as never),
  stableAssignment: (o) => stableAssignment(instance, o as never),
  optimalAssignment: (o) => optimalAssignment(instance, o as never),
  stableAssignmentInstance: (o) => stableAssignment(o as never),
  findBlockingPairs: (o) => findBlockingPairs(instance, o as never),
  buildBundles: (o) => buildBundles(o as never),
  evaluate: (o) => evaluate({}, {}, o as never),
  benchmarkOptions: (o) => checkBenchmarkOptions(o),
  tuneWeights: (o) => tuneWeights(o as never),
  collaborativeFactor: (o) => collaborativeFactor(o as never),
  fitAls: (o) => fitAls({ interactions: [], options: o as never }),
  fitCooccurrence: (o) => fitCooccurrence({ interactions: [], options: o as never }),
  learnedFactorOptions: (o) => validateLearnedOptions(o),
  textFactor: (o) => textFactor(o as never),
};

const arbitraryOptions = fc.anything({
  withBigInt: true,
  withNullPrototype: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  maxDepth: 3,
});

/** Values fast-check does not make: a throwing getter, a revoked Proxy, a throwing trap. */
function hostileValues(): unknown[] {
  const getter = Object.defineProperty({}, 'k', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const trap = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('trap');
      },
    },
  );
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  return [getter, revoked.proxy, trap, cyclic, Symbol('s'), () => 1, 10n, Object.create(null)];
}

function onlyTypedErrors(call: () => unknown): void {
  try {
    call();
  } catch (error) {
    if (!(error instanceof FinmatchError))
      throw new Error(`a non-finmatch error escaped: ${String((error as Error)?.stack ?? error)}`);
  }
}

describe('option fuzz: only FinmatchError subclasses escape', () => {
  for (const [name, call] of Object.entries(ENTRY_POINTS)) {
    it(name, () => {
      for (const value of hostileValues()) onlyTypedErrors(() => call(value));
      fc.assert(
        fc.property(arbitraryOptions, (value) => onlyTypedErrors(() => call(value))),
        { numRuns: 60, seed: 11 },
      );
    });
  }

  it('covers every entry point', () => {
    expect(Object.keys(ENTRY_POINTS).length).toBeGreaterThanOrEqual(30);
  });
});
