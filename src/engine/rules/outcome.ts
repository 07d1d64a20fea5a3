/**
 * Building blocks every rule shares: a passing outcome, a failing outcome whose message and
 * hint are picked in the pair's locale.
 *
 * @module
 */
import type { LocalizedText, Locale } from '../../i18n/locale.js';
import { pick } from '../../i18n/locale.js';
import type { ExclusionReason, RuleOutcome } from '../types.js';

/** A passing outcome, recording what was checked. */
export function pass(
  actual?: ExclusionReason['actual'],
  required?: ExclusionReason['required'],
): RuleOutcome {
  return {
    passed: true,
    ...(actual !== undefined ? { actual } : {}),
    ...(required !== undefined ? { required } : {}),
  };
}

/** What a failing rule reports, with the texts in both locales. */
export interface FailureSpec {
  message: LocalizedText;
  hint: LocalizedText;
  actual: ExclusionReason['actual'];
  required: ExclusionReason['required'];
}

/** A failing outcome of rule `rule`, with the message and hint in `locale`. */
export function fail(rule: string, locale: Locale, spec: FailureSpec): RuleOutcome {
  return {
    passed: false,
    reason: {
      rule,
      message: pick(spec.message, locale),
      actual: spec.actual,
      required: spec.required,
      hint: pick(spec.hint, locale),
    },
  };
}
