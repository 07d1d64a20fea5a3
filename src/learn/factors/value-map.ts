/**
 * The one map from a learned log-quantity (nats) to a factor value, shared by the three
 * learned factors so that their contributions add like their log-quantities.
 *
 * @module
 */
import { LEARNED_SPAN_NATS } from '../history/defaults.js';
import { subjectKey } from '../../engine/rules/subject-key.js';

/** clamp(0.5 + z / (2·{@link LEARNED_SPAN_NATS}), 0, 1). */
export function natsToValue(z: number): number {
  const v = 0.5 + z / (2 * LEARNED_SPAN_NATS);
  return v <= 0 ? 0 : v >= 1 ? 1 : v;
}

/**
 * One fast-path key for every subject: for a part whose outcome does not depend on the subject
 * at all (a learned factor without history, which abstains on every pair; a soft rule's
 * pass-all stand-in).
 */
export const CONSTANT_KEY = subjectKey([], (): string => '');
