import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeValue, escapeControl } from '../../src/util/describe.js';

describe('describeValue never throws', () => {
  test('hostile values', () => {
    const revoked = Proxy.revocable([], {});
    revoked.revoke();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const getter = Object.defineProperty({}, 'x', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    expect(describeValue(10n)).toBe('10n');
    expect(describeValue(Object.create(null))).toBe('an object');
    expect(describeValue(revoked.proxy)).toBe('an unreadable value');
    expect(describeValue(cyclic)).toBe('an object');
    expect(describeValue(getter)).toBe('an object');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
    expect(describeValue('x'.repeat(100))).toMatch(/…"$/);
  });
  test('anything at all', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true }), (v) => {
        expect(typeof describeValue(v)).toBe('string');
      }),
    );
  });
});

describe('escapeControl', () => {
  test('controls, bidi, zero-width and lone surrogates are escaped; pairs, tabs and newlines kept', () => {
    expect(escapeControl('a\u202Eb\u0007\uD800c\u200B\u009B')).toBe(
      'a\\u{202E}b\\u{7}\\u{D800}c\\u{200B}\\u{9B}',
    );
    expect(escapeControl('中文 😀\tx\ny')).toBe('中文 😀\tx\ny');
    expect(escapeControl('\u001b[31mred')).toBe('\\u{1B}[31mred');
  });
});
