import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EligibilityRule, EnterpriseProductContext } from '../../types.js';
import { joinAlternatives, regionLabel } from '../../explain/labels.js';
import { fail, pass } from '../outcome.js';
import { regionKey } from '../subject-keys.js';

const serves = (region: string, regions: readonly string[]): boolean =>
  regions.length === 0 || regions.some((p) => region.startsWith(p));

/**
 * `region`: the product serves every region (empty `regions`) or the enterprise's 6-digit
 * region code starts with one of the product's prefixes (province, city or district).
 */
export function regionRule(): EligibilityRule<Enterprise, FinancialProduct> {
  const name = 'region';
  return {
    name,
    label: { zh: '服务地区', en: 'region' },
    description: {
      zh: '企业注册地在产品服务地区内',
      en: 'the enterprise is registered in a region the product serves',
    },
    key: regionKey,
    test: ({ subject, target }: EnterpriseProductContext) => serves(subject.region, target.regions),
    check({ subject, target, locale }: EnterpriseProductContext) {
      const regions = target.regions;
      if (serves(subject.region, regions)) {
        return pass(subject.region, regions.length === 0 ? null : regions);
      }
      return fail(name, locale, {
        actual: subject.region,
        required: regions,
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
      });
    },
  };
}
