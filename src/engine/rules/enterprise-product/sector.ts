import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EligibilityRule, EnterpriseProductContext } from '../../types.js';
import { checkSector, sectorPasses } from '../sector-check.js';
import { sectorKey } from '../subject-keys.js';

/**
 * `sector`: the enterprise's GB/T 4754 code lies under one of the product's target sectors
 * (empty = all sectors) and under none of its excluded sectors (prefix match on canonical
 * codes: a product targeting `C39` serves `C3911`).
 */
export function sectorRule(): EligibilityRule<Enterprise, FinancialProduct> {
  return {
    name: 'sector',
    label: { zh: '行业', en: 'sector' },
    description: {
      zh: '企业所属行业在产品支持范围内且未被排除',
      en: 'the enterprise’s sector is targeted by the product and not excluded',
    },
    key: sectorKey,
    test: ({ subject, target }: EnterpriseProductContext) =>
      sectorPasses(subject.sector, target.targetSectors, target.excludedSectors),
    check: ({ subject, target, locale }: EnterpriseProductContext) =>
      checkSector('sector', subject.sector, target.targetSectors, target.excludedSectors, locale, {
        zh: '产品',
        en: 'product',
      }),
  };
}
