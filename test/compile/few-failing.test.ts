/**
 * A scan that reads every row applies the key rules failing few rows (its lead among them) by
 * marking their failing rows from the postings, then keeping the unmarked live rows: the
 * broadest products of the small market rank as the reference loop does, also with removed
 * enterprises (tombstones) in the columns and after enterprises are rewritten in place.
 */
import { describe, expect, test } from 'vitest';
import { enterpriseProductProfile } from '../../src/index.js';
import { compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { expectScanAsReference, smallMarket, smallMarketEnv } from './helpers.js';

describe('rules failing few rows, applied by marking them', () => {
  const m = smallMarket();
  const { env } = smallMarketEnv();
  const profile = enterpriseProductProfile();
  /** The ten products with the most eligible enterprises (all of them read every row). */
  const broadest = (index: FastSubjectIndex<Enterprise, FinancialProduct>) =>
    m.products
      .map((p) => ({
        p,
        n: rankSubjects(
          index.plan,
          index.columns,
          compileTarget(index.plan, index.columns, p)!,
          Infinity,
        )!.length,
      }))
      .sort((a, b) => b.n - a.n || (a.p.id < b.p.id ? -1 : 1))
      .slice(0, 10);

  test('the broadest products rank as the reference', () => {
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const products = broadest(index);
    // Most of the index is eligible: the scan reads every row.
    expect(products[products.length - 1]!.n * 8).toBeGreaterThan(m.enterprises.length);
    for (const { p } of products)
      for (const k of [1, 25, 400]) expectScanAsReference(profile, index, p, k);
  });

  test('with removed enterprises in the columns, they rank as the reference over the others', () => {
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    // Every ninth enterprise removed: a tenth of the rows, under the compaction threshold.
    const removed = new Set(m.enterprises.filter((_, i) => i % 9 === 4).map((e) => e.id));
    for (const id of removed) index.columns.remove(id);
    expect(index.columns.rowCount).toBe(m.enterprises.length);
    const live = m.enterprises.filter((e) => !removed.has(e.id));
    for (const { p } of broadest(index))
      for (const k of [1, 25, 400]) expectScanAsReference(profile, index, p, k, { subjects: live });
  });

  test('after enterprises are rewritten with new amounts and terms, they rank as the reference', () => {
    const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
    // Every product ranked once first: the postings the marks read exist before the change.
    broadest(index);
    // Every fifth enterprise gets an amount and a term no other has (new value codes for the
    // kernel rules) and keeps its keys: the columns change under the postings the marks use.
    const changed = m.enterprises.map((e, i) =>
      i % 5 === 2
        ? { ...e, need: { ...e.need, amount: 1_000_003 + i * 7, termMonths: 1 + (i % 119) } }
        : e,
    );
    for (let i = 2; i < changed.length; i += 5) index.columns.upsert(changed[i]!);
    for (const { p } of broadest(index))
      for (const k of [1, 25, 400])
        expectScanAsReference(profile, index, p, k, { subjects: changed });
  });
});
