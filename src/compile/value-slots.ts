/**
 * Distinct values numbered by slot: how lazily filled factor tables hold their values.
 *
 * A factor gives few distinct values (at most 7 per shipped factor at seed scale), so a table
 * that would hold a Float64 per entry holds a small slot instead, into the factor's own table
 * of distinct values: one byte per entry until the factor outgrows 255 values, then 16 and 32
 * bits. Prospecting (per product, a slot per subject key) and the catalogue engine (per
 * subject key, a slot per target) both keep their factor values this way.
 *
 * @module
 */

/** Slots of table entries; 0 is an entry not filled yet. */
export type SlotArray = Uint8Array | Uint16Array | Uint32Array;

/** The initial capacity of a value table (slots 1–7). */
const INITIAL_VALUES = 8;

/** A factor's distinct values, numbered 1, 2, … in order of first appearance. */
export class ValueSlots {
  /** Values by slot; slot 0 is unused (an entry not filled yet). Replaced when it grows. */
  values: Float64Array;
  /** Slot by value; −0 is keyed apart from 0 (a Map keys them alike), every NaN is one key. */
  private readonly slotOf = new Map<number | string, number>();

  /** @param capacity - the value table's initial length (slots 1 to `capacity − 1`). */
  constructor(capacity = INITIAL_VALUES) {
    this.values = new Float64Array(Math.max(2, capacity));
  }

  /** The number of distinct values, which is also the highest slot. */
  get size(): number {
    return this.slotOf.size;
  }

  /** The slot of `value`: its own when seen before, else the next one. */
  slot(value: number): number {
    const key = Object.is(value, -0) ? '-0' : value;
    let slot = this.slotOf.get(key);
    if (slot === undefined) {
      slot = this.slotOf.size + 1;
      this.slotOf.set(key, slot);
      if (slot >= this.values.length) {
        const grown = new Float64Array(this.values.length * 2);
        grown.set(this.values);
        this.values = grown;
      }
      this.values[slot] = value;
    }
    return slot;
  }
}

/** The narrowest slot array type that holds slot `slot`. */
export function slotArrayType(
  slot: number,
): Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor {
  return slot > 0xffff ? Uint32Array : slot > 0xff ? Uint16Array : Uint8Array;
}

/** `slots`, widened (copied) when its type cannot hold slot `slot`; else `slots` itself. */
export function widenFor(slots: SlotArray, slot: number): SlotArray {
  if (slot > 0xffff && !(slots instanceof Uint32Array)) return Uint32Array.from(slots);
  if (slot > 0xff && slots instanceof Uint8Array) return Uint16Array.from(slots);
  return slots;
}
