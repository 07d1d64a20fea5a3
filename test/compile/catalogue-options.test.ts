/**
 * CatalogueEngine's options (exported by finmatch/fast): unknown names and values out of range
 * are OptionErrors naming the option; valid ones, `Infinity` included, are taken.
 */
import { describe, expect, test } from 'vitest';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { sortById } from '../../src/util/compare.js';
import { planProfile } from '../../src/compile/plan.js';
import { CatalogueEngine } from '../../src/compile/catalogue.js';
import { OptionError } from '../../src/errors.js';
import type { FinancialProduct } from '../../src/model/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const products = sortById([...m.products]).slice(0, 40) as FinancialProduct[];
const plan = planProfile(enterpriseProductProfile(), env)!;
const make = (options: unknown) =>
  new CatalogueEngine(plan, products, undefined, options as Record<string, never>);

describe('CatalogueEngine options', () => {
  test.each([
    [{ sparseKeyLimt: 1 }, 'sparseKeyLimt'],
    [{ sparseKeyLimit: -1 }, 'sparseKeyLimit'],
    [{ sparseRowUses: 1.5 }, 'sparseRowUses'],
    [{ ruleBitsCompleteUses: '3' }, 'ruleBitsCompleteUses'],
    [{ ruleBitsCompleteUses: NaN }, 'ruleBitsCompleteUses'],
    [{ targetClasses: 'no' }, 'targetClasses'],
    [[], 'options'],
  ])('%j is an OptionError naming %s', (options, path) => {
    let error: unknown;
    try {
      make(options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).message).toContain(path);
  });

  test('valid options rank as the defaults do', () => {
    const plain = make(undefined);
    const tuned = make({
      sparseKeyLimit: 0,
      sparseRowUses: Infinity,
      ruleBitsCompleteUses: Infinity,
      targetClasses: false,
    });
    for (const e of m.enterprises.slice(0, 50))
      expect(tuned.rankMatches(e, 10)).toEqual(plain.rankMatches(e, 10));
  });
});
