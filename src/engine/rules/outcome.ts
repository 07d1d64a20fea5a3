/**
 * Building blocks every rule shares: a passing outcome, a not-applicable outcome, a failing
 * outcome whose message, hint and change are picked in the pair's locale.
 *
 * @module
 */
import type { LocalizedText, Locale } from '../../i18n/locale.js';
import { pick } from '../../i18n/locale.js';
import type { ExclusionReason, RuleOutcome } from '../types.js';

/** What a rule names as the change that would make it pass, in both locales. */
export interface ChangeSpec {
  /** Stable key shared by every pair needing the same change (`rule:what`). */
  key: string;
  label: LocalizedText;
  /** Keys of weaker changes this one also achieves (see `RuleChange.covers`). */
  covers?: readonly string[];
}

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

/**
 * The outcome of a rule that does not apply to the pair: it does not exclude it, and
 * `reason` (why it does not apply, without the "not applicable" prefix) is picked in `locale`
 * behind "不适用：" / "not applicable: ".
 */
export function notApplicable(reason: LocalizedText, locale: Locale): RuleOutcome {
  return {
    passed: true,
    notApplicable:
      locale === 'en' ? `not applicable: ${reason.en}` : `不适用：${pick(reason, locale)}`,
  };
}

/** What a failing rule reports, with the texts in both locales. */
export interface FailureSpec {
  message: LocalizedText;
  hint: LocalizedText;
  /** The change that would make the rule pass; omitted when the subject cannot make one. */
  change?: ChangeSpec;
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
      ...(spec.change !== undefined
        ? {
            change: {
              key: spec.change.key,
              label: pick(spec.change.label, locale),
              ...(spec.change.covers !== undefined ? { covers: [...spec.change.covers] } : {}),
            },
          }
        : {}),
    },
  };
}
