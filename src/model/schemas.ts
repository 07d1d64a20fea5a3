/**
 * zod 4 schemas of every record kind. They are built on first use (see `parse.ts`), so that
 * importing finmatch does not pay for loading zod; the record *types* are inferred from them.
 *
 * @module
 */
import type { z as Z } from 'zod';
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
import { ATTRIBUTE_KEY_PATTERN, LIMITS } from './limits.js';
import { DATE_YEARS } from '../util/dates.js';
import { normalizeField, type TextRule } from './text-rules.js';
import { acceptWhen } from './fast-validate.js';
import {
  canonicalSector,
  DATE_PATTERN,
  predicate,
  type IssueName,
  type RefinementIssue,
  type SectorLists,
} from './predicates.js';

export { DATE_PATTERN } from './predicates.js';

/** Builds every schema with the given zod namespace. */
export function buildSchemas(zod: typeof Z) {
  // Named `zod` here (not `z`) so the bundled declarations do not shadow zod's own `z`.
  const z = zod;
  // Every test below on a value is a named one of predicates.ts, so that a validator written
  // ahead of time from these schemas (standalone-validators.ts) calls the same functions.
  /**
   * A `superRefine` check reporting the issue that issue finder `name` (predicates.ts) finds in
   * a value, if any. "Finds none" is also its sure-pass test in the compiled validator
   * (fast-validate.ts `acceptWhen`), which then skips zod's refinement wrapper for the values
   * that pass.
   */
  const refineBy = <T>(name: Exclude<IssueName, 'sectorConflicts'>, ...args: TextRule[]) => {
    const issueOf = predicate(name, ...args) as (value: T) => RefinementIssue | undefined;
    return acceptWhen(
      z.superRefine<T>((value, ctx) => {
        const issue = issueOf(value);
        if (issue !== undefined) ctx.addIssue(issue);
      }),
      predicate('noIssue', name, ...args) as (value: T) => boolean,
    );
  };
  // Ids, names and free text: see text-rules.ts for what each may hold and how it is
  // normalised (NFC). The check runs before the transform, so a rejected value is reported
  // as it was received.
  const safe = (rule: TextRule) => refineBy<string>('unsafeCharacter', rule);
  /** The transform a text field ends with: NFC, LF line breaks for text; a plain string is kept. */
  const normalized = (rule: TextRule) =>
    acceptWhen(
      z.transform((value: string) => normalizeField(value, rule)),
      predicate('plainText', rule) as (value: string) => boolean,
    );
  const id = z
    .string()
    .min(1)
    .max(LIMITS.idLength)
    // Control characters break CSV/log round-trips; \s alone misses most of them.
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\s\u0000-\u001f]+(?: [^\s\u0000-\u001f]+)*$/, { message: 'id_format' })
    .check(safe('id'))
    .pipe(normalized('id'));
  const name = z
    .string()
    .min(1)
    .max(LIMITS.nameLength)
    .refine(predicate('notBlank') as (value: string) => boolean, { message: 'blank' })
    .check(safe('name'))
    .pipe(normalized('name'));
  const text = z.string().max(LIMITS.textLength).check(safe('text')).pipe(normalized('text'));
  const amount = z.number().finite().min(0).max(LIMITS.amount);
  const positiveAmount = z.number().finite().positive().max(LIMITS.amount);
  const months = z.number().int().min(1).max(LIMITS.termMonths);
  const ratio = z.number().finite().min(0).max(1);
  // One check, so a malformed date yields one issue: `date_format` or `date_invalid`.
  const date = z
    .string()
    .max(10)
    .check(refineBy<string>('date'))
    .meta({
      format: 'date',
      pattern: DATE_PATTERN.source,
      description: `A calendar date YYYY-MM-DD (years ${DATE_YEARS.min}–${DATE_YEARS.max}).`,
    });
  // Custom attributes: fields the data model does not know (a revolving line of credit, a
  // low-documentation programme, urban/rural, a platform's own credit grade) that the learned
  // factors read. Bounded: key pattern, value types and count.
  const attributes = z
    .record(
      z.string().regex(ATTRIBUTE_KEY_PATTERN, { message: 'attribute_key' }),
      z.union([
        z
          .string()
          .min(1)
          .max(LIMITS.attributeValueLength)
          .check(safe('name'))
          .pipe(normalized('name')),
        z.number().finite(),
        z.boolean(),
      ]),
    )
    .check(refineBy<Record<string, unknown>>('attributeCount'))
    .meta({
      description:
        `Custom attributes (at most ${LIMITS.attributeCount}): keys match ${ATTRIBUTE_KEY_PATTERN.source}; ` +
        `values are categorical (a string of 1–${LIMITS.attributeValueLength} characters or a boolean) ` +
        'or numeric (a finite number, bucketed on a log scale). The learned factors read them like ' +
        'built-in features.',
      examples: [{ revLineCr: true, lowDoc: false, urbanRural: 'rural', creditGrade: 'A' }],
    });
  const list = <T extends Z.ZodType>(item: T) => z.array(item).max(LIMITS.listLength);
  const nonEmptyList = <T extends Z.ZodType>(item: T) =>
    z.array(item).min(1).max(LIMITS.listLength);

  const sector = z
    .string()
    .max(16)
    .meta({
      pattern: SECTOR_CODE_PATTERN,
      description:
        'A GB/T 4754-2017 industry code at any level: section letter (C), division (C39 or 39), ' +
        'group (C391 or 391) or class (C3911 or 3911). Spaces, dashes, dots and lower case are ' +
        'tolerated; the code must exist in the standard and is returned in canonical form (C3911).',
      examples: ['C3911', '3911', 'C39', 'I65'],
    })
    .pipe(
      acceptWhen(
        z.transform((value: string, ctx) => {
          const code = canonicalSector(value);
          if (code === undefined) {
            ctx.addIssue({ code: 'custom', message: 'unknown_sector', input: value });
            return z.NEVER;
          }
          return code;
        }),
        // A code already in canonical form is returned as it is.
        predicate('canonicalSector') as (value: string) => boolean,
      ),
    );
  const region = z
    .string()
    .refine(predicate('regionCode') as (value: string) => boolean, { message: 'unknown_region' })
    .meta({
      pattern: '^\\d{6}$',
      description:
        'A 6-digit GB/T 2260 administrative division code (320505); the first two digits must name a province.',
    });
  const regionPrefix = z
    .string()
    .refine(predicate('regionPrefix') as (value: string) => boolean, {
      message: 'unknown_region_prefix',
    })
    .meta({
      pattern: '^(\\d{2}|\\d{4}|\\d{6})$',
      description:
        'A GB/T 2260 region prefix: 2-digit province (32), 4-digit city (3205) or 6-digit district (320505).',
    });

  const range = <T extends Z.ZodNumber>(n: T) => {
    const bounds = z.strictObject({ min: n, max: n });
    return bounds.check(refineBy<Z.output<typeof bounds>>('range'));
  };

  const stage = z.enum(STAGES);
  const tier = z.enum(SRDI_TIERS);
  const instrument = z.enum(INSTRUMENTS);
  const collateral = z.enum(COLLATERAL_KINDS);

  const srdi = z
    .strictObject({
      /** Certified tier. */
      tier,
      /** Date the current certificate was granted; validity is 3 years. */
      certifiedOn: date.optional(),
      /** Rule set it was certified under; inferred from `certifiedOn` when absent. */
      ruleSet: z.enum(SRDI_RULE_SETS).optional(),
    })
    // A certificate cannot have been judged by measures not yet in force (srdi.md §0).
    .check(refineBy<{ certifiedOn?: string; ruleSet?: string }>('srdiRuleSet'));

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

  const chainMembership = z.strictObject({
    chainId: id,
    role: z.enum(CHAIN_ROLES).default('member'),
  });

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
    attributes: attributes.optional(),
  });

  const institution = z.strictObject({
    id,
    name,
    kind: z.enum(INSTITUTION_KINDS),
    region: region.optional(),
    text: text.default(''),
  });

  const sectorConflicts = predicate('sectorConflicts') as (p: SectorLists) => RefinementIssue[];
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
        .strictObject({
          required: list(collateral).default([]),
          accepted: list(collateral).default([]),
        })
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
    // An issue per excluded sector that is also a target sector; none is the sure-pass test.
    .check(
      acceptWhen(
        z.superRefine<SectorLists>((p, ctx) => {
          for (const issue of sectorConflicts(p)) ctx.addIssue(issue);
        }),
        predicate('noIssues', 'sectorConflicts') as (value: SectorLists) => boolean,
      ),
    );

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
    attributes: attributes.optional(),
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

/**
 * Shape of a sector code in a JSON Schema: an optional section letter followed by 2–4 digits,
 * or a section letter alone, with optional separators. Existence in GB/T 4754-2017 is checked
 * by the validator, not by the pattern.
 */
export const SECTOR_CODE_PATTERN =
  '^[\\s\\-_.]*(?:[A-Ta-t][\\s\\-_.]*(?:\\d[\\s\\-_.]*){2,4}|[A-Ta-t][\\s\\-_.]*|(?:\\d[\\s\\-_.]*){2,4})$';
