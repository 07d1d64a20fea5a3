/**
 * Kernel rules on coded columns: a scan whose candidates outnumber the column's distinct values
 * computes every value's pass state in one loop (`kernelRulePassAll`; a rule with an interval
 * form, as amountRange and termRange, compares the values with its ends instead of calling the
 * kernel, and the scan then filters such a rule through the table); the states are the
 * kernel's on each value, whichever way they were computed, and rankings equal the reference.
 */
import { describe, expect, test } from 'vitest';
import { enterpriseProductProfile } from '../../src/index.js';
import { rankPairs } from '../../src/compile/reference.js';
import { compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const profile = enterpriseProductProfile();
/** Pass states of a kernel rule's table (prospect.ts): not computed, failed, passed. */
const [UNKNOWN, FAIL, PASS] = [0, 1, 2];

describe('kernelRulePassAll', () => {
  const index = FastSubjectIndex.create(profile, env, m.enterprises)!;
  const { plan, columns } = index;
  const coded = plan.rules
    .map((r, j) => ({ r, j }))
    .filter(({ r }) => r.kind === 'kernel' && columns.numberCodes[r.column] !== null);

  test('the profile has kernel rules on coded columns with fewer values than subjects', () => {
    expect(coded.length).toBeGreaterThan(0);
    for (const { r } of coded)
      expect(columns.numberValues[(r as { column: number }).column]!.length).toBeLessThan(
        columns.size,
      );
  });

  test('the coded kernel rules include interval rules', () => {
    const intervals = coded.filter(
      ({ j }) => compileTarget(plan, columns, m.products[0]!)!.ruleIntervals[j],
    );
    expect(intervals.map(({ r }) => r.rule.name).sort()).toEqual(['amountRange', 'termRange']);
  });

  test('every state is the kernel’s on its value, computed in bulk or one by one', () => {
    for (const product of m.products.slice(0, 30)) {
      const bulk = compileTarget(plan, columns, product)!;
      const single = compileTarget(plan, columns, product)!;
      for (const { r, j } of coded) {
        const column = (r as { column: number }).column;
        const values = columns.numberValues[column]!;
        // Some states computed one by one first, the rest in bulk.
        for (let code = 0; code < values.length; code += 3) bulk.kernelRulePass(j, code);
        bulk.kernelRulePassAll(j);
        for (let code = 0; code < values.length; code++) {
          const state = bulk.kernelPassTables[j]![code]!;
          expect(state).not.toBe(UNKNOWN);
          expect(state).toBe(single.kernelRulePass(j, code));
          expect(state).toBe(bulk.ruleKernels[j]!(values[code]!) !== 0 ? PASS : FAIL);
        }
      }
    }
  });

  test('broad scans rank as the reference loop', () => {
    for (const product of m.products.slice(0, 20)) {
      const compiled = compileTarget(plan, columns, product)!;
      const rows = rankSubjects(plan, columns, compiled, 25)!;
      const want = rankPairs(
        profile,
        m.enterprises.map((e) => ({ id: e.id, ctx: { subject: e, target: product, ...env } })),
        25,
        false,
      );
      expect(rows.map((r) => [columns.ids[r.row], r.score])).toEqual(
        want.map((w) => [w.id, w.score]),
      );
    }
  });
});
