import { describe, expect, it } from 'vitest';
import { createTextCache } from '../../src/text/cache.js';

describe('createTextCache', () => {
  it('counts hits and misses and computes once per key', () => {
    let computed = 0;
    const cache = createTextCache<string[]>({
      maxEntries: 10,
      maxSize: 100,
      sizeOf: (v) => v.length,
    });
    const compute = (key: string): string[] => {
      computed++;
      return key.split('');
    };
    cache.get('ab', compute);
    cache.get('ab', compute);
    cache.get('cd', compute);
    expect(computed).toBe(2);
    expect(cache.stats()).toEqual({
      hits: 1,
      misses: 2,
      hitRate: 1 / 3,
      entries: 2,
      size: 4,
      invalidations: 0,
    });
  });

  it('is bounded by entries and by total size', () => {
    const byEntries = createTextCache<string[]>({
      maxEntries: 2,
      maxSize: 1000,
      sizeOf: (v) => v.length,
    });
    for (const key of ['a', 'b', 'c']) byEntries.get(key, (k) => [k]);
    expect(byEntries.stats().entries).toBe(2);

    const bySize = createTextCache<string[]>({
      maxEntries: 100,
      maxSize: 5,
      sizeOf: (v) => v.length,
    });
    bySize.get('abc', (k) => k.split(''));
    bySize.get('def', (k) => k.split(''));
    expect(bySize.stats().size).toBeLessThanOrEqual(5);
    expect(bySize.stats().entries).toBe(1);
  });

  it('clear drops entries and counts an invalidation', () => {
    const cache = createTextCache<number[]>({ maxEntries: 5, maxSize: 5, sizeOf: () => 1 });
    cache.get('x', () => [1]);
    cache.clear();
    expect(cache.stats()).toMatchObject({ entries: 0, invalidations: 1 });
    cache.get('x', () => [1]);
    expect(cache.stats().misses).toBe(2);
  });
});
