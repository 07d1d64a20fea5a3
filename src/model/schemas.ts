/**
 * zod 4 schemas of every record kind. They are built on first use (see `parse.ts`), so that
 * importing finmatch does not pay for loading zod; the record *types* are inferred from them.
 *
 * @module
 */
import type { z as Z } from 'zod';
import { normalizeSectorCode } from '../taxonomy/sectors.js';
import { isRegionCode, isRegionPrefix } from '../taxonomy/regions.js';
import { ROUNDS, SRDI_TIERS, STAGES } from '../taxonomy/ladders.js';
import {
  CHAIN_ROLES,
  COLLATERAL_KINDS,
  INSTITUTION_KINDS,
  INSTRUMENTS,
  INTERACTION_KINDS,
  INVESTOR_KINDS,
  POLICY_LISTS,
  POLICY_TAGS,
  PRODUCT_TYPES,
  PURPOSES,
  SRDI_RULE_SETS,
  ZONE_KINDS,
} from './enums.js';
import { LIMITS } from './limits.js';

/** Builds every schema with the given zod namespace. */
export function buildSchemas(z: typeof Z) {
  const id = z
    .string()
    .min(1)
    .max(LIMITS.idLength)
    .regex(/^[^\s\u0000-\u001f]+(?: [^\s\u0000-\u001f]+)*$/, { message: 'id_format' });
  const name = z.string().min(1).max(LIMITS.nameLength);
  const text = z.string().max(LIMITS.textLength);
  const amount = z.number().finite().min(0).max(LIMITS.amount);
  const positiveAmount = z.number().finite().positive().max(LIMITS.amount);
  const months = z.number().int().min(1).max(LIMITS.termMonths);
  const ratio = z.number().finite().min(0).max(1);
  const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_format' }).refine(isRealDate, {
    message: 'date_invalid',
  });
  const list = <T extends Z.ZodType>(item: T) => z.array(item).max(LIMITS.listLength);
  const nonEmptyList = <T extends Z.ZodType>(item: T) => z.array(item).min(1).max(LIMITS.listLength);

  const sector = z.string().max(16).transform((value, ctx) => {
    const code = normalizeSectorCode(value);
    if (code === undefined) {
      ctx.addIssue({ code: 'custom', message: 'unknown_sector', input: value });
      return z.NEVER;
    }
    return code;
  });
  const region = z.string().refine(isRegionCode, { message: 'unknown_region' });
  const regionPrefix = z.string().refine(isRegionPrefix, { message: 'unknown_region_prefix' });

  const range = <T extends Z.ZodNumber>(n: T) =>
    z.strictObject({ min: n, max: n }).superRefine((r, ctx) => {
      const { min, max } = r as { min: number; max: number };
      if (min > max) ctx.addIssue({ code: 'custom', message: 'min_gt_max', path: ['min'], input: r });
    });

  const stage = z.enum(STAGES);
  const tier = z.enum(SRDI_TIERS);
  const instrument = z.enum(INSTRUMENTS);
  const collateral = z.enum(COLLATERAL_KINDS);

  const srdi = z.strictObject({
    /** Certified tier. */
    tier,
    /** Date the current certificate was granted; validity is 3 years. */
    certifiedOn: date.optional(),
    /** Rule set it was certified under; inferred from `certifiedOn` when absent. */
    ruleSet: z.enum(SRDI_RULE_SETS).optional(),
  });

  const existingLoan = z.strictObject({
    id: id.optional(),
    lenderId: id.optional(),
    amount: positiveAmount,
    maturity: date,
    /** Eligible for renewal without repaying principal first (无还本续贷, products.md A6). */
    renewalWithoutRepayment: z.boolean().default(false),
  });

  const need = z.strictObject({
    amount: positiveAmount,
    termMonths: months,
    instruments: nonEmptyList(instrument),
    purpose: z.enum(PURPOSES),
    /** Highest acceptable annual rate, percent. */
    maxRatePercent: z.number().finite().min(0).max(LIMITS.ratePercent).optional(),
  });

  const chainMembership = z.strictObject({ chainId: id, role: z.enum(CHAIN_ROLES).default('member') });

  const enterprise = z.strictObject({
    id,
    name,
    sector,
    region,
    stage,
    srdi: srdi.default({ tier: 'none' }),
    foundedYear: z.number().int().min(LIMITS.minFoundedYear).max(LIMITS.maxFoundedYear),
    employees: z.number().int().min(0).max(LIMITS.employees),
    annualRevenue: amount,
    rdIntensity: ratio.default(0),
    debtRatio: z.number().finite().min(0).max(5).default(0),
    collateral: list(collateral).default([]),
    chains: list(chainMembership).default([]),
    zones: list(id).default([]),
    policyLists: list(z.enum(POLICY_LISTS)).default([]),
    existingLoans: list(existingLoan).default([]),
    need,
    text: text.default(''),
  });

  const institution = z.strictObject({
    id,
    name,
    kind: z.enum(INSTITUTION_KINDS),
    region: region.optional(),
    text: text.default(''),
  });

  const product = z
    .strictObject({
      id,
      institutionId: id,
      name,
      type: z.enum(PRODUCT_TYPES),
      instrument,
      targetSectors: list(sector).default([]),
      excludedSectors: list(sector).default([]),
      stages: list(stage).default([]),
      minSrdiTier: tier.default('none'),
      amount: range(positiveAmount),
      termMonths: range(months),
      regions: list(regionPrefix).default([]),
      collateral: z
        .strictObject({ required: list(collateral).default([]), accepted: list(collateral).default([]) })
        .default({ required: [], accepted: [] }),
      minYearsOperating: z.number().int().min(0).max(200).optional(),
      minAnnualRevenue: amount.optional(),
      policyTags: list(z.enum(POLICY_TAGS)).default([]),
      requiredPolicyLists: list(z.enum(POLICY_LISTS)).default([]),
      ratePercent: range(z.number().finite().min(0).max(LIMITS.ratePercent)).optional(),
      combinesWith: list(id).default([]),
      chains: list(id).default([]),
      zones: list(id).default([]),
      text: text.default(''),
    })
    .superRefine((p, ctx) => {
      for (const [i, ex] of p.excludedSectors.entries())
        if (p.targetSectors.includes(ex))
          ctx.addIssue({ code: 'custom', message: 'sector_both_target_and_excluded', path: ['excludedSectors', i], input: ex });
    });

  const project = z.strictObject({
    id,
    name,
    sector,
    trl: z.number().int().min(1).max(9),
    round: z.enum(ROUNDS),
    need: z.strictObject({ amount: positiveAmount, instrument }),
    valuation: positiveAmount.optional(),
    region,
    ownerSrdiTier: tier.default('none'),
    ownerEnterpriseId: id.optional(),
    chains: list(id).default([]),
    text: text.default(''),
  });

  const investor = z.strictObject({
    id,
    name,
    kind: z.enum(INVESTOR_KINDS),
    targetSectors: list(sector).default([]),
    excludedSectors: list(sector).default([]),
    rounds: list(z.enum(ROUNDS)).default([]),
    trl: range(z.number().int().min(1).max(9)).optional(),
    ticket: range(positiveAmount),
    regions: list(regionPrefix).default([]),
    capacity: z.number().int().min(0).max(LIMITS.capacity),
    investsVia: z.enum(['direct', 'subfund']).default('direct'),
    thesis: text.default(''),
  });

  const interaction = z.strictObject({
    id,
    subjectKind: z.enum(['enterprise', 'project']),
    subjectId: id,
    itemKind: z.enum(['product', 'investor']),
    itemId: id,
    kind: z.enum(INTERACTION_KINDS),
    date,
    amount: positiveAmount.optional(),
  });

  const chain = z.strictObject({
    id,
    name,
    nameEn: name.optional(),
    sectors: nonEmptyList(sector),
    leaderIds: list(id).default([]),
    productIds: list(id).default([]),
    text: text.default(''),
  });

  const zone = z.strictObject({
    id,
    name,
    nameEn: name.optional(),
    kind: z.enum(ZONE_KINDS),
    sectors: list(sector).default([]),
    regions: list(regionPrefix).default([]),
    productIds: list(id).default([]),
    text: text.default(''),
  });

  return { enterprise, institution, product, project, investor, interaction, chain, zone };
}

/** The schema set returned by {@link buildSchemas}. */
export type Schemas = ReturnType<typeof buildSchemas>;

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 1800 && y <= 2200;
}
