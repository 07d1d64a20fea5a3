/**
 * Outcomes shared between compiled targets (`SharedOutcomes`): a part that declares
 * `targetFields` is computed once per key for every target agreeing on those fields. Tables,
 * rankings and invalid-value handling are the same as without sharing; only the calls go.
 */
import { describe, expect, test } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { defineProfile, enterpriseProductProfile } from '../../src/index.js';
import { rankPairs } from '../../src/compile/reference.js';
import { compileTarget, EAGER_KEY_LIMIT, rankSubjects } from '../../src/compile/prospect.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { INVALID, KernelMemo, KNOWN, SharedOutcomes } from '../../src/compile/shared-outcomes.js';
import type { EligibilityRule, Factor, KeyEnv, Profile } from '../../src/engine/types.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const base = enterpriseProductProfile();
type P = Profile<Enterprise, FinancialProduct>;

/** The profile with every part's `targetFields` removed (no sharing). */
function withoutTargetFields(profile: P): P {
  const strip = <X extends { targetFields?: readonly string[] }>(part: X): X => {
    const { targetFields: _, ...rest } = part;
    return rest as X;
  };
  return defineProfile({
    ...profile,
    rules: profile.rules.map((r) => strip(r)),
    factors: profile.factors.map(({ factor, weight }) => ({ factor: strip(factor), weight })),
  });
}

/** Two products of one template: equal in every field the shipped parts read. */
function twin(product: FinancialProduct, n: number): FinancialProduct {
  return { ...product, id: `${product.id}-twin-${n}`, name: `${product.name}（${n}）`, text: '' };
}

describe('SharedOutcomes', () => {
  const rule = base.rules.find((r) => r.name === 'stage')!;
  const factor = base.factors.find((f) => f.factor.name === 'amountFit')!.factor;
  const p = m.products[0]!;

  test('targets equal on the declared fields share one memo; others do not', () => {
    const shared = new SharedOutcomes();
    const a = shared.rule(5, rule, p)!;
    expect(a).not.toBeNull();
    expect(shared.rule(5, rule, twin(p, 1))).toBe(a);
    expect(shared.rule(5, rule, { ...p, stages: ['seed'] })).not.toBe(a);
    // Another position in the plan is another part.
    expect(shared.rule(6, rule, p)).not.toBe(a);
    // Field order inside a value does not matter; the value does.
    const amount = { max: p.amount.max, min: p.amount.min };
    expect(shared.kernel(3, factor, { ...p, amount }, 100)).toBe(shared.kernel(3, factor, p, 100));
    expect(shared.kernel(3, factor, { ...p, amount: { ...amount, min: 1 } }, 100)).not.toBe(
      shared.kernel(3, factor, p, 100),
    );
  });

  test('no memo without targetFields, or for values that are not plain JSON data', () => {
    const shared = new SharedOutcomes();
    const { targetFields: _, ...undeclared } = rule;
    expect(shared.rule(0, undeclared as EligibilityRule<Enterprise, FinancialProduct>, p)).toBe(
      null,
    );
    const odd = { ...p, stages: new Set(p.stages) } as unknown as FinancialProduct;
    expect(shared.rule(0, rule, odd)).toBeNull();
    const nan = { ...p, amount: { min: NaN, max: 1 } };
    expect(shared.kernel(0, factor, nan, 100)).toBeNull();
  });

  test('an absent field and an undefined one are the same value', () => {
    const shared = new SharedOutcomes();
    const years = base.rules.find((r) => r.name === 'yearsOperating')!;
    const { minYearsOperating: _, ...absent } = p;
    expect(shared.rule(0, years, { ...p, minYearsOperating: undefined })).toBe(
      shared.rule(0, years, absent as FinancialProduct),
    );
  });

  test('memos grow as entries are set and the oldest go past the byte limit', () => {
    const shared = new SharedOutcomes(4096);
    const stage = shared.rule(0, rule, p)!;
    stage.set(10, 2);
    const stageFit = base.factors.find((f) => f.factor.name === 'stageFit')!.factor;
    const fit = shared.factor(1, stageFit, p)!;
    fit.set(3, KNOWN, 0.5);
    fit.set(4, INVALID);
    expect([stage.states[10], stage.states[11]]).toEqual([2, 0]);
    expect([fit.states[3], fit.values[3], fit.states[4], fit.states[5]]).toEqual([
      KNOWN,
      0.5,
      INVALID,
      0,
    ]);
    expect(shared.stats()).toEqual({ memos: 2, bytes: stage.bytes + fit.bytes });
    // A kernel memo by value code, in slot form.
    const a = shared.kernel(2, factor, p, 100)!;
    expect([a.get(7), a.slots.length]).toEqual([undefined, 100]);
    a.set(7, 0.25);
    a.set(150, NaN);
    expect([a.get(7), a.get(150), a.get(8), a.get(10_000)]).toEqual([
      0.25,
      NaN,
      undefined,
      undefined,
    ]);
    expect(a.slots.length).toBeGreaterThan(150);
    // Past 4 KB the oldest memos go, never the one that grew.
    const b = shared.kernel(2, factor, { ...p, amount: { min: 1, max: 2 } }, 100)!;
    for (let code = 0; code < 600; code++) b.set(code, code / 600);
    expect(shared.stats().memos).toBe(1);
    expect(shared.stats().bytes).toBe(b.bytes);
    expect(shared.kernel(2, factor, p, 100)).not.toBe(a);
    // A dropped memo still works for the targets holding it.
    a.set(5000, 0.75);
    expect(a.get(5000)).toBe(0.75);
    expect(a.get(7)).toBe(0.25);
  });
});

describe('KernelMemo.fill', () => {
  // Six rows over four value codes (values 10, 20, 30, NaN).
  const numberValues = [10, 20, 30, NaN];
  const codes = Uint8Array.from([0, 1, 0, 2, 3, 1]);
  const half = (x: number) => x / 2;

  test('computes each candidate code once, in one growth, and says whether one is NaN', () => {
    const memo = new KernelMemo(null, '', 2);
    const calls: number[] = [];
    const kernel = (x: number) => (calls.push(x), half(x));
    expect(memo.fill(Int32Array.from([0, 1, 2]), 3, codes, kernel, numberValues)).toBe(false);
    expect(calls).toEqual([10, 20]);
    expect([memo.get(0), memo.get(1), memo.get(2), memo.get(3)]).toEqual([
      5,
      10,
      undefined,
      undefined,
    ]);
    expect(memo.slots.length).toBeGreaterThanOrEqual(numberValues.length);
    // Rows 3 and 4 add codes 2 and 3; row 5's code 1 is known. Code 3's value is NaN.
    expect(memo.fill(Int32Array.from([3, 4, 5, 0]), 4, codes, kernel, numberValues)).toBe(true);
    expect(calls).toEqual([10, 20, 30, NaN]);
    expect(memo.get(2)).toBe(15);
    // Only candidates count: the NaN code is known but not among these rows.
    expect(memo.fill(Int32Array.from([0, 1, 9]), 2, codes, kernel, numberValues)).toBe(false);
    expect(calls).toHaveLength(4);
  });

  test('candidates outnumbering the values: every value at once, then no visit when none is NaN', () => {
    const memo = new KernelMemo(null, '', 3);
    const calls: number[] = [];
    const kernel = (x: number) => (calls.push(x), half(x));
    const three = [10, 20, 30];
    // Six candidates over three values (codes 0, 1, 0, 2, …): each value computed once.
    const rows = Int32Array.from([0, 1, 2, 3, 0, 1]);
    expect(memo.fill(rows, 6, Uint8Array.from([0, 1, 0, 2]), kernel, three)).toBe(false);
    expect(calls).toEqual([10, 20, 30]);
    expect([memo.get(0), memo.get(1), memo.get(2)]).toEqual([5, 10, 15]);
    // Complete, no NaN: answered without a call (a candidate array it cannot read is not read).
    expect(memo.fill(new Int32Array(0), 9, Uint8Array.from([0]), kernel, three)).toBe(false);
    expect(calls).toHaveLength(3);
    // With a NaN among the values the candidates are visited: NaN only if one of them has it.
    const withNaN = new KernelMemo(null, '', 4);
    expect(withNaN.fill(Int32Array.from([0, 1, 2, 3, 4]), 5, codes, half, numberValues)).toBe(true);
    expect(withNaN.fill(Int32Array.from([0, 1, 2, 0, 1]), 5, codes, half, numberValues)).toBe(
      false,
    );
    expect(withNaN.get(3)).toBeNaN();
  });

  test('candidates outnumbering the values, within an interval: only the values in it, then no visit', () => {
    const memo = new KernelMemo(null, '', 5);
    const calls: number[] = [];
    const kernel = (x: number) => (calls.push(x), half(x));
    // Five values; the candidates' (rows 0, 1, 2, 4, 5: codes 1, 2, 1, 2, 1) lie in [15, 30].
    const five = [10, 20, 30, 40, NaN];
    const fiveCodes = Uint8Array.from([1, 2, 1, 0, 2, 1]);
    const rows = Int32Array.from([0, 1, 2, 4, 5, 0]);
    expect(memo.fill(rows, 6, fiveCodes, kernel, five, [15, 30])).toBe(false);
    // 10, 40 and NaN lie outside: not computed.
    expect(calls).toEqual([20, 30]);
    expect([0, 1, 2, 3, 4].map((c) => memo.get(c))).toEqual([
      undefined,
      10,
      15,
      undefined,
      undefined,
    ]);
    // Covered, no NaN: answered without a call or a visit, for the interval or one inside it.
    expect(memo.fill(new Int32Array(0), 9, fiveCodes, kernel, five, [15, 30])).toBe(false);
    expect(memo.fill(new Int32Array(0), 9, fiveCodes, kernel, five, [20, 25])).toBe(false);
    expect(calls).toHaveLength(2);
    // A wider interval is not covered: its values are computed too.
    expect(
      memo.fill(Int32Array.from([3, 0, 1, 2, 4, 5]), 6, fiveCodes, kernel, five, [5, 30]),
    ).toBe(false);
    expect(calls).toEqual([20, 30, 10]);
    // A value added to the column since (code 5, in the interval) is not covered either.
    const six = [...five, 25];
    const sixCodes = Uint8Array.from([1, 2, 1, 0, 2, 5, 1]);
    expect(
      memo.fill(Int32Array.from([0, 1, 2, 4, 5, 6, 0]), 7, sixCodes, kernel, six, [15, 30]),
    ).toBe(false);
    expect(calls).toEqual([20, 30, 10, 25]);
    expect(memo.get(5)).toBe(12.5);
  });

  test('a narrow fill inside a covered interval reads no candidate; overlapping intervals widen it', () => {
    const memo = new KernelMemo(null, '', 6);
    const calls: number[] = [];
    const kernel = (x: number) => (calls.push(x), half(x));
    const six = [10, 20, 30, 40, 50, 60];
    // Eight rows over the codes 0–5 (values 10–60).
    const codes = Uint8Array.from([1, 2, 1, 2, 3, 4, 0, 5]);
    /** `rows` as a candidate array that counts the reads of its entries. */
    let reads = 0;
    const counted = (rows: number[]) =>
      new Proxy(Int32Array.from(rows), {
        get(target, key) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key) as unknown;
        },
      });
    expect(memo.fill(Int32Array.from([0, 1, 2, 3, 0, 1, 2]), 7, codes, kernel, six, [15, 30])).toBe(
      false,
    );
    expect(calls).toEqual([20, 30]);
    // Fewer candidates than values (no fill by value): answered from the coverage, unread.
    expect(memo.fill(counted([1, 2]), 2, codes, kernel, six, [15, 30])).toBe(false);
    expect(memo.fill(counted([1]), 1, codes, kernel, six, [20, 30])).toBe(false);
    expect(reads).toBe(0);
    // An overlapping interval widens the coverage to [15, 45]: then [25, 45] is answered too.
    expect(memo.fill(Int32Array.from([1, 3, 4, 1, 3, 4, 4]), 7, codes, kernel, six, [25, 45])).toBe(
      false,
    );
    expect(calls).toEqual([20, 30, 40]);
    expect(memo.fill(counted([4, 1]), 2, codes, kernel, six, [15, 45])).toBe(false);
    expect(reads).toBe(0);
    // A disjoint interval replaces it: [15, 45] is no longer covered, its candidates are read.
    expect(memo.fill(Int32Array.from([5, 7, 5, 7, 5, 7, 7]), 7, codes, kernel, six, [50, 60])).toBe(
      false,
    );
    expect(calls).toEqual([20, 30, 40, 50, 60]);
    expect(memo.fill(counted([4, 1]), 2, codes, kernel, six, [15, 45])).toBe(false);
    expect(reads).toBeGreaterThan(0);
    expect(calls).toHaveLength(5);
  });

  test('within an interval, a NaN among the values computed sends the candidates to be visited', () => {
    const memo = new KernelMemo(null, '', 3);
    // The kernel abstains (NaN) at 20, which is in the interval: only candidates holding it say so.
    const kernel = (x: number) => (x === 20 ? NaN : half(x));
    const three = [10, 20, 30];
    const threeCodes = Uint8Array.from([1, 2, 1, 2, 2]);
    expect(
      memo.fill(Int32Array.from([0, 1, 2, 3, 4]), 5, threeCodes, kernel, three, [15, 30]),
    ).toBe(true);
    expect(
      memo.fill(Int32Array.from([1, 3, 4, 1, 3]), 5, threeCodes, kernel, three, [15, 30]),
    ).toBe(false);
    expect(memo.get(0)).toBeUndefined();
  });

  test('a kernel that throws leaves the values computed before it, and no slot dangling', () => {
    const memo = new KernelMemo(null, '', 4);
    const failing = (x: number) => {
      if (x === 30) throw new Error('no');
      return half(x);
    };
    expect(() => memo.fill(Int32Array.from([0, 1, 3]), 3, codes, failing, numberValues)).toThrow(
      'no',
    );
    expect([memo.get(0), memo.get(1), memo.get(2)]).toEqual([5, 10, undefined]);
    memo.set(2, 99);
    expect([memo.get(0), memo.get(1), memo.get(2)]).toEqual([5, 10, 99]);
  });

  test('a shared memo accounts its growth in the index’s outcomes', () => {
    const shared = new SharedOutcomes();
    const amountFit = base.factors.find((f) => f.factor.name === 'amountFit')!.factor;
    const memo = shared.kernel(0, amountFit, m.products[0]!, 1)!;
    const rows = Int32Array.from({ length: 600 }, (_, i) => i);
    const many = Uint16Array.from(rows);
    const values = Array.from(rows, (i) => i);
    memo.fill(rows, rows.length, many, half, values);
    expect(memo.get(599)).toBe(299.5);
    expect(shared.stats().bytes).toBe(memo.bytes);
  });
});

describe('compiled targets with shared outcomes', () => {
  const index = FastSubjectIndex.create(base, env, m.enterprises)!;
  const { plan, columns } = index;

  test('tables, flags and rankings equal an unshared compilation, in any order', () => {
    const shared = new SharedOutcomes();
    const products = [
      ...m.products.slice(0, 30),
      ...m.products.slice(0, 30).map((x) => twin(x, 1)),
    ];
    for (const product of [...products].reverse()) {
      const alone = compileTarget(plan, columns, product)!;
      const withShared = compileTarget(plan, columns, product, EAGER_KEY_LIMIT, shared)!;
      expect(withShared.passTables).toEqual(alone.passTables);
      expect(withShared.valueTables).toEqual(alone.valueTables);
      expect(withShared.maxValue).toEqual(alone.maxValue);
      expect(withShared.abstains).toEqual(alone.abstains);
      expect(withShared.constant).toEqual(alone.constant);
      for (const k of [1, 10, 60]) {
        const a = rankSubjects(plan, columns, compileTarget(plan, columns, product)!, k)!;
        const b = rankSubjects(plan, columns, withShared, k)!;
        expect(b).toEqual(a);
      }
    }
    expect(shared.stats().memos).toBeGreaterThan(0);
  });

  test('a second target of a template calls the parts for no key the first computed', () => {
    let calls = 0;
    const stage = base.rules.find((r) => r.name === 'stage')!;
    const counted: EligibilityRule<Enterprise, FinancialProduct> = {
      ...stage,
      test: (ctx) => {
        calls++;
        return stage.test!(ctx);
      },
    };
    const sector = base.factors.find((f) => f.factor.name === 'sectorFit')!;
    let scores = 0;
    const countedFactor: Factor<Enterprise, FinancialProduct> = {
      ...sector.factor,
      uniformValue: undefined,
      score: (ctx) => {
        scores++;
        return sector.factor.score(ctx);
      },
    };
    const profile = defineProfile({
      ...base,
      rules: base.rules.map((r) => (r.name === 'stage' ? counted : r)),
      factors: base.factors.map((f) =>
        f.factor.name === 'sectorFit' ? { factor: countedFactor, weight: f.weight } : f,
      ),
    });
    const own = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const product = m.products.find((x) => x.targetSectors.length > 0)!;
    own.rank(product, 20, false);
    expect(calls).toBeGreaterThan(0);
    expect(scores).toBeGreaterThan(0);
    const [firstCalls, firstScores] = [calls, scores];
    const a = own.rank(twin(product, 1), 20, false)!;
    expect([calls, scores]).toEqual([firstCalls, firstScores]);
    // The same ranking as the first product's, under the twin's id.
    const b = own.rank(product, 20, false)!;
    expect(a.map((r) => [r.id, r.score])).toEqual(b.map((r) => [r.id, r.score]));
  });

  test('an invalid value found for one target is found for every target sharing it', () => {
    const stageFit = base.factors.find((f) => f.factor.name === 'stageFit')!;
    const broken: Factor<Enterprise, FinancialProduct> = {
      ...stageFit.factor,
      score: (ctx) => (ctx.subject.stage === 'mature' ? 2 : stageFit.factor.score(ctx)),
    };
    const profile = defineProfile({
      ...base,
      factors: base.factors.map((f) =>
        f.factor.name === 'stageFit' ? { factor: broken, weight: f.weight } : f,
      ),
    });
    const own = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const product = m.products.find((x) => x.stages.includes('mature'))!;
    const shared = new SharedOutcomes();
    expect(compileTarget(own.plan, own.columns, product, EAGER_KEY_LIMIT, shared)).toBeNull();
    expect(
      compileTarget(own.plan, own.columns, twin(product, 2), EAGER_KEY_LIMIT, shared),
    ).toBeNull();
  });

  test('a coded kernel factor’s values are the shared memo’s, or the target’s own', () => {
    const shared = new SharedOutcomes();
    const amountFit = plan.factors.findIndex((p) => p.factor.name === 'amountFit');
    const product = m.products[12]!;
    const a = compileTarget(plan, columns, product, EAGER_KEY_LIMIT, shared)!;
    const b = compileTarget(plan, columns, twin(product, 5), EAGER_KEY_LIMIT, shared)!;
    const alone = compileTarget(plan, columns, product)!;
    expect(a.kernelMemo(amountFit)).not.toBeNull();
    expect(b.kernelMemo(amountFit)).toBe(a.kernelMemo(amountFit));
    expect(alone.kernelMemo(amountFit)).not.toBeNull();
    expect(alone.kernelMemo(amountFit)).not.toBe(a.kernelMemo(amountFit));
    expect(shared.stats().memos).toBeGreaterThan(0);
    const before = shared.stats().bytes;
    rankSubjects(plan, columns, alone, 30);
    // A target's own memo is not accounted in the index's shared outcomes.
    expect(shared.stats().bytes).toBe(before);
    rankSubjects(plan, columns, a, 30);
    const rows = Int32Array.from({ length: Math.ceil(columns.rowCount / 37) }, (_, i) => i * 37);
    const [knownA, knownB, knownAlone] = [a, b, alone].map((c) => c.knownValues(rows));
    rows.forEach((_, i) => {
      expect(knownB!(i, amountFit)).toBe(knownAlone!(i, amountFit));
      expect(knownA!(i, amountFit)).toBe(knownAlone!(i, amountFit));
    });
  });

  test('a kernel value another target computed as an abstention marks this one too', () => {
    const amountFit = base.factors.find((f) => f.factor.name === 'amountFit')!.factor;
    const kernel = amountFit.kernel!;
    const amounts = m.enterprises.map((e) => e.need.amount).sort((x, y) => x - y);
    const cut = amounts[amounts.length >> 1]!;
    // Abstains above the median amount, else the amount fit.
    const halfKernel = {
      ...kernel,
      compile: (t: FinancialProduct, e: KeyEnv) => {
        const fit = kernel.compile(t, e);
        return (x: number) => (x > cut ? NaN : fit(x));
      },
    };
    const half: Factor<Enterprise, FinancialProduct> = {
      ...amountFit,
      kernel: halfKernel,
      score: (ctx) => {
        const v = halfKernel.compile(ctx.target, ctx)(ctx.subject.need.amount);
        return v === v ? v : null;
      },
    };
    const profile = defineProfile({
      ...base,
      factors: base.factors.map((f) =>
        f.factor.name === 'amountFit' ? { factor: half, weight: f.weight } : f,
      ),
    });
    const own = FastSubjectIndex.create(profile, env, m.enterprises)!;
    const f = own.plan.factors.findIndex((p) => p.factor.name === 'amountFit');
    const product = m.products.find((x) => x.amount.max > cut && x.amount.min < cut)!;
    const shared = new SharedOutcomes();
    const first = compileTarget(own.plan, own.columns, product, EAGER_KEY_LIMIT, shared)!;
    const ranked = rankSubjects(own.plan, own.columns, first, 25)!;
    expect(first.abstains[f]).toBe(1);
    const second = compileTarget(own.plan, own.columns, twin(product, 6), EAGER_KEY_LIMIT, shared)!;
    expect(second.abstains[f]).toBe(0);
    expect(rankSubjects(own.plan, own.columns, second, 25)).toEqual(ranked);
    expect(second.abstains[f]).toBe(1);
    const want = rankPairs(
      profile,
      m.enterprises.map((e) => ({ id: e.id, ctx: { subject: e, target: product, ...env } })),
      25,
      false,
    );
    expect(ranked.map((r) => [own.columns.ids[r.row], r.score])).toEqual(
      want.map((w) => [w.id, w.score]),
    );
  });

  test('an index ranks as the same profile without targetFields, and as the reference', () => {
    const plain = FastSubjectIndex.create(withoutTargetFields(base), env, m.enterprises)!;
    for (const product of m.products.slice(40, 100)) {
      for (const target of [product, twin(product, 3)]) {
        const a = index.rank(target, 15, false)!;
        const b = plain.rank(target, 15, false)!;
        expect(a.map((r) => [r.id, r.score])).toEqual(b.map((r) => [r.id, r.score]));
      }
    }
    const product = m.products[77]!;
    const want = rankPairs(
      base,
      m.enterprises.map((e) => ({ id: e.id, ctx: { subject: e, target: product, ...env } })),
      15,
      false,
    );
    expect(index.rank(twin(product, 4), 15, false)!.map((r) => [r.id, r.score])).toEqual(
      want.map((w) => [w.id, w.score]),
    );
  });
});

describe('options', () => {
  const index = FastSubjectIndex.create(base, env, m.enterprises)!;
  const product = m.products[0]!;
  const optionOf = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(OptionError);
      return (error as OptionError).option;
    }
    throw new Error('no error thrown');
  };

  test('compileTarget names a bad eagerLimit or shared memo', () => {
    for (const limit of [-1, 1.5, NaN, '8' as unknown as number])
      expect(optionOf(() => compileTarget(index.plan, index.columns, product, limit))).toBe(
        'eagerLimit',
      );
    for (const shared of [{}, new Map(), 'memo'] as unknown as SharedOutcomes[])
      expect(optionOf(() => compileTarget(index.plan, index.columns, product, 16, shared))).toBe(
        'shared',
      );
    expect(compileTarget(index.plan, index.columns, product, Infinity)).not.toBeNull();
    const shared = new SharedOutcomes();
    expect(compileTarget(index.plan, index.columns, product, 16, shared)).not.toBeNull();
    expect(shared.stats().memos).toBeGreaterThan(0);
  });

  test('SharedOutcomes names a bad byte bound', () => {
    for (const bytes of [-1, 0.5, Infinity])
      expect(optionOf(() => new SharedOutcomes(bytes))).toBe('maxBytes');
    expect(new SharedOutcomes(0).stats()).toEqual({ memos: 0, bytes: 0 });
  });
});
