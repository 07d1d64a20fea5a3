import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { describeSector, sectorNotApplicable, sectorPasses } from '../sector-check.js';
import { sectorKey } from '../subject-keys.js';

/**
 * `sector`: the enterprise's GB/T 4754 code lies under one of the product's target sectors
 * (empty = all sectors) and under none of its excluded sectors (prefix match on canonical
 * codes: a product targeting `C39` serves `C3911`). Not applicable to a product that neither
 * targets nor excludes a sector. Takes no options.
 */
export function sectorRule(options?: NoOptions): EligibilityRule<Enterprise, FinancialProduct> {
  const { spec } = resolvePartOptions('sector', options, {});
  return defineRule<Enterprise, FinancialProduct>({
    name: 'sector',
    label: { zh: '行业', en: 'sector' },
    description: {
      zh: '企业所属行业在产品支持范围内且未被排除',
      en: 'the enterprise’s sector is targeted by the product and not excluded',
    },
    key: sectorKey,
    targetFields: ['targetSectors', 'excludedSectors'],
    test: ({ subject, target }) =>
      sectorPasses(subject.sector, target.targetSectors, target.excludedSectors),
    notApplicable: ({ target }) =>
      sectorNotApplicable(target.targetSectors, target.excludedSectors, {
        zh: '该产品不限行业',
        en: 'the product serves every sector',
      }),
    describe: ({ subject, target }) =>
      describeSector(subject.sector, target.targetSectors, target.excludedSectors, {
        zh: '产品',
        en: 'product',
      }),
    spec,
  });
}
