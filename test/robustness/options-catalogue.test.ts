/**
 * Catalogue of bad options (issue #11): each row is one class of bad option, given to one
 * public entry point, with the typed error it must raise — class, code, option path (or
 * record id and field path for reference data) and message. A typo'd key must be an error
 * with a did-you-mean, never silently ignored.
 */
import { describe, expect, it } from 'vitest';
import {
  FinmatchError,
  OptionError,
  ProfileError,
  UnknownIdError,
  ValidationError,
} from '../../src/errors.js';
import {
  createEnterpriseIndex,
  createInvestorMatcher,
  createProductMatcher,
  createProjectIndex,
  compileProspectFilter,
} from '../../src/engine/matchers/index.js';
import { MAX_RANK_K } from '../../src/engine/matchers/options.js';
import {
  defineProfile,
  enterpriseProductProfile,
  extendProfile,
} from '../../src/engine/profiles/index.js';
import { MAX_FACTOR_WEIGHT } from '../../src/engine/profiles/define.js';
import { exposureQuotaReranker, mmrReranker } from '../../src/engine/rerank/index.js';
import { assign, findBlockingPairs, stableAssignment } from '../../src/assign/index.js';
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

type ErrorClass = new (...args: never[]) => FinmatchError;

interface Row {
  /** The class of bad input. */
  name: string;
  run: () => unknown;
  error: ErrorClass;
  code: string;
  /** OptionError: `option`; UnknownIdError: `id`; ValidationError: `recordId` and `path`. */
  option?: string;
  id?: string;
  recordId?: string;
  path?: string;
  message: RegExp;
}

const products = [product({ id: 'P1' }), product({ id: 'P2', institutionId: 'B2' })];
const enterprises = [enterprise({ id: 'E1' }), enterprise({ id: 'E2' })];
const chains = [{ id: 'C1', name: '集成电路', sectors: ['C39'] }] as never[];
const zones = [{ id: 'Z1', name: '专精特新专区', kind: 'srdi' }] as never[];
const institutions = [
  { id: 'B1', name: '银行一', kind: 'bank' },
  { id: 'B2', name: '银行二', kind: 'bank' },
] as never[];
const interaction = (over: Record<string, unknown> = {}) => ({
  id: 'X1',
  subjectKind: 'enterprise',
  subjectId: 'E1',
  itemKind: 'product',
  itemId: 'P1',
  kind: 'funded',
  date: '2025-03-01',
  ...over,
});
const matcher = () => createProductMatcher(products, { asOf: AS_OF });
const index = () => createEnterpriseIndex(enterprises, { asOf: AS_OF, chains, zones });
const base = enterpriseProductProfile();
const tuneBase = {
  initial: { a: 1 },
  queries: ['q1', 'q2', 'q3'],
  objective: () => 0.5,
};
const instance = {
  subjects: ['s1'],
  targets: [{ id: 't1', capacity: 1 }],
  pairs: [{ subjectId: 's1', targetId: 't1', subjectScore: 0.5, targetScore: 0.5, score: 0.5 }],
};
const throwing = Object.defineProperty({}, 'k', {
  enumerable: true,
  get() {
    throw new Error('boom');
  },
});
const revoked = (() => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
})();

const ROWS: Row[] = [
  // Matcher options
  {
    name: 'typo in a matcher key (asof)',
    run: () => createProductMatcher(products, { asof: AS_OF } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'asof',
    message: /unknown option "asof"; did you mean "asOf"\?/,
  },
  {
    name: 'unknown matcher key far from any',
    run: () => createProductMatcher(products, { banana: 1 } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'banana',
    message: /unknown option "banana"; known options are profile, asOf/,
  },
  {
    name: 'matcher options not an object',
    run: () => createProductMatcher(products, 5 as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'options',
    message: /options must be an object, received 5/,
  },
  {
    name: 'matcher options an array',
    run: () => createInvestorMatcher([investor()], [] as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'options',
    message: /options must be an object, received an array of 0/,
  },
  {
    name: 'matcher options a class instance',
    run: () => createProductMatcher(products, new Date() as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'options',
    message: /must be a plain object/,
  },
  {
    name: 'asOf not a date',
    run: () => createProductMatcher(products, { asOf: '2026-02-30' }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'asOf',
    message: /asOf must be a real date YYYY-MM-DD in 1800–2200, received "2026-02-30"/,
  },
  {
    name: 'asOf a BigInt',
    run: () => createProductMatcher(products, { asOf: 10n as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'asOf',
    message: /asOf must be a non-empty string, received 10n/,
  },
  {
    name: 'locale not zh/en',
    run: () => createProductMatcher(products, { locale: 'fr' as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'locale',
    message: /locale must be one of 'zh', 'en', received "fr"/,
  },
  {
    name: 'profile of the other market',
    run: () => createInvestorMatcher([investor()], { profile: base as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'profile',
    message: /profile must be a projectInvestor profile/,
  },
  {
    name: 'chains option not an array',
    run: () => createProductMatcher(products, { chains: {} as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'chains',
    message: /chains must be an array of chain records, received an object/,
  },
  {
    name: 'a getter that throws in the options',
    run: () => matcher().rankProducts(enterprise(), throwing as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'k',
    message: /k could not be read/,
  },
  {
    name: 'a revoked Proxy as options',
    run: () => createProductMatcher(products, revoked as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'options',
    message: /options could not be read/,
  },
  {
    name: 'removeProducts given a string',
    run: () => matcher().removeProducts('P1' as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'ids',
    message: /ids must be an array of id strings/,
  },
  {
    name: 'removeProducts given a non-string id',
    run: () => matcher().removeProducts(['P1', 7] as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'ids[1]',
    message: /ids\[1\] 必须是 id 字符串，收到 7/,
  },
  // Reference data and values that cannot be meant
  {
    name: 'product institution not among the institutions',
    run: () =>
      createProductMatcher(products, { asOf: AS_OF, institutions: institutions.slice(0, 1) }),
    error: ValidationError,
    code: 'VALIDATION_FAILED',
    recordId: 'P2',
    path: 'institutionId',
    message: /product "P2" at institutionId: .*"B2"/,
  },
  {
    name: 'combinesWith naming a product not in the catalogue',
    run: () => createProductMatcher([product({ id: 'P1', combinesWith: ['P9'] })], { asOf: AS_OF }),
    error: ValidationError,
    code: 'VALIDATION_FAILED',
    recordId: 'P1',
    path: 'combinesWith[0]',
    message: /"P9"/,
  },
  {
    name: 'enterprise chain not among the chains',
    run: () =>
      createEnterpriseIndex([enterprise({ chains: [{ chainId: 'C9' }] })], {
        asOf: AS_OF,
        chains,
        locale: 'en',
      }),
    error: ValidationError,
    code: 'VALIDATION_FAILED',
    recordId: 'E1',
    path: 'chains[0].chainId',
    message: /names chain "C9", which is not in the given chains/,
  },
  {
    name: 'enterprise zone not among the zones',
    run: () =>
      createEnterpriseIndex([enterprise({ zones: ['Z9'] })], { asOf: AS_OF, zones, locale: 'en' }),
    error: ValidationError,
    code: 'VALIDATION_FAILED',
    recordId: 'E1',
    path: 'zones[0]',
    message: /names zone "Z9"/,
  },
  {
    name: 'project chain not among the chains',
    run: () => createProjectIndex([project({ chains: ['C9'] })], { asOf: AS_OF, chains }),
    error: ValidationError,
    code: 'VALIDATION_FAILED',
    recordId: 'J1',
    path: 'chains[0]',
    message: /"C9"/,
  },
  {
    name: 'interaction dated after asOf',
    run: () =>
      createProductMatcher(products, {
        asOf: AS_OF,
        locale: 'en',
        interactions: [interaction({ date: '2106-01-01' })] as never,
      }),
    error: ValidationError,
    code: 'VALIDATION_FAILED',
    recordId: 'X1',
    path: 'date',
    message: /dated 2106-01-01, after asOf 2026-06-30/,
  },
  {
    name: 'enterprise founded after asOf',
    run: () =>
      createEnterpriseIndex([enterprise({ foundedYear: 2030 })], { asOf: AS_OF, locale: 'en' }),
    error: ValidationError,
    code: 'VALIDATION_FAILED',
    recordId: 'E1',
    path: 'foundedYear',
    message: /founded in 2030, after asOf 2026-06-30/,
  },
  {
    name: 'ranked enterprise founded after asOf',
    run: () => matcher().rankProducts(enterprise({ foundedYear: 2030 })),
    error: ValidationError,
    code: 'VALIDATION_FAILED',
    recordId: 'E1',
    path: 'foundedYear',
    message: /2030/,
  },
  // Rank options
  {
    name: 'k of 2^32 (was a RangeError)',
    run: () => matcher().rankProducts(enterprise(), { k: 2 ** 32 }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'k',
    message: new RegExp(
      `k must be an integer from 1 to ${MAX_RANK_K} or Infinity, received 4294967296`,
    ),
  },
  {
    name: 'k of 1e308',
    run: () => index().prospectEnterprises(product(), { k: 1e308 }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'k',
    message: /received 1e\+308/,
  },
  {
    name: 'k of 0',
    run: () => matcher().rankProducts(enterprise(), { k: 0 }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'k',
    message: /received 0/,
  },
  {
    name: 'k NaN',
    run: () => matcher().rankProducts(enterprise(), { k: NaN }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'k',
    message: /received NaN/,
  },
  {
    name: 'k a string',
    run: () => matcher().rankProducts(enterprise(), { k: '5' as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'k',
    message: /received "5"/,
  },
  {
    name: 'includeRules not a boolean',
    run: () => matcher().rankProducts(enterprise(), { includeRules: 1 as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'includeRules',
    message: /includeRules must be a boolean \(true or false\), received 1/,
  },
  {
    name: 'typo in a rank key (includeRule)',
    run: () => matcher().rankProducts(enterprise(), { includeRule: true } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'includeRule',
    message: /did you mean "includeRules"\?/,
  },
  {
    name: 'filter given to rankProducts',
    run: () => matcher().rankProducts(enterprise(), { filter: {} } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'filter',
    message: /unknown option "filter"/,
  },
  // Prospect filters
  {
    name: 'filter key typo (region)',
    run: () => index().prospectEnterprises(product(), { filter: { region: ['32'] } as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'filter.region',
    message: /did you mean "filter\.regions"\?/,
  },
  {
    name: 'filter regions not an array',
    run: () => compileProspectFilter({ regions: '32' as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'filter.regions',
    message: /filter\.regions must be an array of strings, received "32"/,
  },
  {
    name: 'filter region prefix malformed',
    run: () => compileProspectFilter({ regions: ['32', '3'] }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'filter.regions[1]',
    message: /"3" is not a region prefix; expected 2, 4 or 6 digits/,
  },
  {
    // Two digits, but no province: said as unknown, not as the wrong length.
    name: 'filter region prefix unknown',
    run: () => compileProspectFilter({ regions: ['99'] }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'filter.regions[0]',
    message: /no region code begins with "99"/,
  },
  {
    // Three digits: the wrong length, though region codes begin with them.
    name: 'filter region prefix of three digits',
    run: () => compileProspectFilter({ regions: ['110'] }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'filter.regions[0]',
    message: /"110" is not a region prefix; expected 2, 4 or 6 digits/,
  },
  {
    name: 'filter sector unknown',
    run: () => compileProspectFilter({ sectors: ['Z99'] }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'filter.sectors[0]',
    message: /unknown sector code "Z99"/,
  },
  {
    name: 'filter where not a function',
    run: () => compileProspectFilter({ where: true as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'filter.where',
    message: /filter\.where must be a function, received true/,
  },
  {
    name: 'filter zone unknown to the reference data (as rankBatch)',
    run: () => index().prospectEnterprises(product(), { filter: { zones: ['Z9'] } }),
    error: UnknownIdError,
    code: 'UNKNOWN_ID',
    id: 'Z9',
    message: /filter\.zones\[0\]: unknown zone id "Z9"/,
  },
  {
    name: 'filter chain unknown to the reference data',
    run: () =>
      compileProspectFilter({ chains: ['C9'] }, { chains: new Map([['C1', {} as never]]) }),
    error: UnknownIdError,
    code: 'UNKNOWN_ID',
    id: 'C9',
    message: /filter\.chains\[0\]: unknown chain id "C9"/,
  },
  // Profiles
  {
    name: 'weights of 1e308 (every score was 0)',
    run: () => extendProfile(base, { weights: { collateralFit: 1e308 } }),
    error: ProfileError,
    code: 'INVALID_PROFILE',
    message: new RegExp(
      `weights\\.collateralFit is 1e\\+308; weights must be finite numbers from 0 to ${MAX_FACTOR_WEIGHT}`,
    ),
  },
  {
    name: 'negative weight',
    run: () => extendProfile(base, { weights: { collateralFit: -1 } }),
    error: ProfileError,
    code: 'INVALID_PROFILE',
    message: /weights\.collateralFit is -1/,
  },
  {
    name: 'weight for a misspelt factor',
    run: () => extendProfile(base, { weights: { colateralFit: 1 } }),
    error: ProfileError,
    code: 'INVALID_PROFILE',
    message: /unknown factor "colateralFit" \(did you mean "collateralFit"\?\)/,
  },
  {
    name: 'typo in an extension key (weight)',
    run: () => extendProfile(base, { weight: {} } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'extension.weight',
    message: /did you mean "extension\.weights"\?/,
  },
  {
    name: 'definition with an unknown key',
    run: () => defineProfile({ ...base, extra: 1 } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'definition.extra',
    message: /unknown option "definition\.extra"/,
  },
  {
    name: 'definition factors not an array',
    run: () => defineProfile({ ...base, factors: null } as never),
    error: ProfileError,
    code: 'INVALID_PROFILE',
    message: /factors must be an array, received null/,
  },
  {
    name: 'a definition weight above the bound',
    run: () =>
      defineProfile({
        ...base,
        factors: base.factors.map((f) => ({ ...f, weight: MAX_FACTOR_WEIGHT * 2 })),
      }),
    error: ProfileError,
    code: 'INVALID_PROFILE',
    message: /weights must be finite numbers from 0 to 1000000/,
  },
  // Re-rankers
  {
    name: 'mmr lambda out of range',
    run: () => mmrReranker({ lambda: 2 }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'lambda',
    message: /lambda must be a finite number in \[0, 1\], received 2/,
  },
  {
    name: 'mmr key typo (lamda)',
    run: () => mmrReranker({ lamda: 0.5 } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'lamda',
    message: /did you mean "lambda"\?/,
  },
  {
    name: 'exposure quota maxPerGroup missing',
    run: () => exposureQuotaReranker({} as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'maxPerGroup',
    message: /maxPerGroup is required/,
  },
  {
    name: 'exposure quota backfill not a boolean',
    run: () => exposureQuotaReranker({ maxPerGroup: 2, backfill: 'no' as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'backfill',
    message: /backfill must be a boolean \(true or false\), received "no"/,
  },
  // Assignment
  {
    name: 'assign method typo',
    run: () => assign([project()], [investor()], { method: 'stabel' as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'method',
    message: /did you mean 'stable'\?/,
  },
  {
    name: 'assign unknown key',
    run: () => assign([project()], [investor()], { matcherOption: {} } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'matcherOption',
    message: /did you mean "matcherOptions"\?/,
  },
  {
    name: 'assign score out of [0, 1]',
    run: () =>
      assign([project()], [investor()], {
        scores: [
          { projectId: 'J1', investorId: 'I1', projectScore: 2, investorScore: 0.5, score: 0.5 },
        ],
      }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'scores[0].projectScore',
    message: /received 2/,
  },
  {
    name: 'assign matcher without rankInvestors',
    run: () => assign([project()], [investor()], { matcher: {} as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'matcher',
    message: /rankInvestors/,
  },
  {
    name: 'assignment options key typo',
    run: () => stableAssignment(instance, { includePreference: false } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'includePreference',
    message: /did you mean "includePreferences"\?/,
  },
  {
    name: 'assignment instance pairs not an array',
    run: () => stableAssignment({ ...instance, pairs: null } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'instance.pairs',
    message: /instance\.pairs must be an array, received null/,
  },
  {
    name: 'blocking-pair check given a non-array',
    run: () => findBlockingPairs(instance, 'x' as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'assignment',
    message: /assignment must be an array, received "x"/,
  },
  // Bundles
  {
    name: 'bundle k negative',
    run: () => readBundleOptions({ k: -1 }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'k',
    message: /k must be an integer from 0 to/,
  },
  {
    name: 'bundle membersPerInstrument above its bound',
    run: () => readBundleOptions({ membersPerInstrument: 1e9 }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'membersPerInstrument',
    message: /from 1 to 100/,
  },
  {
    name: 'buildBundles context key typo',
    run: () =>
      buildBundles({
        enterprise: enterprise(),
        matches: [],
        products: new Map(),
        locle: 'en',
      } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'context.locle',
    message: /did you mean "context\.locale"\?/,
  },
  // Evaluation
  {
    name: 'evaluate key typo (metric)',
    run: () => evaluate({}, {}, { metric: ['map'] } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'metric',
    message: /did you mean "metrics"\?/,
  },
  {
    name: 'evaluate relevanceLevel fractional',
    run: () => evaluate({}, {}, { relevanceLevel: 0.5 }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'relevanceLevel',
    message: /relevanceLevel must be an integer from 0 to .*received 0\.5/,
  },
  {
    name: 'evaluate completeQueries not a boolean',
    run: () => evaluate({}, {}, { completeQueries: 'yes' as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'completeQueries',
    message: /received "yes"/,
  },
  {
    name: 'evaluate noRelevant unknown',
    run: () => evaluate({}, {}, { noRelevant: 'skip' as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'noRelevant',
    message: /noRelevant must be one of 'zero', 'exclude'/,
  },
  {
    name: 'benchmark randomisationTrials out of range',
    run: () => checkBenchmarkOptions({ randomisationTrials: 1e12 }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'randomisationTrials',
    message: /from 1 to 1000000/,
  },
  {
    name: 'benchmark tuneMethod unknown',
    run: () => checkBenchmarkOptions({ tuneMethod: 'grd' }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'tuneMethod',
    message: /did you mean 'grid'\?/,
  },
  // Tuning
  {
    name: 'tune key typo (fold)',
    run: () => tuneWeights({ ...tuneBase, fold: 3 } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'fold',
    message: /did you mean "folds"\?/,
  },
  {
    name: 'tune initial weight of 1e308',
    run: () => tuneWeights({ ...tuneBase, initial: { a: 1e308 } }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'initial.a',
    message: /weight a \(initial\.a\) must be a finite number in \[0, 1000000\]/,
  },
  {
    name: 'tune objective missing',
    run: () => tuneWeights({ initial: { a: 1 }, queries: ['q1', 'q2', 'q3'] } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'objective',
    message: /objective is required/,
  },
  {
    name: 'tune trials a huge number',
    run: () => tuneWeights({ ...tuneBase, trials: 1e15 }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'trials',
    message: /trials must be an integer from 1 to 1000000/,
  },
  {
    name: 'tune queries with a non-string',
    run: () => tuneWeights({ ...tuneBase, queries: ['q1', 2] as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'queries[1]',
    message: /queries\[1\] must be a string, received 2/,
  },
  // Factors
  {
    name: 'collaborative factor key typo (methd)',
    run: () => collaborativeFactor({ methd: 'als' } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'methd',
    message: /did you mean "method"\?/,
  },
  {
    name: 'collaborative method unknown',
    run: () => collaborativeFactor({ method: 'svd' as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'method',
    message: /method must be one of 'als', 'cooccurrence'/,
  },
  {
    name: 'ALS option typo (factor)',
    run: () => fitAls({ interactions: [], options: { factor: 4 } as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'options.factor',
    message: /did you mean "options\.factors"\?/,
  },
  {
    name: 'ALS iterations unbounded',
    run: () => fitAls({ interactions: [], options: { iterations: 1e9 } }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'iterations',
    message: /iterations must be an integer from 1 to 10000/,
  },
  {
    name: 'co-occurrence option typo (shrink)',
    run: () => fitCooccurrence({ interactions: [], options: { shrink: 1 } as never }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'options.shrink',
    message: /unknown option "options\.shrink"/,
  },
  {
    name: 'learned factor option typo (halfLife)',
    run: () => validateLearnedOptions({ halfLife: 30 }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'halfLife',
    message: /did you mean "halfLifeDays"\?/,
  },
  {
    name: 'learned factor smoothing a BigInt',
    run: () => validateLearnedOptions({ smoothing: 1n }),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'smoothing',
    message: /received 1n/,
  },
  {
    name: 'text factor key typo (hybridWieght)',
    run: () => textFactor({ hybridWieght: 0.5 } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'hybridWieght',
    message: /did you mean "hybridWeight"\?/,
  },
  {
    name: 'text factor nested key typo (lsa.dimension)',
    run: () => textFactor({ lsa: { dimension: 10 } } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'lsa.dimension',
    message: /did you mean "lsa\.dimensions"\?/,
  },
  {
    name: 'text factor subjectText not a function',
    run: () => textFactor({ subjectText: 'name' } as never),
    error: OptionError,
    code: 'INVALID_OPTION',
    option: 'subjectText',
    message: /subjectText must be a function, received "name"/,
  },
];

describe('bad-option catalogue', () => {
  it('has at least 40 classes', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
  });

  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    let caught: unknown;
    try {
      row.run();
    } catch (error) {
      caught = error;
    }
    expect(caught, 'it must throw').toBeInstanceOf(row.error);
    const error = caught as FinmatchError;
    expect(error.code).toBe(row.code);
    expect(error.message).toMatch(row.message);
    if (row.option !== undefined) expect((error as OptionError).option).toBe(row.option);
    if (row.id !== undefined) expect((error as UnknownIdError).id).toBe(row.id);
    if (row.recordId !== undefined) {
      const issue = (error as ValidationError).issues[0]!;
      expect(issue.recordId).toBe(row.recordId);
      expect(issue.path).toBe(row.path);
    }
  });

  it('good options still work beside the checks', () => {
    const m = createProductMatcher(products, {
      asOf: AS_OF,
      institutions,
      chains,
      zones,
      interactions: [interaction()] as never,
      subjects: enterprises,
    });
    expect(m.rankProducts(enterprise(), { k: Infinity }).length).toBeGreaterThan(0);
    expect(m.rankProducts(enterprise(), { k: MAX_RANK_K }).length).toBeGreaterThan(0);
    const idx = index();
    expect(() =>
      idx.prospectEnterprises(product(), { k: 5, filter: { zones: ['Z1'], chains: ['C1'] } }),
    ).not.toThrow();
  });
});
