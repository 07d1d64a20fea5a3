import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { SRDI_TIER_NAMES, SRDI_TIERS, srdiRank } from '../../../taxonomy/ladders.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { srdiCertificateStatus } from '../srdi-certificate.js';
import { effectiveSrdiKey } from '../subject-keys.js';

/**
 * `srdiTier`: the enterprise's *effective* SRDI tier ranks at least the product's
 * `minSrdiTier`. A certificate is valid 3 years from `certifiedOn` (srdi.md); once expired the
 * firm counts as `none` and the hint says so: "certificate expired on …; renew (复核) to regain
 * eligibility". Not applicable to a product whose minimum is `none`. Takes no options.
 */
export function srdiTierRule(options?: NoOptions): EligibilityRule<Enterprise, FinancialProduct> {
  const { spec } = resolvePartOptions('srdiTier', options, {});
  return defineRule<Enterprise, FinancialProduct>({
    name: 'srdiTier',
    label: { zh: '专精特新等级', en: 'SRDI tier' },
    description: {
      zh: '企业有效的专精特新梯度认定不低于产品要求',
      en: 'the enterprise’s valid SRDI certification meets the product’s minimum tier',
    },
    key: effectiveSrdiKey,
    targetFields: ['minSrdiTier'],
    test: ({ subject, target, asOf }) =>
      srdiRank(srdiCertificateStatus(subject.srdi, asOf).effectiveTier) >=
      srdiRank(target.minSrdiTier),
    notApplicable: ({ target }) =>
      srdiRank(target.minSrdiTier) <= srdiRank('none')
        ? { zh: '该产品不要求专精特新认定', en: 'the product requires no SRDI certification' }
        : undefined,
    describe({ subject, target, asOf }) {
      const status = srdiCertificateStatus(subject.srdi, asOf);
      const min = target.minSrdiTier;
      return {
        actual: status.effectiveTier,
        required: min,
        failure() {
          const minName = SRDI_TIER_NAMES[min];
          if (status.expired && srdiRank(status.certifiedTier) >= srdiRank(min)) {
            const on = status.expiresOn ?? '';
            return {
              message: {
                zh: `${SRDI_TIER_NAMES[status.certifiedTier].zh}证书已于${on}到期`,
                en: `the ${SRDI_TIER_NAMES[status.certifiedTier].en} certificate expired on ${on}`,
              },
              hint: {
                zh: `证书已于${on}到期；通过复核后可恢复资格`,
                en: `certificate expired on ${on}; renew (复核) to regain eligibility`,
              },
              change: {
                key: 'srdiTier:renew',
                label: {
                  zh: '专精特新证书通过复核（续期）',
                  en: 'renew (复核) the SRDI certificate',
                },
              },
            };
          }
          const current = SRDI_TIER_NAMES[status.effectiveTier];
          return {
            message: {
              zh: `企业当前为${current.zh}，产品要求${minName.zh}及以上`,
              en: `the enterprise is: ${current.en}; the product requires ${minName.en} or higher`,
            },
            hint: {
              zh: `需取得${minName.zh}及以上认定（证书有效期内）`,
              en: `eligible with a valid ${minName.en} certification or higher`,
            },
            change: {
              key: `srdiTier:${min}`,
              label: {
                zh: `取得${minName.zh}及以上认定`,
                en: `obtain a valid ${minName.en} certification or higher`,
              },
              // A valid certificate of this tier also meets every lower minimum, and replaces
              // an expired one (the firm's renewal changes are for lower tiers than this).
              covers: [
                ...SRDI_TIERS.filter((t) => t !== 'none' && srdiRank(t) < srdiRank(min)).map(
                  (t) => `srdiTier:${t}`,
                ),
                'srdiTier:renew',
              ],
            },
          };
        },
      };
    },
    spec,
  });
}
