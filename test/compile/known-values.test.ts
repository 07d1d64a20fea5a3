/**
 * A compiled target knows the value of its key and kernel factors for any row without calling
 * them (the results are materialised from these): a kernel factor's value is its `score` on the
 * row's subject, a key factor's its table entry (NaN = abstains), other factors are unknown.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { enterpriseProductProfile } from '../../src/index.js';
import { compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const profile = enterpriseProductProfile();
const index = FastSubjectIndex.create(profile, env, m.enterprises)!;

describe('CompiledTarget.knownValues', () => {
  test('kernel and key factors: the value the factor’s score gives for the row', () => {
    const kinds = new Set(index.plan.factors.map((p) => p.kind));
    expect(kinds.has('kernel')).toBe(true);
    expect(kinds.has('key')).toBe(true);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: m.products.length - 1 }),
        fc.array(fc.integer({ min: 0, max: index.columns.rowCount - 1 }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.boolean(),
        (p, rows, ranked) => {
          const product = m.products[p]!;
          const compiled = compileTarget(index.plan, index.columns, product)!;
          // Before and after a scan (which fills kernel tables as it goes). Key tables hold the
          // keys eligible rows can hold (a key an eager rule fails is never computed): checked
          // on the ranked rows; kernels on any row.
          const eligible = ranked
            ? rankSubjects(index.plan, index.columns, compiled, 20)!.map((r) => r.row)
            : [];
          // All rows read at once, factor by factor (repeated rows among them).
          const all = [...rows, ...eligible];
          const knownOf = compiled.knownValues(Int32Array.from(all));
          all.forEach((row, i) => {
            const subject = index.columns.subjects[row]!;
            index.plan.factors.forEach((plan, f) => {
              const known = knownOf(i, f);
              if (plan.kind !== 'key' && plan.kind !== 'kernel') {
                expect(known).toBeUndefined();
                return;
              }
              if (plan.kind === 'key' && !eligible.includes(row)) return;
              const { factor } = profile.factors[f]!;
              const want = factor.score({ subject, target: product, ...env });
              expect(Object.is(known, want ?? NaN)).toBe(true);
            });
          });
        },
      ),
      { numRuns: 25 },
    );
  });
});
