/**
 * Every public entry point called with arbitrary arguments (BigInt, null prototypes, arrays with
 * holes, strings, numbers…): only finmatch's own typed errors may escape — never a TypeError or
 * RangeError from inside.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  assign,
  createEnterpriseIndex,
  createInvestorMatcher,
  createProductMatcher,
  createProjectIndex,
  FinmatchError,
  defineStrategy,
  explainPlan,
  profileFromSpec,
  profileHash,
  profileToSpec,
  specJson,
} from '../../src/index.js';
import {
  evaluate,
  parseQrelsJsonl,
  parseRunJsonl,
  parseTrecQrels,
  parseTrecRun,
  readRunFile,
  writeRunJsonl,
  writeTrecRun,
} from '../../src/eval/index.js';
import { loadSnapshot, saveSnapshot } from '../../src/batch/snapshot.js';
import { parseShard, selectShard, shardOf } from '../../src/batch/shard.js';
import { sweep } from '../../src/batch/sweep.js';
import { generateMarket } from '../../src/generate/index.js';

const market = generateMarket({ seed: 5, scale: 'small' });
const asOf = market.manifest.asOf;
const products = market.products.slice(0, 40);
const investors = market.investors.slice(0, 30);
const productMatcher = createProductMatcher(products, { asOf });
const enterpriseIndex = createEnterpriseIndex(market.enterprises.slice(0, 60), { asOf });
const investorMatcher = createInvestorMatcher(investors, { asOf });
const projectIndex = createProjectIndex(market.projects.slice(0, 40), { asOf });

const arg = fc.oneof(
  fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true }),
  fc.constantFrom(
    market.enterprises[0],
    market.products[0],
    market.projects[0],
    market.investors[0],
    market.products[0]!.id,
    { k: 2 ** 32 },
    { k: 1e308 },
    { k: -1 },
    { filter: { region: ['32'] } },
    { chainId: 'nope' },
    [market.products[0]!.id],
  ),
);

/** Calls `f`; a thrown value must be a FinmatchError. */
async function onlyTypedErrors(name: string, f: () => unknown): Promise<void> {
  try {
    const out = f();
    if (out && typeof (out as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function')
      for await (const _ of out as AsyncIterable<unknown>) break;
    else if (out instanceof Promise) await out;
  } catch (error) {
    if (!(error instanceof FinmatchError))
      throw new Error(`${name} let ${(error as Error)?.name}: ${(error as Error)?.message} escape`);
  }
}

const ENTRY_POINTS: Record<string, (a: unknown, b: unknown, c: unknown) => unknown> = {
  createProductMatcher: (a, b) => createProductMatcher(a as never, b as never),
  rankProducts: (a, b) => productMatcher.rankProducts(a as never, b as never),
  explainProduct: (a, b) => productMatcher.explain(a as never, b as never),
  recommendBundles: (a, b) => productMatcher.recommendBundles(a as never, b as never),
  removeProducts: (a) => createProductMatcher(products, { asOf }).removeProducts(a as never),
  createEnterpriseIndex: (a, b) => createEnterpriseIndex(a as never, b as never),
  prospectEnterprises: (a, b) => enterpriseIndex.prospectEnterprises(a as never, b as never),
  rankBatch: (a, b, c) => enterpriseIndex.rankBatch(a as never, b as never, c as never),
  removeEnterprises: (a) => enterpriseIndex.removeEnterprises(a as never),
  createInvestorMatcher: (a, b) => createInvestorMatcher(a as never, b as never),
  rankInvestors: (a, b) => investorMatcher.rankInvestors(a as never, b as never),
  explainInvestor: (a, b) => investorMatcher.explain(a as never, b as never),
  createProjectIndex: (a, b) => createProjectIndex(a as never, b as never),
  rankProjects: (a, b) => projectIndex.rankProjects(a as never, b as never),
  profileFromSpec: (a, b) => profileFromSpec(a, b as never),
  profileToSpec: (a) => profileToSpec(a as never),
  specJson: (a) => specJson(a as never),
  profileHash: (a) => profileHash(a as never),
  explainPlan: (a) => explainPlan(a as never),
  defineStrategy: (a) => defineStrategy(a as never),
  saveSnapshot: (a) => saveSnapshot(a as never),
  loadSnapshot: (a, b) => loadSnapshot(a as never, b as never),
  parseShard: (a) => parseShard(a as never),
  selectShard: (a, b, c) => selectShard(a as never, b as never, c as never),
  sweep: (a, b, c) => sweep(a as never, b as never, c as never),
  assign: (a, b, c) => assign(a as never, b as never, c as never),
  evaluate: (a, b, c) => evaluate(a as never, b as never, c as never),
  parseTrecRun: (a) => parseTrecRun(a as never),
  parseTrecQrels: (a) => parseTrecQrels(a as never),
  parseRunJsonl: (a) => parseRunJsonl(a as never),
  parseQrelsJsonl: (a) => parseQrelsJsonl(a as never),
  writeRunJsonl: (a) => writeRunJsonl(a as never),
  writeTrecRun: (a) => writeTrecRun(a as never),
  readRunFile: (a) => readRunFile(a as never),
  shardOf: (a, b) => shardOf(a as never, b as never),
};

describe('public entry points let only typed errors escape', () => {
  for (const [name, f] of Object.entries(ENTRY_POINTS)) {
    test(
      name,
      async () => {
        await fc.assert(
          fc.asyncProperty(arg, arg, arg, async (a, b, c) => {
            await onlyTypedErrors(name, () => f(a, b, c));
          }),
          { numRuns: 60, seed: 3 },
        );
        expect(true).toBe(true);
      },
      120_000,
    );
  }
});
