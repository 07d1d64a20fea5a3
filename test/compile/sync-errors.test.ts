/**
 * A compiled target's eager tables know every key: the scan applies an eager rule's table, and
 * reads an eager factor's, without computing entries. When rows bring new keys, the target
 * computes them on its next call; a rule or factor that throws there makes that call throw, as
 * the reference path does, and leaves the old table in place — so the next call computes the
 * new keys again and ranks as the reference loop does, instead of taking the ones it never
 * computed as failing (or as scoring 0).
 */
import { describe, expect, test } from 'vitest';
import { enterpriseProductProfile, extendProfile } from '../../src/index.js';
import { compileTarget, rankSubjects } from '../../src/compile/prospect.js';
import { rankPairs } from '../../src/compile/reference.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { subjectKey } from '../../src/engine/rules/subject-key.js';
import { defineRule } from '../../src/engine/rules/define-rule.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import type { EnterpriseProductContext, Factor, Profile } from '../../src/engine/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const text = { zh: '测试', en: 'test' };
/** The purpose a rewritten enterprise gets: a key no row held when the product was compiled. */
const NEW_PURPOSE = 'finmatch-test-new-purpose' as Enterprise['need']['purpose'];
const purposeKey = subjectKey(['need'], (e: Enterprise) => e.need.purpose);

/** Throws once, when armed, for a subject holding the new key; else `value`. */
function throwingOnce<V>(value: (e: Enterprise) => V) {
  const state = { armed: false };
  const call = (e: Enterprise): V => {
    if (state.armed && e.need.purpose === NEW_PURPOSE) {
      state.armed = false;
      throw new Error('transient failure');
    }
    return value(e);
  };
  return { state, call };
}

describe('a rule or factor throwing on a key first seen after compilation', () => {
  const m = smallMarket();
  const { env } = smallMarketEnv();
  const base = enterpriseProductProfile();
  const subjects = m.enterprises.slice(0, 3000);
  const product = m.products[0]!;

  function check(profile: Profile<Enterprise, FinancialProduct>, arm: () => void) {
    const index = FastSubjectIndex.create(profile, env, subjects)!;
    const compiled = compileTarget(index.plan, index.columns, product)!;
    let live = subjects;
    const reference = (k: number) =>
      rankPairs(
        profile,
        live.map((e) => ({
          id: e.id,
          group: e.region.slice(0, 2),
          ctx: { subject: e, target: product, ...env },
        })),
        k,
        false,
      );
    // The enterprise ranked first gets the new key.
    const top = reference(1)[0]!.id;
    const first = subjects.find((e) => e.id === top)!;
    const rewritten: Enterprise = { ...first, need: { ...first.need, purpose: NEW_PURPOSE } };
    index.columns.upsert(rewritten);
    live = live.map((e) => (e.id === rewritten.id ? rewritten : e));
    arm();
    expect(() => rankSubjects(index.plan, index.columns, compiled, 10)).toThrow(
      'transient failure',
    );
    const rows = rankSubjects(index.plan, index.columns, compiled, 10)!;
    const want = reference(10);
    expect(rows.map((r) => index.columns.ids[r.row])).toEqual(want.map((w) => w.id));
    rows.forEach((r, i) => expect(Math.abs(r.score - want[i]!.score)).toBeLessThan(1e-9));
    expect(rows.map((r) => index.columns.ids[r.row])).toContain(rewritten.id);
  }

  // Few rules, so the new rule is not the lead, and several eager key rules in a row (applied
  // two per pass), or with the kernel rules only.
  for (const kept of [
    ['amountRange', 'termRange', 'stage'],
    ['amountRange', 'termRange', 'stage', 'instrument', 'collateral'],
  ]) {
    test(`an eager rule (other rules: ${kept.join(', ')})`, () => {
      const gate = throwingOnce((e) => e.need.purpose !== 'mna');
      const rule = defineRule<Enterprise, FinancialProduct>({
        name: 'purposeGate',
        label: text,
        description: text,
        key: purposeKey,
        test: ({ subject }) => gate.call(subject),
        describe: ({ subject }) => ({
          actual: subject.need.purpose,
          required: null,
          failure: () => ({ message: text, hint: text }),
        }),
      });
      const names = base.rules.map((r) => r.name);
      for (const name of kept) expect(names).toContain(name);
      const profile = extendProfile(base, {
        addRules: [rule],
        dropRules: names.filter((n) => !kept.includes(n)),
      });
      check(profile, () => (gate.state.armed = true));
    });
  }

  test('an eager factor', () => {
    const value = throwingOnce((e) => (e.need.purpose === NEW_PURPOSE ? 0.9 : 0.4));
    const factor: Factor<Enterprise, FinancialProduct> = {
      name: 'purposeFit',
      side: 'subject',
      label: text,
      description: text,
      key: purposeKey,
      score: ({ subject }: EnterpriseProductContext) => value.call(subject),
    };
    const profile = extendProfile(base, { addFactors: [{ factor, weight: 3 }] });
    check(profile, () => (value.state.armed = true));
  });
});
