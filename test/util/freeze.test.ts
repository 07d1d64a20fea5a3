import { describe, expect, test } from 'vitest';
import { deepFreeze } from '../../src/util/freeze.js';

describe('deepFreeze', () => {
  test('freezes nested objects and arrays, and returns the value', () => {
    const value = { a: [1, { b: 2 }], c: { d: { e: 'x' } } };
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.a)).toBe(true);
    expect(Object.isFrozen(value.a[1])).toBe(true);
    expect(Object.isFrozen(value.c.d)).toBe(true);
  });

  test('visits shared and cyclic references once; primitives pass through', () => {
    const shared = { n: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    expect(deepFreeze(cyclic)).toBe(cyclic);
    expect(Object.isFrozen(shared)).toBe(true);
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBeNull();
    expect(deepFreeze('s')).toBe('s');
  });
});
