import { describe, expect, it } from 'vitest';
import { ruleInterval } from '../../src/compile/intervals.js';
import type { KeyEnv, NumericKernel } from '../../src/engine/types.js';

const env = {} as KeyEnv;

/** A kernel over `{ value }` subjects whose interval form answers `answer` for every target. */
function kernelAnswering(answer: unknown): NumericKernel<{ value: number }, object> {
  return {
    columnName: 'value',
    column: (s) => s.value,
    compile: () => (x) => (x >= 0 && x <= 1 ? 1 : 0),
    interval: () => answer as readonly [number, number] | undefined,
  };
}

describe('ruleInterval', () => {
  it('takes two numbers with min ≤ max, infinite ends included', () => {
    expect(ruleInterval(kernelAnswering([0, 1]), {}, env)).toEqual([0, 1]);
    expect(ruleInterval(kernelAnswering([2, 2]), {}, env)).toEqual([2, 2]);
    expect(ruleInterval(kernelAnswering([5, Infinity]), {}, env)).toEqual([5, Infinity]);
    expect(ruleInterval(kernelAnswering([-Infinity, Infinity]), {}, env)).toEqual([
      -Infinity,
      Infinity,
    ]);
  });

  it('leaves the kernel to be called for anything else', () => {
    for (const answer of [
      undefined,
      null,
      5,
      'ab',
      [0],
      [0, 1, 2],
      { 0: 0, 1: 1, length: 2 },
      [1, 0],
      [NaN, 1],
      [0, NaN],
      ['0', 1],
      [0, 1n],
    ])
      expect(ruleInterval(kernelAnswering(answer), {}, env), String(answer)).toBeNull();
    const { interval: _omitted, ...plain } = kernelAnswering([0, 1]);
    expect(ruleInterval(plain, {}, env)).toBeNull();
  });
});
