/**
 * The one map from a learned log-quantity (nats) to a factor value, shared by the three
 * learned factors so that their contributions add like their log-quantities.
 *
 * @module
 */
import { LEARNED_SPAN_NATS } from '../history/defaults.js';

/** clamp(0.5 + z / (2·{@link LEARNED_SPAN_NATS}), 0, 1). */
export function natsToValue(z: number): number {
  const v = 0.5 + z / (2 * LEARNED_SPAN_NATS);
  return v <= 0 ? 0 : v >= 1 ? 1 : v;
}

/** A shared one-component vector holding 1 (subjects of factors that depend on the target only). */
export const UNIT_VECTOR: Float32Array = Float32Array.of(1);

/**
 * The fast-path key of a factor that abstains on every pair (a learned factor without
 * history): one key for every subject, whose value is `null`.
 */
export const ABSTAIN_KEY = (): string => '';
