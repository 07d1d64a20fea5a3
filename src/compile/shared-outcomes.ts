/**
 * Outcomes shared between the compiled targets of one index. A rule's verdict or a factor's
 * value for one subject key (or numeric value code) depends on the target only through the
 * part's declared `targetFields` ({@link EligibilityRule.targetFields}), so every target that
 * agrees on those fields can reuse what another computed: the products of one template (the
 * seed catalogue's 741 products have 7 distinct stage lists, 28 amount ranges, 95 sector
 * settings) share their stage, amount and sector entries, and a cold call compiles what no
 * earlier target of its kind has met.
 *
 * A compiled target still keeps its own tables (pass tables, value slots, bounds, flags);
 * only the call of the real rule, factor or kernel for one key is replaced by a lookup here,
 * so everything derived from the values is computed as before. Entries are filled as targets
 * compute them and never change: key ids and value codes are stable for the life of the
 * columns (see {@link SubjectColumns}), and a key's outcome is the same on any representative.
 *
 * @module
 */
import type { EligibilityRule, Factor } from '../engine/types.js';
import { canonicalJson, isJsonData } from '../util/canonical.js';
import type { SlotArray } from './value-slots.js';
import { integerOption } from '../util/options.js';

/**
 * Bytes of shared outcomes an index keeps (least recently used memos dropped first): at seed
 * scale a memo of a key rule holds a byte per key (≤ 4,096 for the eager ones) and one of the
 * amount kernel 2 bytes per value code (≈ 24,000 codes) and 8 per value computed (those of the
 * amounts its candidates hold, at most the product's amount range), so 16 MB keep every memo
 * of the seed catalogue (≈ 5.2 MB after every product's first call) with room for a larger one.
 */
export const SHARED_OUTCOME_BYTES = 16 * 1024 * 1024;

/** The room a memo starts with, in keys or value codes (it doubles as needed). */
const MEMO_INITIAL_ROOM = 256;

/** State of an entry: not computed yet. */
export const NOT_COMPUTED = 0;
/** State of a factor entry: its value is known (NaN: the factor abstains). */
export const KNOWN = 1;
/** State of a factor entry: the factor returned an invalid value for it. */
export const INVALID = 2;

/**
 * The outcomes of one part for one combination of its target fields, by key id or value code.
 * A rule memo's state is the pass table's (1 failed, 2 passed); a factor or kernel memo's is
 * {@link KNOWN} or {@link INVALID} with the value in {@link OutcomeMemo.values}. Read `states`
 * and `values` from the memo each time: they are replaced when they grow.
 */
export class OutcomeMemo {
  states: Uint8Array = new Uint8Array(0);
  values: Float64Array = new Float64Array(0);

  constructor(
    private readonly owner: SharedOutcomes,
    readonly key: string,
    private readonly withValues: boolean,
  ) {}

  /** Bytes held. */
  get bytes(): number {
    return this.states.byteLength + this.values.byteLength;
  }

  /** Records `state` (and, for a factor, `value`) for key or value code `code`. */
  set(code: number, state: number, value = NaN): void {
    if (code >= this.states.length) this.grow(code);
    this.states[code] = state;
    if (this.withValues) this.values[code] = value;
  }

  private grow(code: number): void {
    const before = this.bytes;
    const length = Math.max(MEMO_INITIAL_ROOM, this.states.length * 2, code + 1);
    const states = new Uint8Array(length);
    states.set(this.states);
    this.states = states;
    if (this.withValues) {
      const values = new Float64Array(length);
      values.set(this.values);
      this.values = values;
    }
    this.owner.grew(this, this.bytes - before);
  }
}

/**
 * The values of one coded kernel factor by value code of its column, in slot form: by value
 * code, the index of its value in {@link KernelMemo.values} (0 = not computed). Two bytes per
 * value code and eight per value computed (a product meets a few hundred to a few thousand of
 * the amount column's ≈ 24,000 codes, and fresh pages are what a cold call pays for). A
 * compiled target keeps one per coded kernel factor: the one shared by every target that
 * agrees on the factor's target fields ({@link SharedOutcomes.kernel}), else its own. Read
 * `slots` and `values` from the memo each time: they are replaced as they grow.
 */
export class KernelMemo {
  slots: SlotArray;
  values: Float64Array = new Float64Array(MEMO_INITIAL_ROOM);
  private count = 0;
  /** How many of the values computed are NaN (the factor abstains there). */
  private nans = 0;
  /**
   * Every value code below {@link KernelMemo.coveredCodes} whose value lies in
   * [`coveredLo`, `coveredHi`] has its value ({@link KernelMemo.fillEvery} with an interval).
   */
  private coveredLo = NaN;
  private coveredHi = NaN;
  private coveredCodes = 0;

  /**
   * @param owner - the shared outcomes it is accounted in, or null (a target's own).
   * @param codes - the column's distinct values so far.
   */
  constructor(
    private readonly owner: SharedOutcomes | null,
    readonly key: string,
    codes: number,
  ) {
    this.slots = slotsFor(codes);
  }

  /** Bytes held. */
  get bytes(): number {
    return this.slots.byteLength + this.values.byteLength;
  }

  /** The value of value code `code`, or undefined when not computed. */
  get(code: number): number | undefined {
    const slot = code < this.slots.length ? this.slots[code]! : 0;
    return slot === 0 ? undefined : this.values[slot];
  }

  /** Records `value` for value code `code` (not computed before). */
  set(code: number, value: number): void {
    this.reserve(code + 1, 1);
    const slot = ++this.count;
    this.values[slot] = value;
    this.slots[code] = slot;
    if (value !== value) this.nans++;
  }

  /**
   * Computes with `kernel` the value of every candidate's value code not computed yet (rows
   * `cand[0..n)`, value codes in `codes`, values by code in `numberValues`) and returns
   * whether some candidate's value is NaN. One loop with no call but the kernel's, and the
   * tables grown at most once: a cold call fills thousands of codes here. When the
   * candidates outnumber the column's values, every value is computed instead, in a loop over
   * the values — only those in `within` when given, the interval every candidate's value lies
   * in (the median seed product's amount range holds ≈ 4,900 of the market's ≈ 24,000
   * amounts, and the amount fit outside its range costs an `exp` each); a memo holding every
   * value there and no NaN then answers without visiting a candidate (the broad products'
   * scans, once a product of their template has run).
   *
   * @param within - an interval holding every candidate's value, or null (no bound known).
   */
  fill(
    cand: Int32Array,
    n: number,
    codes: ArrayLike<number>,
    kernel: (x: number) => number,
    numberValues: readonly number[],
    within: readonly [number, number] | null = null,
  ): boolean {
    const total = numberValues.length;
    if (n > total) this.fillEvery(kernel, numberValues, within);
    // Each code has at most one slot: `total` slots is every code.
    if (this.nans === 0 && (this.count >= total || this.covers(within, total))) return false;
    this.reserve(total, Math.min(n, total - this.count));
    const { slots, values } = this;
    let count = this.count;
    let nans = this.nans;
    let nan = false;
    try {
      for (let i = 0; i < n; i++) {
        const code = codes[cand[i]!]!;
        let slot = slots[code]!;
        if (slot === 0) {
          const v = kernel(numberValues[code]!);
          slot = ++count;
          values[slot] = v;
          slots[code] = slot;
          if (v !== v) nans++;
        }
        const v = values[slot]!;
        if (v !== v) nan = true;
      }
    } finally {
      this.count = count;
      this.nans = nans;
    }
    return nan;
  }

  /**
   * Computes with `kernel` every value of `numberValues` (values by code) not computed yet —
   * with `within`, only the values in that interval.
   */
  fillEvery(
    kernel: (x: number) => number,
    numberValues: readonly number[],
    within: readonly [number, number] | null = null,
  ): void {
    const total = numberValues.length;
    if (this.count >= total || this.covers(within, total)) return;
    const lo = within === null ? -Infinity : within[0];
    const hi = within === null ? Infinity : within[1];
    let more = total - this.count;
    if (within !== null) {
      // Room for the values computed below only (the memo's values grow to it once).
      const slots = this.slots;
      more = 0;
      for (let code = 0; code < total; code++) {
        const x = numberValues[code]!;
        if (x >= lo && x <= hi && !(code < slots.length && slots[code] !== 0)) more++;
      }
    }
    this.reserve(total, more);
    const { slots, values } = this;
    let count = this.count;
    let nans = this.nans;
    try {
      for (let code = 0; code < total; code++) {
        if (slots[code] !== 0) continue;
        const x = numberValues[code]!;
        if (within !== null && !(x >= lo && x <= hi)) continue;
        const v = kernel(x);
        const slot = ++count;
        values[slot] = v;
        slots[code] = slot;
        if (v !== v) nans++;
      }
    } finally {
      this.count = count;
      this.nans = nans;
    }
    if (within !== null) {
      // An interval overlapping the one covered over the same codes widens it (targets that
      // share the memo may have different intervals); else it replaces it.
      const widen = this.coveredCodes >= total && lo <= this.coveredHi && this.coveredLo <= hi;
      this.coveredLo = widen ? Math.min(lo, this.coveredLo) : lo;
      this.coveredHi = widen ? Math.max(hi, this.coveredHi) : hi;
      this.coveredCodes = total;
    }
  }

  /** Whether every value code below `total` with a value in `within` has its value. */
  private covers(within: readonly [number, number] | null, total: number): boolean {
    return (
      within !== null &&
      this.coveredCodes >= total &&
      this.coveredLo <= within[0] &&
      within[1] <= this.coveredHi
    );
  }

  /** Room for value codes below `codes` and `more` values more, grown (and accounted) once. */
  private reserve(codes: number, more: number): void {
    const before = this.bytes;
    if (codes > this.slots.length) {
      const grown = slotsFor(Math.max(codes, Math.ceil(this.slots.length * 1.5)));
      grown.set(this.slots);
      this.slots = grown;
    }
    const need = this.count + Math.max(more, 0) + 1;
    if (need > this.values.length) {
      const values = new Float64Array(Math.max(need, this.values.length * 2));
      values.set(this.values);
      this.values = values;
    }
    if (this.owner !== null && this.bytes !== before) this.owner.grew(this, this.bytes - before);
  }
}

/**
 * Slots for `codes` value codes. A code has at most one slot, so slots never exceed the
 * number of codes: 16 bits while that fits.
 */
function slotsFor(codes: number): Uint16Array | Uint32Array {
  return codes < 0xffff ? new Uint16Array(codes) : new Uint32Array(codes);
}

/**
 * A key of `target`'s values of `fields` (a part's `targetFields`): equal for two targets
 * exactly when the canonical JSON of their values is, so targets with one key get one outcome
 * from the part for any subject. Null when the part declares no fields or the values are not
 * plain JSON data (nothing is shared). A field holding a primitive, a list of primitives or a
 * flat object of them (every shipped part's fields) is keyed by its JSON text, keys sorted,
 * without building the canonical copy; anything else by the canonical JSON of the whole pick.
 * Built for every target and part when a catalogue groups its targets, and per compiled target.
 */
export function targetFieldsKey(
  fields: readonly string[] | undefined,
  target: unknown,
): string | null {
  if (fields === undefined || target === null || typeof target !== 'object') return null;
  let key = '';
  for (const field of fields) {
    const v = (target as Record<string, unknown>)[field];
    let text: string | null;
    if (v === undefined) text = '-';
    else if (isPlainValue(v) || (Array.isArray(v) && v.every(isPlainValue)))
      text = JSON.stringify(v);
    else text = flatObjectJson(v);
    if (text === null) return canonicalKey(fields, target);
    key += `${text}\n`;
  }
  return key;
}

/**
 * The canonical JSON of `target`'s values of `fields`, or null when they are not plain JSON
 * data. It never holds a line break, so it never equals a key of the fast form.
 */
function canonicalKey(fields: readonly string[], target: object): string | null {
  const picked: Record<string, unknown> = {};
  for (const field of fields) picked[field] = (target as Record<string, unknown>)[field];
  return isJsonData(picked) ? canonicalJson(picked) : null;
}

/**
 * The canonical JSON of a plain object whose members are primitives (a range `{ min, max }`),
 * or null for anything else.
 */
function flatObjectJson(v: unknown): string | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return null;
  const record = v as Record<string, unknown>;
  let text = '';
  for (const k of Object.keys(record).sort()) {
    const member = record[k];
    if (member === undefined) continue;
    if (!isPlainValue(member)) return null;
    text += `${text === '' ? '' : ','}${JSON.stringify(k)}:${JSON.stringify(member)}`;
  }
  return `{${text}}`;
}

/**
 * A primitive whose JSON text is canonical and which `isJsonData` accepts (not `undefined`:
 * `isJsonData` rejects it in a list, and an absent field is keyed apart).
 */
function isPlainValue(v: unknown): boolean {
  return (
    v === null ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v))
  );
}

/**
 * The memos of one index, by part and target fields, bounded by {@link SHARED_OUTCOME_BYTES}.
 * A target whose fields are not plain JSON data (or a part without `targetFields`) gets no
 * memo and computes everything itself. A `FastSubjectIndex` keeps one; a caller compiling
 * targets itself with `compileTarget` may pass one, for targets of one plan and one
 * `SubjectColumns` only (key ids and value codes are the columns').
 */
export class SharedOutcomes {
  private readonly memos = new Map<string, OutcomeMemo | KernelMemo>();
  private bytes = 0;
  private readonly maxBytes: number;

  /**
   * @param maxBytes - bytes of memos kept (default {@link SHARED_OUTCOME_BYTES}).
   * @throws `OptionError` when `maxBytes` is not a non-negative integer.
   */
  constructor(maxBytes: number = SHARED_OUTCOME_BYTES) {
    this.maxBytes = integerOption(maxBytes, 'maxBytes', { min: 0, max: Number.MAX_SAFE_INTEGER });
  }

  /**
   * The memo of rule `index` of the plan for `target`, or null when the rule declares no
   * target fields or the target's are not plain JSON data. Called by `compileTarget`.
   *
   * @internal
   */
  rule<S, T>(index: number, rule: EligibilityRule<S, T>, target: T): OutcomeMemo | null {
    return this.memo(`r${index}`, rule.targetFields, target, false);
  }

  /**
   * The memo of key factor `index` for `target` (see {@link SharedOutcomes.rule}).
   *
   * @internal
   */
  factor<S, T>(index: number, factor: Factor<S, T>, target: T): OutcomeMemo | null {
    return this.memo(`f${index}`, factor.targetFields, target, true);
  }

  /**
   * The memo of coded kernel factor `index`, by value code of its column (`codes` distinct
   * values so far), for `target`.
   *
   * @internal
   */
  kernel<S, T>(index: number, factor: Factor<S, T>, target: T, codes: number): KernelMemo | null {
    const key = this.keyOf(`k${index}`, factor.targetFields, target);
    return this.obtain(key, KernelMemo, (k) => new KernelMemo(this, k, codes));
  }

  /** Memos kept and their bytes. */
  stats(): { memos: number; bytes: number } {
    return { memos: this.memos.size, bytes: this.bytes };
  }

  /**
   * Called by a memo that grew by `delta` bytes: drops the oldest memos past the limit.
   *
   * @internal
   */
  grew(memo: OutcomeMemo | KernelMemo, delta: number): void {
    if (this.memos.get(memo.key) !== memo) return;
    this.bytes += delta;
    this.evict(memo);
  }

  private memo(
    part: string,
    fields: readonly string[] | undefined,
    target: unknown,
    withValues: boolean,
  ): OutcomeMemo | null {
    const key = this.keyOf(part, fields, target);
    return this.obtain(key, OutcomeMemo, (k) => new OutcomeMemo(this, k, withValues));
  }

  /** The memo under `key` (made the most recently used), else a new one made by `make`. */
  private obtain<M extends OutcomeMemo | KernelMemo>(
    key: string | null,
    kind: abstract new (...args: never[]) => M,
    make: (key: string) => M,
  ): M | null {
    if (key === null) return null;
    const memo = this.take(key);
    if (memo instanceof kind) return memo;
    const made = make(key);
    this.add(made);
    return made;
  }

  /** The memo key of `part` for `target`'s values of `fields`, or null (no sharing). */
  private keyOf(part: string, fields: readonly string[] | undefined, target: unknown) {
    const values = targetFieldsKey(fields, target);
    return values === null ? null : `${part}\0${values}`;
  }

  /** The memo under `key`, made the most recently used. */
  private take(key: string): OutcomeMemo | KernelMemo | undefined {
    const memo = this.memos.get(key);
    if (memo) {
      this.memos.delete(key);
      this.memos.set(key, memo);
    }
    return memo;
  }

  private add(memo: OutcomeMemo | KernelMemo): void {
    this.memos.set(memo.key, memo);
    this.bytes += memo.bytes;
    this.evict(memo);
  }

  private evict(keep: OutcomeMemo | KernelMemo): void {
    for (const [key, memo] of this.memos) {
      if (this.bytes <= this.maxBytes) return;
      if (memo === keep) continue;
      this.memos.delete(key);
      this.bytes -= memo.bytes;
    }
  }
}
