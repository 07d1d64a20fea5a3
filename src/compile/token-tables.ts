/**
 * Key tables filled from a factor's {@link TokenHook}: each key's tokens are listed once per
 * dictionary (on the key's representative), interned as small integers, so compiling a target
 * gives every key its value — the best value among the target's tokens the key holds, else the
 * target's `otherwise` — in one loop over the keys, without calling the factor.
 *
 * @module
 */
import type {
  FactorValue,
  KeyEnv,
  SubjectKeyValue,
  TokenHook,
  TokenValues,
} from '../engine/types.js';
import { isUnitValue } from '../engine/pipeline.js';
import type { KeyDictionary } from './columns.js';
import { widenFor, type SlotArray, type ValueSlots } from './value-slots.js';

/**
 * The tokens of a dictionary's keys, by key id (CSR): those of key `k` are the token ids
 * `ids[offsets[k]..offsets[k+1])`; a token's id is its position in `tokens`.
 */
export class KeyTokens {
  /** Token id by token. */
  readonly idOf = new Map<SubjectKeyValue, number>();
  offsets: Int32Array = new Int32Array(1);
  ids: Int32Array = new Int32Array(16);
  /** Keys listed so far (the dictionary's size when last extended). */
  size = 0;

  constructor(
    private readonly dictionary: KeyDictionary<unknown>,
    private readonly hook: TokenHook<unknown, unknown>,
    private readonly env: KeyEnv,
  ) {}

  /** Lists the tokens of the keys added to the dictionary since the last call. */
  extend(): void {
    const { reps } = this.dictionary;
    const size = reps.length;
    if (size === this.size) return;
    if (this.offsets.length < size + 1) this.offsets = grown(this.offsets, size + 1);
    let at = this.offsets[this.size]!;
    for (let k = this.size; k < size; k++) {
      for (const token of this.hook.held(reps[k], this.env)) {
        let id = this.idOf.get(token);
        if (id === undefined) this.idOf.set(token, (id = this.idOf.size));
        if (at === this.ids.length) this.ids = grown(this.ids, at * 2);
        this.ids[at++] = id;
      }
      this.offsets[k + 1] = at;
    }
    this.size = size;
  }

  /** By token id, the keys holding it (ascending), at the size of the last {@link extend}. */
  byToken(): { offsets: Int32Array; keys: Int32Array } {
    if (this.inverted?.size === this.size) return this.inverted;
    const count = this.idOf.size;
    const offsets = new Int32Array(count + 1);
    const end = this.offsets[this.size]!;
    for (let p = 0; p < end; p++) offsets[this.ids[p]! + 1]!++;
    for (let t = 0; t < count; t++) offsets[t + 1]! += offsets[t]!;
    const fill = offsets.slice(0, count);
    const keys = new Int32Array(end);
    for (let k = 0; k < this.size; k++) {
      for (let p = this.offsets[k]!; p < this.offsets[k + 1]!; p++) keys[fill[this.ids[p]!]!++] = k;
    }
    this.inverted = { size: this.size, offsets, keys };
    return this.inverted;
  }

  private inverted: { size: number; offsets: Int32Array; keys: Int32Array } | undefined;
}

/** `array` copied into a new one of `length` entries (≥ its own). */
function grown(array: Int32Array, length: number): Int32Array {
  const out = new Int32Array(Math.max(length, array.length * 2));
  out.set(array);
  return out;
}

const listed = new WeakMap<object, Map<object, KeyTokens>>();

/**
 * The {@link KeyTokens} of `dictionary` under `hook`, extended to the dictionary's current
 * size (built on first use, then only new keys are listed; key ids and representatives never
 * change).
 */
export function keyTokens<S, T>(
  dictionary: KeyDictionary<S>,
  hook: TokenHook<S, T>,
  env: KeyEnv,
): KeyTokens {
  let byHook = listed.get(dictionary);
  if (!byHook) listed.set(dictionary, (byHook = new Map()));
  let tokens = byHook.get(hook);
  if (!tokens) {
    tokens = new KeyTokens(
      dictionary as KeyDictionary<unknown>,
      hook as TokenHook<unknown, unknown>,
      env,
    );
    byHook.set(hook, tokens);
  }
  tokens.extend();
  tokens.byToken();
  return tokens;
}

/**
 * `answer` when it is {@link TokenValues} the fast path can use (every value a number in
 * [0, 1], `otherwise` also `null`), else null (the table is then filled by the factor's
 * `score`, which reports invalid values).
 */
export function validTokenValues(answer: unknown): TokenValues | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const { values, otherwise } = answer as Partial<TokenValues>;
  if (!(values instanceof Map)) return null;
  if (otherwise !== null && !isUnitValue(otherwise)) return null;
  for (const v of values.values()) if (!isUnitValue(v)) return null;
  return answer as TokenValues;
}

/**
 * Writes, for keys `from` to `to − 1`, the slot of each key's value under `target` into
 * `slots` and returns it (widened, a copy, when the new slots outgrow its type): the value is
 * `Math.max(0, …)` of the values of the target's tokens the key holds, else
 * `target.otherwise` (NaN: abstains), numbered by `values`. Every key first gets `otherwise`,
 * then the keys holding each served token get its value, tokens in ascending order of value,
 * so a key ends with the largest (and the loops touch only the served tokens' keys).
 */
export function fillFromTokens(
  keys: KeyTokens,
  target: TokenValues,
  values: ValueSlots,
  slots: SlotArray,
  from: number,
  to: number,
): SlotArray {
  const served: { id: number; value: number; slot: number }[] = [];
  for (const [token, v] of target.values) {
    const id = keys.idOf.get(token);
    if (id === undefined) continue;
    const value = Math.max(0, v);
    served.push({ id, value, slot: values.slot(value) });
  }
  served.sort((a, b) => a.value - b.value);
  const otherwise: FactorValue = target.otherwise;
  const otherwiseSlot = values.slot(otherwise ?? NaN);
  // Every slot is numbered by now: widen once.
  const widened = widenFor(slots, values.size);
  widened.fill(otherwiseSlot, from, to);
  const { offsets, keys: held } = keys.byToken();
  for (const { id, slot } of served) {
    const end = offsets[id + 1]!;
    for (let p = offsets[id]!; p < end; p++) {
      const k = held[p]!;
      if (k >= from && k < to) widened[k] = slot;
    }
  }
  return widened;
}
