import type { CollateralKind } from '../../../model/enums.js';
import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { CREDIT_FOR_SECURED_FIRM_FIT, SECURED_MATCH_FIT } from '../../defaults.js';
import { collateralKey } from '../../rules/subject-keys.js';
import type { EnterpriseProductContext, Factor } from '../../types.js';
import { resolvePartOptions, unitInterval } from '../../rules/options.js';

/** Options of {@link collateralFitFactor}. */
export interface CollateralFitOptions {
  /** Credit product for a firm that has collateral. Default {@link CREDIT_FOR_SECURED_FIRM_FIT} (0.8). */
  creditForSecuredFirm?: number;
  /** Secured product whose requirement the firm meets. Default {@link SECURED_MATCH_FIT} (0.6). */
  securedMatch?: number;
}

/**
 * `collateralFit`: how easily the firm meets the product's security. A credit-based product
 * (nothing required, or `credit` among the required kinds) scores 1 for a firm without
 * collateral — the asset-light tech firm's route — and 0.8 plus a bonus for accepted kinds it
 * has otherwise. A secured product the firm can serve scores 0.6 plus up to 0.4 for the share
 * of the product's required ∪ accepted kinds it has; one it cannot serve scores 0. In [0, 1].
 */
export function collateralFitFactor(
  options?: CollateralFitOptions,
): Factor<Enterprise, FinancialProduct> {
  const resolved = resolvePartOptions('collateralFit', options, {
    creditForSecuredFirm: unitInterval,
    securedMatch: unitInterval,
  });
  const o = resolved.options;
  const creditForSecured = o.creditForSecuredFirm ?? CREDIT_FOR_SECURED_FIRM_FIT;
  const securedMatch = o.securedMatch ?? SECURED_MATCH_FIT;
  return {
    name: 'collateralFit',
    side: 'subject',
    label: { zh: '担保契合度', en: 'collateral fit' },
    description: {
      zh: '企业可提供的担保与产品担保要求的契合程度（无抵押企业优先信用类产品）',
      en: 'how easily the enterprise meets the product’s security (credit products for firms without collateral)',
    },
    key: collateralKey,
    score({ subject, target }: EnterpriseProductContext) {
      const offered: readonly CollateralKind[] = subject.collateral.filter((c) => c !== 'credit');
      const { required, accepted } = target.collateral;
      const share = (kinds: readonly CollateralKind[]) => {
        const set = new Set(kinds.filter((k) => k !== 'credit'));
        if (set.size === 0) return 0;
        let n = 0;
        for (const k of set) if (offered.includes(k)) n++;
        return n / set.size;
      };
      if (required.length === 0 || required.includes('credit')) {
        if (offered.length === 0) return 1;
        return creditForSecured + (1 - creditForSecured) * share(accepted);
      }
      if (!required.some((c) => offered.includes(c))) return 0;
      return securedMatch + (1 - securedMatch) * share([...required, ...accepted]);
    },
    spec: resolved.spec,
  };
}
