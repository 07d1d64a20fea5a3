/**
 * A {@link TokenHook} factor's values for the catalogue side (targets for one subject): each
 * target's token values compiled once, by token a column over the targets, so the value of a
 * subject key and a target is the best of a few array reads over the key's tokens instead of a
 * call of the factor's `score`. The same form and contract as prospecting's key tables
 * ({@link fillFromTokens}), read the other way round.
 *
 * @module
 */
import type { KeyEnv, SubjectKeyValue, TokenHook, TokenValues } from '../engine/types.js';
import type { KeyDictionary } from './columns.js';
import { KeyTokens, validTokenValues } from './token-tables.js';

/** What {@link TokenRows.value} gives for a target whose hook did not answer: call `score`. */
export const NO_TOKEN_VALUE = -2;

/** One token factor over a catalogue's targets. */
export class TokenRows {
  private readonly keys: KeyTokens;
  /** Per target: its token values, or null (the hook did not answer; `score` decides). */
  private readonly forms: (TokenValues | null)[];
  /** Per target: the value of a subject holding none of its tokens (NaN = abstains). */
  private readonly otherwise: Float64Array;
  /** By token id: each target's value for a subject holding it, NaN where it is not served. */
  private readonly columns: (Float64Array | undefined)[] = [];
  /** Token by id, as {@link KeyTokens} numbered them. */
  private readonly tokens: SubjectKeyValue[] = [];

  constructor(
    dictionary: KeyDictionary<unknown>,
    hook: TokenHook<unknown, unknown>,
    targets: readonly unknown[],
    env: KeyEnv,
  ) {
    this.keys = new KeyTokens(dictionary, hook, env);
    this.forms = targets.map((t) => validTokenValues(hook.compile(t, env)));
    this.otherwise = Float64Array.from(this.forms, (f) => (f ? (f.otherwise ?? NaN) : NaN));
  }

  /**
   * The factor's value for key `code` and target `t`: the largest value (at least 0) of the
   * target's tokens the key holds, else the target's `otherwise` (NaN abstains);
   * {@link NO_TOKEN_VALUE} when the target's hook did not answer.
   */
  value(code: number, t: number): number {
    if (this.forms[t] === null) return NO_TOKEN_VALUE;
    const keys = this.keys;
    if (code >= keys.size) keys.extend();
    const end = keys.offsets[code + 1]!;
    let served = false;
    let best = 0;
    for (let p = keys.offsets[code]!; p < end; p++) {
      const v = this.column(keys.ids[p]!)[t]!;
      if (v === v) {
        served = true;
        best = Math.max(best, v);
      }
    }
    return served ? best : this.otherwise[t]!;
  }

  /** Token `id`'s column over the targets, made on first use. */
  private column(id: number): Float64Array {
    let column = this.columns[id];
    if (!column) {
      if (this.tokens.length <= id) {
        this.tokens.length = 0;
        for (const token of this.keys.idOf.keys()) this.tokens.push(token);
      }
      const token = this.tokens[id]!;
      column = Float64Array.from(this.forms, (f) => f?.values.get(token) ?? NaN);
      this.columns[id] = column;
    }
    return column;
  }
}
