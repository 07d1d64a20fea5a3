/**
 * ValueSlots: distinct values numbered by first appearance, −0 apart from 0, NaN one value,
 * the table growing past its capacity; and the slot arrays widening exactly when a slot no
 * longer fits (256 and 65,536).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValueSlots, slotArrayType, widenFor } from '../../src/compile/value-slots.js';

describe('ValueSlots', () => {
  it('numbers distinct values 1, 2, … by first appearance and reads them back exactly', () => {
    const value = fc.oneof(
      fc.constantFrom(0, -0, NaN, 1, 0.5, Infinity),
      fc.double({ min: 0, max: 1 }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (values) => {
        const slots = new ValueSlots();
        const seen: number[] = [];
        for (const v of values) {
          const slot = slots.slot(v);
          let first = seen.findIndex((s) => Object.is(s, v));
          if (first < 0) {
            seen.push(v);
            first = seen.length - 1;
          }
          expect(slot).toBe(first + 1);
          expect(Object.is(slots.values[slot], v)).toBe(true);
        }
        expect(slots.size).toBe(seen.length);
        for (const [i, v] of seen.entries()) expect(Object.is(slots.values[i + 1], v)).toBe(true);
      }),
    );
  });
});

describe('slot arrays', () => {
  it('are as narrow as the highest slot allows', () => {
    expect(slotArrayType(0xff)).toBe(Uint8Array);
    expect(slotArrayType(0x100)).toBe(Uint16Array);
    expect(slotArrayType(0xffff)).toBe(Uint16Array);
    expect(slotArrayType(0x10000)).toBe(Uint32Array);
  });

  it('widen (a copy with the same slots) only when a slot does not fit', () => {
    const bytes = Uint8Array.from([0, 3, 255]);
    expect(widenFor(bytes, 255)).toBe(bytes);
    const wide = widenFor(bytes, 256);
    expect(wide).toBeInstanceOf(Uint16Array);
    expect([...wide]).toEqual([0, 3, 255]);
    expect(widenFor(wide, 0xffff)).toBe(wide);
    const wider = widenFor(bytes, 0x10000);
    expect(wider).toBeInstanceOf(Uint32Array);
    expect([...wider]).toEqual([0, 3, 255]);
  });
});
