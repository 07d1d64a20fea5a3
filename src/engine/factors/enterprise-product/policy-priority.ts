import { POLICY_TAGS, PURPOSES, type PolicyTag } from '../../../model/enums.js';
import type { Enterprise } from '../../../model/types.js';
import type { FinancialProduct } from '../../../model/types.js';
import { SRDI_TIERS, srdiRank } from '../../../taxonomy/ladders.js';
import {
  MEDIUM_FIRM_MIN_EMPLOYEES,
  MEDIUM_FIRM_MIN_REVENUE,
  POLICY_PARTIAL_FIT,
  POLICY_UNTAGGED_FIT,
} from '../../defaults.js';
import { srdiCertificateStatus } from '../../rules/srdi-certificate.js';
import { POLICY_LIST_DIGITS, effectiveSrdiKey } from '../../rules/subject-keys.js';
import { subjectKey } from '../../rules/subject-key.js';
import {
  KEY_CODE_START,
  NO_CODE,
  appendDigit,
  appendList,
  fallbackKey,
  vocabulary,
} from '../../rules/key-code.js';
import type { KeyEnv, SubjectKeyValue } from '../../types.js';
import { resolvePartOptions, unitInterval } from '../../rules/options.js';
import type { EnterpriseProductContext, Factor } from '../../types.js';

/** Options of {@link policyPriorityFactor}. */
export interface PolicyPriorityOptions {
  /** Value for a product without policy tags. Default {@link POLICY_UNTAGGED_FIT} (0.25). */
  untagged?: number;
  /** Value of a partial match. Default {@link POLICY_PARTIAL_FIT} (0.5). */
  partial?: number;
}

/**
 * True for a small or micro firm by the industrial SME size standard (srdi.md §7): below 300
 * employees or below 2000万 revenue — the target of 普惠小微 inclusive products.
 */
export function isSmallOrMicro(enterprise: Enterprise): boolean {
  return (
    enterprise.employees < MEDIUM_FIRM_MIN_EMPLOYEES ||
    enterprise.annualRevenue < MEDIUM_FIRM_MIN_REVENUE
  );
}

/**
 * How strongly one policy tag applies to the firm, in [0, 1]: `techReloan` — on the re-loan
 * candidate list (products.md A5); `equipmentRenewal` — purpose equipment or on a project
 * list (A11); `digitalTransformation` — that purpose or a pilot (A3); `green` — that purpose
 * or a green factory; `inclusive` — a small or micro firm; `srdiSpecial` — an SRDI tier (1 from
 * provincial SRDI, partial for 科技和创新型, A1); `techConversion` — that purpose (A2);
 * `pilotInsurance` — purpose R&D (A4).
 */
export function policyTagStrength(
  tag: PolicyTag,
  enterprise: Enterprise,
  asOf: string,
  partial: number = POLICY_PARTIAL_FIT,
): number {
  const purpose = enterprise.need.purpose;
  const lists = enterprise.policyLists;
  switch (tag) {
    case 'techReloan':
      return lists.includes('techReloanCandidates') ? 1 : 0;
    case 'equipmentRenewal':
      return purpose === 'equipment' || lists.includes('equipmentRenewalProjects') ? 1 : 0;
    case 'digitalTransformation':
      return purpose === 'digitalTransformation' || lists.includes('digitalTransformationPilot')
        ? 1
        : 0;
    case 'green':
      return purpose === 'green' || lists.includes('greenFactory') ? 1 : 0;
    case 'inclusive':
      return isSmallOrMicro(enterprise) ? 1 : 0;
    case 'srdiSpecial': {
      const tier = srdiRank(srdiCertificateStatus(enterprise.srdi, asOf).effectiveTier);
      return tier >= srdiRank('srdi') ? 1 : tier === srdiRank('techSme') ? partial : 0;
    }
    case 'techConversion':
      return purpose === 'techConversion' ? 1 : 0;
    case 'pilotInsurance':
      return purpose === 'rnd' ? 1 : 0;
  }
}

const PURPOSE_DIGITS = vocabulary(PURPOSES);
const TIER_DIGITS = vocabulary(SRDI_TIERS);

/**
 * Everything {@link policyTagStrength} reads: purpose, policy lists, small-or-micro status and
 * the effective SRDI tier at `asOf`.
 */
export const policyPriorityKey = subjectKey(
  ['need', 'policyLists', 'employees', 'annualRevenue', 'srdi'],
  (e: Enterprise, env: KeyEnv): SubjectKeyValue => {
    const tier = effectiveSrdiKey(e, env);
    const small = isSmallOrMicro(e) ? 1 : 0;
    // Coded as digits (../../rules/key-code.ts): purpose, the lists, small-or-micro, tier.
    let code = appendDigit(
      KEY_CODE_START,
      PURPOSE_DIGITS.get(e.need.purpose) ?? NO_CODE,
      PURPOSE_DIGITS.size,
    );
    code = appendList(code, e.policyLists, POLICY_LIST_DIGITS);
    code = appendDigit(code, small, 2);
    code = appendDigit(code, TIER_DIGITS.get(tier) ?? NO_CODE, TIER_DIGITS.size);
    return code === NO_CODE ? fallbackKey(e.need.purpose, e.policyLists, small, tier) : code;
  },
);

/**
 * `policyPriority`: the strongest of the product's policy tags that applies to the firm's
 * situation — a re-loan product for a firm on the candidate list, an equipment-renewal loan
 * for an equipment purchase… A product whose policy applies scores 1 (re-lending, interest
 * subsidies); an untagged product 0.25; a tagged product that does not apply 0. In [0, 1].
 */
export function policyPriorityFactor(
  options?: PolicyPriorityOptions,
): Factor<Enterprise, FinancialProduct> {
  const resolved = resolvePartOptions('policyPriority', options, {
    untagged: unitInterval,
    partial: unitInterval,
  });
  const o = resolved.options;
  const untagged = o.untagged ?? POLICY_UNTAGGED_FIT;
  const partial = o.partial ?? POLICY_PARTIAL_FIT;
  return {
    name: 'policyPriority',
    side: 'subject',
    label: { zh: '政策优先度', en: 'policy priority' },
    description: {
      zh: '产品政策标签（再贷款、设备更新、数字化转型、绿色、普惠、专精特新等）与企业情况的匹配程度',
      en: 'how well the product’s policy tags (re-loan, equipment renewal, digital, green, inclusive, SRDI…) apply to the enterprise',
    },
    key: policyPriorityKey,
    targetFields: ['policyTags'],
    // A product without policy tags gives every firm the same value.
    uniformValue: ({ target }) => (target.policyTags.length === 0 ? untagged : undefined),
    // `score` is the best strength among the product's tags, 0 when none applies: the
    // TokenHook form, one token per tag that applies fully and one for a partial SRDI fit.
    tokens: {
      held: (subject, env) => {
        const tokens: string[] = [];
        for (const tag of POLICY_TAGS) {
          if (policyTagStrength(tag, subject, env.asOf, 0) === 1) tokens.push(tag);
          else if (policyTagStrength(tag, subject, env.asOf, 1) === 1)
            tokens.push(`${tag}:partial`);
        }
        return tokens;
      },
      compile: (target) => {
        const values = new Map<string, number>();
        for (const tag of target.policyTags) {
          values.set(tag, 1);
          if (!values.has(`${tag}:partial`)) values.set(`${tag}:partial`, partial);
        }
        return { values, otherwise: target.policyTags.length === 0 ? untagged : 0 };
      },
    },
    score({ subject, target, asOf }: EnterpriseProductContext) {
      if (target.policyTags.length === 0) return untagged;
      let best = 0;
      for (const tag of target.policyTags)
        best = Math.max(best, policyTagStrength(tag, subject, asOf, partial));
      return best;
    },
    spec: resolved.spec,
  };
}
