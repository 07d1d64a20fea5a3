import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { joinAlternatives, regionLabel } from '../../explain/labels.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { regionKey } from '../subject-keys.js';

const serves = (region: string, regions: readonly string[]): boolean =>
  regions.length === 0 || regions.some((p) => region.startsWith(p));

/**
 * `region`: the product serves every region (empty `regions`) or the enterprise's 6-digit
 * region code starts with one of the product's prefixes (province, city or district). Not
 * applicable to a product serving every region; a failure names no change (an enterprise does
 * not move to get a product). Takes no options.
 */
export function regionRule(options?: NoOptions): EligibilityRule<Enterprise, FinancialProduct> {
  const { spec } = resolvePartOptions('region', options, {});
  return defineRule<Enterprise, FinancialProduct>({
    name: 'region',
    label: { zh: '服务地区', en: 'region' },
    description: {
      zh: '企业注册地在产品服务地区内',
      en: 'the enterprise is registered in a region the product serves',
    },
    key: regionKey,
    targetFields: ['regions'],
    test: ({ subject, target }) => serves(subject.region, target.regions),
    notApplicable: ({ target }) =>
      target.regions.length === 0
        ? { zh: '该产品不限服务地区', en: 'the product serves every region' }
        : undefined,
    describe({ subject, target }) {
      const regions = target.regions;
      return {
        actual: subject.region,
        required: regions.length === 0 ? null : regions,
        failure: () => ({
          message: {
            zh: `企业所在地区${regionLabel(subject.region, 'zh')}不在产品服务范围内`,
            en: `the enterprise’s region ${regionLabel(subject.region, 'en')} is outside the product’s service area`,
          },
          hint: {
            zh: `仅服务${joinAlternatives(
              regions.map((r) => regionLabel(r, 'zh')),
              'zh',
            )}的企业`,
            en: `eligible only for enterprises registered in ${joinAlternatives(
              regions.map((r) => regionLabel(r, 'en')),
              'en',
            )}`,
          },
        }),
      };
    },
    spec,
  });
}
