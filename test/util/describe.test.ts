import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeValue, escapeControl } from '../../src/util/describe.js';
import { safeJson } from '../../src/cli/context.js';

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

describe('escapeControl: noncharacters and tag characters', () => {
  test('are escaped; ordinary astral characters are kept', () => {
    expect(escapeControl('a\uFFFEb\u{E0041}c😀')).toBe('a\\u{FFFE}b\\u{E0041}c😀');
  });
});

describe('safeJson', () => {
  test('escapes what a terminal would act on, and parses back to the same value', () => {
    const value = { id: 'a\u202Eb\u{E0041}\u009B中' };
    const text = safeJson(value);
    expect(text).not.toMatch(/[\u009B\u202E]|\u{E0041}/u);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('ids', () => {
  test('noncharacters and tag characters are unsafe in ids', async () => {
    const { safeParseRecord } = await import('../../src/model/parse.js');
    const { generateMarket } = await import('../../src/generate/index.js');
    const e = generateMarket({ seed: 1, scale: 'small' }).enterprises[0]!;
    for (const id of ['a\uFFFEb', 'a\u{E0041}b']) {
      const r = safeParseRecord('enterprise', { ...e, id });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.some((i) => i.code === 'unsafe_character')).toBe(true);
    }
  });
});
