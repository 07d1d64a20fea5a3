import { describe, expect, it, vi } from 'vitest';
import { defineRule, testThroughKernel } from '../../../src/engine/rules/index.js';
import { resolvePartOptions, unitInterval } from '../../../src/engine/rules/options.js';
import type { NumericKernel, PairContext } from '../../../src/engine/types.js';
import { OptionError } from '../../../src/errors.js';

type S = { n: number };
type T = { max: number };
const ctx = (n: number, max: number): PairContext<S, T> => ({
  subject: { n },
  target: { max },
  asOf: '2026-06-30',
  locale: 'en',
  reference: {},
});

describe('defineRule', () => {
  it('builds check from test; the description supplies text only, failure text lazily', () => {
    const failure = vi.fn(() => ({
      message: { zh: '超过', en: 'too large' },
      hint: { zh: '减少', en: 'use less' },
    }));
    const rule = defineRule<S, T>({
      name: 'atMost',
      description: { zh: '', en: '' },
      test: ({ subject, target }) => subject.n <= target.max,
      describe: ({ subject, target }) => ({ actual: subject.n, required: target.max, failure }),
      spec: { kind: 'atMost' },
    });
    expect(rule.check(ctx(1, 2))).toEqual({ passed: true, actual: 1, required: 2 });
    expect(failure).not.toHaveBeenCalled();
    expect(rule.check(ctx(3, 2))).toEqual({
      passed: false,
      reason: { rule: 'atMost', message: 'too large', actual: 3, required: 2, hint: 'use less' },
    });
    expect(rule.spec).toEqual({ kind: 'atMost' });
    expect('key' in rule).toBe(false);
  });

  it('reports a pair the rule does not apply to as not applicable, in the pair’s locale', () => {
    const rule = defineRule<S, T>({
      name: 'atMost',
      description: { zh: '不超过上限', en: 'at most the maximum' },
      // A target without a maximum (Infinity) requires nothing.
      test: ({ subject, target }) => subject.n <= target.max,
      notApplicable: ({ target }) =>
        target.max === Infinity
          ? { zh: '目标不设上限', en: 'the target sets no maximum' }
          : undefined,
      describe: ({ subject, target }) => ({
        actual: subject.n,
        required: target.max,
        failure: () => ({
          message: { zh: '超过', en: 'too large' },
          hint: { zh: '减少', en: 'use less' },
          change: { key: 'atMost:lower', label: { zh: '调低', en: 'lower it' } },
        }),
      }),
    });
    expect(rule.check(ctx(5, Infinity))).toEqual({
      passed: true,
      notApplicable: 'not applicable: the target sets no maximum',
    });
    expect(rule.check({ ...ctx(5, Infinity), locale: 'zh' })).toEqual({
      passed: true,
      notApplicable: '不适用：目标不设上限',
    });
    expect(rule.check(ctx(1, 2))).toEqual({ passed: true, actual: 1, required: 2 });
    expect(rule.check(ctx(3, 2))).toMatchObject({
      passed: false,
      reason: { hint: 'use less', change: { key: 'atMost:lower', label: 'lower it' } },
    });
  });

  it('testThroughKernel decides exactly as the kernel', () => {
    const kernel: NumericKernel<S, T> = {
      columnName: 'n',
      column: (s) => s.n,
      compile: (t) => (x) => (x <= t.max ? 1 : 0),
    };
    const test = testThroughKernel(kernel);
    expect(test(ctx(2, 2))).toBe(true);
    expect(test(ctx(2.5, 2))).toBe(false);
  });
});

describe('resolvePartOptions', () => {
  const checks = { edge: unitInterval };
  it('omits empty options from the spec and copies given ones', () => {
    expect(resolvePartOptions('p', undefined, checks).spec).toEqual({ kind: 'p' });
    expect(resolvePartOptions('p', {}, checks).spec).toEqual({ kind: 'p' });
    expect(resolvePartOptions('p', { edge: undefined }, checks).spec).toEqual({ kind: 'p' });
    const given = { edge: 0.2 };
    const resolved = resolvePartOptions('p', given, checks);
    expect(resolved.spec).toEqual({ kind: 'p', options: { edge: 0.2 } });
    expect(resolved.options).not.toBe(given);
  });

  it('throws OptionErrors naming the option', () => {
    const error = (o: unknown) => {
      try {
        resolvePartOptions('p', o as object, checks);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(error({ edge: 2 })).toBeInstanceOf(OptionError);
    expect(error({ edge: 2 })).toMatchObject({ option: 'edge' });
    expect(error({ edge: Number.NaN })).toMatchObject({ option: 'edge' });
    expect(error({ other: 1 })).toMatchObject({ option: 'other' });
    expect(error(42)).toMatchObject({ option: 'options' });
    expect(error([])).toMatchObject({ option: 'options' });
  });
});
