/**
 * The service's request schemas, in zod: the one source for validating requests (in the
 * routes) and for the OpenAPI document. Records inside requests are validated by the library
 * (`parseBatch`, `parseRecord`) so their errors are the library's, with record id and path;
 * here they are {@link recordOf} placeholders that the OpenAPI generator turns into references
 * to the records' JSON Schemas (the ones shipped in `finmatch/schemas/`).
 *
 * @module
 */
import { z } from 'zod';
import { STORED_KINDS, ROLES, type StoredKind } from '../store/types.js';

/** Largest `k` a ranking request may ask for. */
export const MAX_PAGE_SIZE = 1000;
/** Largest `offset`: deep pages cost as much as a ranking of `offset + k`. */
export const MAX_OFFSET = 100_000;
/** Most records or ids in one batch request. */
export const MAX_BATCH = 50_000;

/** Metadata key marking a record placeholder: `{ recordKind: 'enterprise' }`. */
export const RECORD_KIND_META = 'x-finmatch-record';

/** A record of `kind`, validated by the library (the OpenAPI document references its schema). */
export function recordOf(kind: StoredKind, description = `A ${kind} record`) {
  return z.unknown().meta({ [RECORD_KIND_META]: kind, description });
}

/** URL segment (plural) of each stored kind; events have their own route. */
export const KIND_SEGMENTS = {
  institutions: 'institution',
  chains: 'chain',
  zones: 'zone',
  products: 'product',
  enterprises: 'enterprise',
  investors: 'investor',
  projects: 'project',
} as const satisfies Record<string, Exclude<StoredKind, 'interaction'>>;
export type KindSegment = keyof typeof KIND_SEGMENTS;
export const KIND_SEGMENT_NAMES = Object.keys(KIND_SEGMENTS) as KindSegment[];

const id = z.string().min(1).max(128).describe('A record id');
const k = z
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE)
  .default(10)
  .describe('How many results (page size)');
const offset = z
  .number()
  .int()
  .min(0)
  .max(MAX_OFFSET)
  .default(0)
  .describe('Results to skip (pagination)');
const prefixes = z.array(z.string().min(1).max(32)).max(1000);

const kind = z.enum(KIND_SEGMENT_NAMES).describe('The record kind (plural)');
export const kindParams = z.strictObject({ kind });
export const recordParams = z.strictObject({ kind, id });
export const idParams = z.strictObject({
  id: z.string().min(1).max(128).describe('The id of the resource (ranking, snapshot or key id)'),
});

export const listQuery = z.strictObject({
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
});

export const upsertBody = z.strictObject({
  records: z.array(z.unknown()).min(1).max(MAX_BATCH).describe('Records of the kind in the path'),
});
export const deleteBody = z.strictObject({
  ids: z.array(id).min(1).max(MAX_BATCH),
});
export const eventsBody = z.strictObject({
  events: z
    .array(recordOf('interaction'))
    .min(1)
    .max(MAX_BATCH)
    .describe(
      'Outcome events: viewed, applied, approved, funded, declined (the rejection of an application)',
    ),
});

/** An enterprise by id, or inline (a record not stored, e.g. a prospective applicant). */
const enterpriseRef = {
  enterpriseId: id
    .optional()
    .describe('A stored enterprise; give exactly one of enterpriseId and enterprise'),
  enterprise: recordOf(
    'enterprise',
    'An enterprise record not stored (validated, not kept); exactly one of the two',
  ).optional(),
};
const projectRef = {
  projectId: id.optional().describe('A stored project; give exactly one of projectId and project'),
  project: recordOf(
    'project',
    'A project record not stored (validated, not kept); exactly one of the two',
  ).optional(),
};

export const rankProductsBody = z.strictObject({
  ...enterpriseRef,
  k,
  offset,
  includeIneligible: z
    .boolean()
    .default(false)
    .describe('Also list ineligible products after the eligible ones, with their exclusions'),
});
export const prospectBody = z.strictObject({
  productId: id,
  k,
  offset,
  filter: z
    .strictObject({
      regions: prefixes.optional().describe('Region code prefixes'),
      sectors: prefixes.optional().describe('Sector code prefixes'),
      chains: z.array(id).max(1000).optional().describe('Chain ids'),
      zones: z.array(id).max(1000).optional().describe('Zone ids'),
    })
    .optional(),
});
export const explainBody = z.strictObject({ ...enterpriseRef, productId: id });
export const bundlesBody = z.strictObject({
  ...enterpriseRef,
  k: z.number().int().min(1).max(100).default(5),
});
export const rankInvestorsBody = z.strictObject({ ...projectRef, k, offset });
export const rankProjectsBody = z.strictObject({ investorId: id, k, offset });
export const explainInvestorBody = z.strictObject({ ...projectRef, investorId: id });
export const assignBody = z.strictObject({
  method: z.enum(['stable', 'optimal']).default('stable'),
  projectIds: z.array(id).min(1).max(MAX_BATCH).optional().describe('Default: every project'),
  investorIds: z.array(id).min(1).max(MAX_BATCH).optional().describe('Default: every investor'),
});
export const rankingQuery = z.strictObject({
  verify: z
    .enum(['true', 'false'])
    .default('false')
    .describe('Recompute the ranking from the stored change log and compare'),
});
export const createKeyBody = z.strictObject({
  role: z.enum(ROLES),
  institutionId: id.optional().describe('Required for the institution role, forbidden otherwise'),
  label: z.string().max(200).default(''),
});
export const refitBody = z.strictObject({}).default({});
export const snapshotBody = z.strictObject({}).default({});

/** Ranking operations that are audited and return a `rankingId`. */
export const RANKING_OPERATIONS = [
  'rankProducts',
  'prospect',
  'bundles',
  'rankInvestors',
  'rankProjects',
  'assign',
] as const;
export type RankingOperation = (typeof RANKING_OPERATIONS)[number];

/** Every engine operation and its request schema. */
export const OPERATION_BODIES = {
  rankProducts: rankProductsBody,
  prospect: prospectBody,
  explain: explainBody,
  bundles: bundlesBody,
  rankInvestors: rankInvestorsBody,
  rankProjects: rankProjectsBody,
  explainInvestor: explainInvestorBody,
  assign: assignBody,
} as const;
export type Operation = keyof typeof OPERATION_BODIES;
export type OperationRequest<O extends Operation> = z.output<(typeof OPERATION_BODIES)[O]>;

export { STORED_KINDS };
