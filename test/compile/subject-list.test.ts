/**
 * The id-ordered subject list of a compiled subject ranker (`compileSubjects`): changes are
 * merged into it when it is next read, and `find` answers by id in between. Whatever the order
 * of upserts, removals and reads, the list, the lookups and the removal counts must be those
 * of the records as they stand, on the columnar path and on the reference path alike.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compileSubjects } from '../../src/compile/compile.js';
import { createEnterpriseIndex } from '../../src/engine/matchers/index.js';
import { UnknownIdError } from '../../src/errors.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { AS_OF, preparedOver, referenceOnly, smallMarket } from './helpers.js';

const m = smallMarket();
/** Ids drawn from a small pool, so operations hit the same records again and again. */
const POOL = m.enterprises.slice(0, 40);
const BASE = POOL.slice(0, 20);
const product = m.products[0]!;

/** One step: upsert records of the pool (a changed copy each), remove ids, or read. */
type Step =
  | { op: 'upsert'; picks: number[]; bump: number }
  | { op: 'remove'; picks: number[]; unknown: boolean }
  | { op: 'read' }
  | { op: 'find'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('upsert' as const),
    // Repeated picks: the last record of an id in a batch wins.
    picks: fc.array(fc.nat(POOL.length - 1), { minLength: 1, maxLength: 5 }),
    bump: fc.integer({ min: 1, max: 9 }),
  }),
  fc.record({
    op: fc.constant('remove' as const),
    picks: fc.uniqueArray(fc.nat(POOL.length - 1), { maxLength: 4 }),
    unknown: fc.boolean(),
  }),
  fc.constant({ op: 'read' as const }),
  fc.record({ op: fc.constant('find' as const), pick: fc.nat(POOL.length - 1) }),
);

/** A copy of `e` that differs from it (its employees), marked by the batch and position. */
function changed(e: Enterprise, bump: number, at: number): Enterprise {
  return { ...e, employees: e.employees + bump * 10 + at };
}

describe('the subject list under upserts and removals', () => {
  const { env, prepared } = preparedOver(BASE);
  const profiles = { columnar: prepared, reference: referenceOnly(prepared) };
  for (const [path, profile] of Object.entries(profiles)) {
    test(`${path} path: the list, lookups and removal counts are those of the current records`, () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
          const ranker = compileSubjects<Enterprise, FinancialProduct>(profile, env, BASE);
          const model = new Map(BASE.map((e) => [e.id, e]));
          const expectList = () => {
            const list = ranker.subjects;
            expect(list.map((e) => e.id)).toEqual([...model.keys()].sort());
            for (const e of list) expect(e).toBe(model.get(e.id));
            expect(Object.isFrozen(list)).toBe(true);
            // Unchanged since: the same array.
            expect(ranker.subjects).toBe(list);
          };
          for (const s of steps) {
            if (s.op === 'upsert') {
              const records = s.picks.map((p, at) => changed(POOL[p]!, s.bump, at));
              ranker.upsert(records);
              for (const r of records) model.set(r.id, r);
            } else if (s.op === 'remove') {
              const ids = s.picks.map((p) => POOL[p]!.id);
              const present = ids.filter((id) => model.has(id)).length;
              const asked = new Set([...ids, ...(s.unknown ? ['no-such-id'] : [])]);
              expect(ranker.remove(asked)).toBe(present);
              for (const id of ids) model.delete(id);
            } else if (s.op === 'read') expectList();
            else {
              const id = POOL[s.pick]!.id;
              expect(ranker.find(id)).toBe(model.get(id));
            }
          }
          expectList();
          for (const e of POOL) expect(ranker.find(e.id)).toBe(model.get(e.id));
        }),
        { numRuns: 60 },
      );
    });
  }

  test('an index explains the record upserted last, and not a removed one, by id', () => {
    const index = createEnterpriseIndex(BASE, { asOf: AS_OF });
    const [first, second] = BASE;
    const poorer = { ...first!, need: { ...first!.need, amount: first!.need.amount * 40 } };
    index.upsertEnterprises([poorer]);
    index.removeEnterprises([second!.id]);
    // Neither change has been read through index.enterprises yet.
    const rebuilt = createEnterpriseIndex(
      BASE.map((e) => (e.id === first!.id ? poorer : e)).filter((e) => e.id !== second!.id),
      { asOf: AS_OF },
    );
    expect(index.explain(first!.id, product)).toEqual(rebuilt.explain(first!.id, product));
    expect(() => index.explain(second!.id, product)).toThrow(UnknownIdError);
  });
});
