/**
 * The sector test shared by the enterprise–product and project–investor `sector` rules.
 *
 * @module
 */
import type { LocalizedText } from '../../i18n/locale.js';
import { joinAlternatives, sectorLabel } from '../explain/labels.js';
import type { PairDescription } from './define-rule.js';

/**
 * True when `sector` lies under one of `targets` (empty = all) and under none of `excluded`
 * (prefix match on canonical GB/T 4754 codes).
 */
export function sectorPasses(
  sector: string,
  targets: readonly string[],
  excluded: readonly string[],
): boolean {
  return (
    !excluded.some((p) => sector.startsWith(p)) &&
    (targets.length === 0 || targets.some((p) => sector.startsWith(p)))
  );
}

/**
 * `reason` when a sector rule does not apply — the target neither targets nor excludes a
 * sector — else `undefined`.
 */
export function sectorNotApplicable(
  targets: readonly string[],
  excluded: readonly string[],
  reason: LocalizedText,
): LocalizedText | undefined {
  return targets.length === 0 && excluded.length === 0 ? reason : undefined;
}

/**
 * What a sector rule shows about `sector` against `targets` and `excluded`; `who` names the
 * target side in messages ("产品" / "investor"). On failure, an excluded sector is named
 * first; otherwise the target sectors are listed.
 */
export function describeSector(
  sector: string,
  targets: readonly string[],
  excluded: readonly string[],
  who: LocalizedText,
): PairDescription {
  return {
    actual: sector,
    required: targets.length > 0 ? targets : null,
    failure() {
      const hit = excluded.find((p) => sector.startsWith(p));
      if (hit !== undefined) {
        return {
          message: {
            zh: `所属行业${sectorLabel(sector, 'zh')}属于${who.zh}排除的行业${sectorLabel(hit, 'zh')}`,
            en: `sector ${sectorLabel(sector, 'en')} falls under ${sectorLabel(hit, 'en')}, which the ${who.en} excludes`,
          },
          hint: {
            zh: `${who.zh}不支持${sectorLabel(hit, 'zh')}行业的主体`,
            en: `not available to the ${sectorLabel(hit, 'en')} sector; eligible only outside it`,
          },
        };
      }
      return {
        message: {
          zh: `所属行业${sectorLabel(sector, 'zh')}不在${who.zh}支持的行业范围内`,
          en: `sector ${sectorLabel(sector, 'en')} is not among the ${who.en}’s target sectors`,
        },
        hint: {
          zh: `仅支持${joinAlternatives(
            targets.map((t) => sectorLabel(t, 'zh')),
            'zh',
          )}行业`,
          en: `eligible only in ${joinAlternatives(
            targets.map((t) => sectorLabel(t, 'en')),
            'en',
          )}`,
        },
      };
    },
  };
}
