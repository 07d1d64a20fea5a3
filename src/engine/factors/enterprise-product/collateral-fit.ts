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
    targetFields: ['collateral'],
    score({ subject, target }: EnterpriseProductContext) {
      // No allocation: prospecting and sweeps call this for every new key (see `share`).
      const offered = subject.collateral;
      const { required, accepted } = target.collateral;
      if (required.length === 0 || required.includes('credit')) {
        // A firm offering nothing but credit.
        if (!offersAny(offered, offered)) return 1;
        return creditForSecured + (1 - creditForSecured) * share(offered, accepted, NONE);
      }
      if (!offersAny(offered, required)) return 0;
      return securedMatch + (1 - securedMatch) * share(offered, required, accepted);
    },
    spec: resolved.spec,
  };
}

const NONE: readonly CollateralKind[] = [];

/** Whether the firm offers (other than `credit`) one of `kinds`. */
function offersAny(offered: readonly CollateralKind[], kinds: readonly CollateralKind[]): boolean {
  for (const k of kinds) if (k !== 'credit' && offered.includes(k)) return true;
  return false;
}

/**
 * The share of the distinct kinds of `a` then `b` (`credit` left out) that the firm offers; 0
 * when there are none. Counted in place: the lists hold a few of the eight kinds.
 */
function share(
  offered: readonly CollateralKind[],
  a: readonly CollateralKind[],
  b: readonly CollateralKind[],
): number {
  let kinds = 0;
  let met = 0;
  const n = a.length + b.length;
  for (let i = 0; i < n; i++) {
    const k = i < a.length ? a[i]! : b[i - a.length]!;
    if (k === 'credit' || seenBefore(a, b, i, k)) continue;
    kinds++;
    if (offered.includes(k)) met++;
  }
  return kinds === 0 ? 0 : met / kinds;
}

/** Whether `k` is among the first `i` kinds of `a` then `b`. */
function seenBefore(
  a: readonly CollateralKind[],
  b: readonly CollateralKind[],
  i: number,
  k: CollateralKind,
): boolean {
  for (let j = 0; j < i; j++) if ((j < a.length ? a[j] : b[j - a.length]) === k) return true;
  return false;
}
