/**
 * The service's response schemas, in zod: what every route answers on success
 * ({@link RESPONSES}, one per `operationId`) and on failure ({@link ErrorResponse}). They are
 * the source of the responses in the OpenAPI document (`./openapi.ts`) and of the
 * conformance checks of the route tests, and they mirror the library's TypeScript types
 * (`ProductMatch`, `Explanation`…): the type tests compare the two.
 *
 * Records inside responses are {@link recordOf} placeholders, which the OpenAPI generator
 * turns into references to the records' JSON Schemas. The schemas named in
 * {@link COMPONENTS} become `components.schemas` entries of the document (named classes for
 * a client generator) and are referenced wherever they are used.
 *
 * @module
 */
import { z } from 'zod';
import { ALL_ERROR_CODES } from '../http/errors.js';
import { ROLES, STORED_KINDS, type StoredKind } from '../store/types.js';
import { KIND_SEGMENTS, RANKING_OPERATIONS, recordOf } from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Building blocks

const id = z.string().min(1).max(128);
const seq = z
  .number()
  .int()
  .min(0)
  .describe('A position in the change log (0 before the first write). Use a 64-bit integer.');
const count = z.number().int().min(0);
const unit = z.number().min(0).max(1);
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD');
const timestamp = z.iso
  .datetime({ offset: true })
  .describe('An ISO-8601 timestamp (UTC, e.g. 2026-06-30T08:15:00.000Z)');
const scoreMap = z
  .record(z.string(), z.number())
  .describe('A number per factor (or per part), keyed by its name');
const storedKind = z.enum(STORED_KINDS).describe('A record kind, in the singular');
const role = z.enum(ROLES).describe('The role of an API key');

/** Kinds the record routes serve (every stored kind but outcome events), in URL order. */
const RECORD_KINDS = Object.values(KIND_SEGMENTS) as Exclude<StoredKind, 'interaction'>[];

// ---------------------------------------------------------------------------------------------
// Shared components

/** One problem found in a request or a record: where, what, and what was expected. */
export const ValidationIssue = z
  .object({
    recordId: z.string().optional().describe('The record’s id, when it had a readable one'),
    path: z
      .string()
      .describe(
        'Where the problem is: a field path inside the record (`need.amount`, `sectors[2]`; empty for the record itself) or, for request errors, inside the request (`body.k`, `query.limit`)',
      ),
    code: z
      .string()
      .describe(
        'A machine-readable code: `invalid_type`, `too_small`, `unknown_sector`, `duplicate_id`, `forbidden`, `unknown_id`…',
      ),
    message: z.string().describe('What is wrong, in the language of `Accept-Language`'),
    received: z.string().optional().describe('A short rendering of the value received'),
    expected: z.string().optional().describe('What was expected, in words'),
    suggestion: z
      .string()
      .optional()
      .describe(
        'For an unknown field: the known field it most likely meant (`collateral` for `colateral`)',
      ),
  })
  .describe('One problem found in a request or a record.');

/** A rejected element of a batch: its position, its id and every issue found. */
export const BatchError = z
  .object({
    index: count.describe('Position of the element in the request array, from 0'),
    line: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Line number in a source file, from 1 (file imports only)'),
    id: z.string().optional().describe('The element’s id, when readable'),
    issues: z.array(ValidationIssue).describe('Every issue found (never empty)'),
  })
  .describe(
    'A rejected element of a batch. The other elements of the batch are stored: a batch is not all-or-nothing.',
  );

const ruleValue = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()])
  .describe('A value a rule compared: a number, a code, a flag, a list of codes, or null');

/** The change a subject could make so that a failing rule passes. */
export const RuleChange = z
  .object({
    key: z.string().describe('Shared by every pair needing the same change, e.g. `srdiTier:renew`'),
    label: z.string().describe('The change, in the language of `Accept-Language`'),
    covers: z
      .array(z.string())
      .optional()
      .describe(
        'Keys of weaker changes this one also achieves (`srdiTier:littleGiant` covers `srdiTier:srdi`)',
      ),
  })
  .describe('A change that would make a failing rule pass, named by the rule.');

/** Why a target (product, investor) is ineligible for a subject, with what would fix it. */
export const ExclusionReason = z
  .object({
    rule: z.string().describe('The rule’s name, e.g. `amountRange`'),
    message: z.string().describe('What failed, in the language of `Accept-Language`'),
    actual: ruleValue.describe('What the subject has'),
    required: ruleValue.describe('What the target requires'),
    hint: z
      .string()
      .describe('What would make the pair eligible, e.g. “eligible if the amount is at most …”'),
    change: RuleChange.optional().describe(
      'The change that would make the rule pass, when the subject can make one',
    ),
  })
  .describe(
    'Why a target is ineligible for a subject: the failed rule, what the subject has, what is required, and what would make the pair eligible.',
  );

/** The outcome of one eligibility rule for one pair. */
export const RuleResult = z
  .object({
    rule: z.string().describe('The rule’s name'),
    passed: z
      .boolean()
      .describe('True when the rule does not exclude the pair (it passed or does not apply)'),
    outcome: z
      .enum(['pass', 'fail', 'not-applicable'])
      .describe('`not-applicable`: the target requires nothing this rule checks'),
    message: z
      .string()
      .describe(
        'What the rule checked and found, or why it does not apply, in the requested language',
      ),
    hint: z.string().describe('What would make a failing rule pass (empty otherwise)'),
    change: RuleChange.optional().describe('On a failure: the change that would make it pass'),
    actual: ruleValue.optional().describe('What the subject has, when the rule reports it'),
    required: ruleValue.optional().describe('What the target requires, when the rule reports it'),
  })
  .describe('The outcome of one eligibility rule for one pair.');

const factorValues = z
  .record(z.string(), unit.nullable())
  .describe(
    'Each factor’s raw value in [0, 1], keyed by factor name; null when the factor abstained (no information: its weight went to the other factors)',
  );

/** The subject's and the target's own scores of a two-sided strategy. */
export const SideScores = z
  .object({
    subject: z.number().describe('How well the target suits the subject'),
    target: z.number().describe('How well the subject suits the target'),
  })
  .describe('Two-sided strategies: the subject’s and the target’s own scores.');

const matchBase = {
  score: unit.describe('The match score, in [0, 1]; higher is better'),
  rank: z.number().int().min(1).describe('1-based position in the whole ranking (not the page)'),
  contributions: scoreMap.describe(
    'Each factor’s contribution to `score`, by factor name; for additive strategies they add up to `score`',
  ),
  factors: factorValues,
  sides: SideScores.optional(),
  rules: z
    .array(RuleResult)
    .optional()
    .describe('Every rule’s outcome (only when rule outcomes were asked for)'),
  eligible: z
    .literal(false)
    .optional()
    .describe(
      'Present (false) only on the ineligible results that `includeIneligible` appends after every eligible one',
    ),
  exclusions: z
    .array(ExclusionReason)
    .optional()
    .describe('On ineligible results: every rule that failed, with its hint'),
};

/** A financial product ranked for an enterprise. */
export const ProductMatch = z
  .object({ productId: id.describe('The product’s id'), ...matchBase })
  .describe('A financial product ranked for an enterprise.');
/** An enterprise found when prospecting for a product. */
export const EnterpriseMatch = z
  .object({ enterpriseId: id.describe('The enterprise’s id'), ...matchBase })
  .describe('An enterprise found when prospecting for a product.');
/** An investor ranked for an S&T project. */
export const InvestorMatch = z
  .object({ investorId: id.describe('The investor’s id'), ...matchBase })
  .describe('An investor ranked for an S&T project.');
/** An S&T project ranked for an investor. */
export const ProjectMatch = z
  .object({ projectId: id.describe('The project’s id'), ...matchBase })
  .describe('An S&T project ranked for an investor.');

/** A set of complementary products that together cover an enterprise's financing need. */
export const ProductBundle = z
  .object({
    productIds: z.array(id).describe('Product ids, the anchor (largest share) first'),
    score: z.number().describe('The bundle’s score; higher is better'),
    rank: z.number().int().min(1).describe('1-based position'),
    coverage: scoreMap.describe('Share of the need amount each product covers, by product id'),
    covered: unit.describe('Fraction of the need covered in total, in [0, 1]'),
    contributions: scoreMap.describe(
      'Each part’s contribution to the bundle score (they add up to `score`)',
    ),
    summary: z.array(z.string()).describe('Why this combination, in the requested language'),
    alternatives: z
      .record(id, z.array(id))
      .describe(
        'Interchangeable members: for a product of `productIds`, the products that can replace it at the same score (equivalent bundles collapsed into this one)',
      ),
    reason: z
      .string()
      .describe(
        'One line: why this bundle is listed and how it differs from the better-placed ones',
      ),
  })
  .describe('Complementary products that together cover an enterprise’s financing need.');

/** The full explanation of one subject–target pair, eligible or not. */
export const Explanation = z
  .object({
    subjectId: id.describe('The enterprise’s or project’s id'),
    targetId: id.describe('The product’s or investor’s id'),
    eligible: z.boolean().describe('Whether every eligibility rule passed'),
    score: unit.describe('The score when eligible, else 0'),
    rules: z.array(RuleResult).describe('Every rule’s outcome, passed and failed'),
    exclusions: z.array(ExclusionReason).describe('The failed rules only, with hints'),
    contributions: scoreMap.describe(
      'Each factor’s contribution to the score (they add up to `score` for additive strategies)',
    ),
    factors: factorValues,
    abstained: z
      .array(z.string())
      .describe('Factors that abstained and had their weight redistributed'),
    weights: scoreMap.describe(
      'The weights the score really used, by factor (after redistribution; an abstaining factor has 0)',
    ),
    evidence: z
      .record(z.string(), z.array(z.string()))
      .describe(
        'The evidence behind learned factors’ values, by factor name, one line each, in the requested language',
      ),
    summary: z.array(z.string()).describe('Human-readable summary lines in the requested language'),
    strategy: z.string().describe('The ranking strategy’s name'),
    profile: z
      .object({ name: z.string(), version: z.string() })
      .describe('The profile (rules, factors, weights) the pair was scored with'),
  })
  .describe('The full explanation of one pair: rules, factor values, contributions, weights.');

/** A project assigned to an investor, with the pair's score. */
export const ProjectInvestorPair = z
  .object({
    projectId: id,
    investorId: id,
    score: z.number().describe('The pair’s combined score'),
  })
  .describe('A project assigned to an investor.');

/** Both markets' model hashes: which profile (rules, factors, weights) each market ranks with. */
export const ProfileHashes = z
  .object({
    enterpriseProduct: z.string().describe('Hash of the enterprise–product profile'),
    projectInvestor: z.string().describe('Hash of the project–investor profile'),
  })
  .describe('The hash of the profile each market ranks with.');

/** Records held by an engine worker, per kind. */
export const RecordCounts = z
  .object(
    Object.fromEntries(STORED_KINDS.map((k) => [k, count])) as Record<StoredKind, typeof count>,
  )
  .describe('How many records of each kind the engine holds (`interaction`: outcome events).');

/** One engine worker's state. */
export const WorkerStatus = z
  .object({
    index: count.describe('The worker’s number'),
    ready: z.boolean().describe('Whether the worker has built its engine and takes calls'),
    refitting: z.boolean().describe('Whether the worker is refitting now'),
    seq: seq.optional().describe('The last change the worker applied'),
    modelSeq: seq.optional().describe('The change-log position the model was fitted at'),
    modelVersion: z.string().optional().describe('The model’s label, `m<modelSeq>`'),
    pendingEvents: count
      .optional()
      .describe('Outcome events received after `modelSeq`, waiting for the next refit'),
    asOf: isoDate.optional().describe('The evaluation date of the worker’s engine'),
    buildMs: z.number().min(0).optional().describe('Milliseconds the last build took'),
    quarantined: count
      .optional()
      .describe('Records held but left out of matching (see GET /v1/quarantine)'),
    counts: RecordCounts.optional(),
    profileHashes: ProfileHashes.optional(),
  })
  .describe('One engine worker. The state fields are absent until the worker has built once.');

/** A stored record the engine leaves out of matching, with the reasons. */
export const QuarantinedRecord = z
  .object({
    kind: storedKind,
    id,
    issues: z.array(ValidationIssue).describe('Why the record is left out'),
  })
  .describe(
    'A stored record the engine leaves out of matching (a dangling reference, an event dated after asOf), with why.',
  );

/** A stored snapshot's metadata. */
export const SnapshotInfo = z
  .object({
    id: z.string().describe('The snapshot’s id (`snap_…`), for GET /v1/snapshots/{id}'),
    createdAt: timestamp,
    recordSeq: seq.describe('The change-log position the snapshot holds the records of'),
    contentHash: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .describe('`sha256:` and the hex SHA-256 of the snapshot’s bytes'),
    bytes: count.describe('Size of the snapshot’s content, bytes'),
  })
  .describe('A stored snapshot of both markets.');

/** An API key as listed: never its secret. */
/** Names of one list of codes, by code. */
const codeNames = (what: string) =>
  z.record(z.string(), z.string()).describe(`Names of the ${what}, by code`);

/** One rule or factor of a profile, named for people. */
export const ProfilePart = z
  .object({
    name: z.string().describe('The name explanations use (`rules[].rule`, `contributions` keys)'),
    label: z.string().describe('A short name in the caller’s language (the name when it has none)'),
    description: z.string().describe('What it checks or measures, in the caller’s language'),
  })
  .describe('A rule or factor of a profile.');

export const ApiKey = z
  .object({
    id: z.string().describe('The key’s public id (the part between `fmk_` and the secret)'),
    role,
    institutionId: id
      .nullable()
      .describe('The institution an `institution` key acts for; null for other roles'),
    label: z.string().describe('A free label given at creation'),
    createdAt: timestamp,
    revokedAt: timestamp.nullable().describe('When the key was revoked; null while it is valid'),
  })
  .describe('An API key as listed: its id, role and dates, never its secret.');

/** The error object inside every error response. */
export const ErrorDetail = z
  .object({
    code: z
      .enum(ALL_ERROR_CODES)
      .describe(
        'A stable machine-readable code; the HTTP status follows from it (VALIDATION_FAILED 422, UNKNOWN_ID 404, INVALID_REQUEST 400, UNAUTHORIZED 401, FORBIDDEN 403, RATE_LIMITED 429, TIMEOUT and NOT_READY 503…)',
      ),
    message: z.string().describe('What went wrong, in the language of `Accept-Language`'),
    issues: z
      .array(ValidationIssue)
      .optional()
      .describe('Every problem found, for request and record validation errors'),
    option: z.string().optional().describe('The request field at fault, for INVALID_OPTION'),
    id: z.string().optional().describe('The unknown id, for UNKNOWN_ID'),
    requestId: z
      .string()
      .describe('The request’s id, as logged by the service: quote it when reporting a problem'),
  })
  .describe('What went wrong.');

/** The body of every error response: `{ "error": { code, message, …, requestId } }`. */
export const ErrorResponse = z
  .object({ error: ErrorDetail })
  .describe(
    'The body of every error response. Branch on `error.code`, not on the message (which is localised).',
  );

// ---------------------------------------------------------------------------------------------
// Responses

/** The fields every ranking and explanation carries: the state it was computed from. */
const provenance = {
  modelVersion: z.string().describe('The model’s label, `m<modelSeq>`'),
  modelSeq: seq.describe('The change-log position of the last outcome event the model learned'),
  recordSeq: seq.describe('The change-log position of the records the answer saw'),
  asOf: isoDate.describe('The evaluation date (certificate validity, years operating…)'),
  profileHash: z.string().describe('Hash of the profile (rules, factors, weights) used'),
};

/** An audited ranking: its id, its operation, its provenance and the operation's fields. */
function ranked<S extends z.ZodRawShape>(
  operation: (typeof RANKING_OPERATIONS)[number],
  shape: S,
  description: string,
) {
  return z
    .object({
      rankingId: z
        .string()
        .regex(/^rnk_/)
        .describe('The audit id of this ranking: GET /v1/rankings/{rankingId} shows it again'),
      operation: z.literal(operation).describe('The engine operation that produced the ranking'),
      ...provenance,
      ...shape,
    })
    .describe(description);
}

/** A page of ranked items. */
function page<T extends z.ZodType>(item: T) {
  return {
    items: z.array(item).describe('The results of this page, best first'),
    offset: count.describe('Results skipped before `items` (the request’s offset)'),
    hasMore: z.boolean().describe('Whether a next page exists (ask again with offset + k)'),
  };
}

function explained(description: string) {
  return z.object({ ...provenance, explanation: Explanation }).describe(description);
}

/** Capitalised kind: the name of the record's component schema. */
function title(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** `GET /v1/records/{kind}`: one variant per kind, so each record is checked against its schema. */
const recordPages = Object.fromEntries(
  RECORD_KINDS.map((kind) => [
    `${title(kind)}Records`,
    z
      .object({
        kind: z.literal(kind),
        total: count.describe('How many records of the kind are stored (that the key may see)'),
        offset: count.describe('Records skipped before `records` (the request’s offset)'),
        records: z.array(recordOf(kind)).describe('The records, by id'),
      })
      .describe(`A page of stored ${kind} records.`),
  ]),
) as Record<string, z.ZodObject>;

/** `GET /v1/records/{kind}/{id}`: one variant per kind. */
const storedRecords = Object.fromEntries(
  RECORD_KINDS.map((kind) => [
    `Stored${title(kind)}`,
    z
      .object({
        kind: z.literal(kind),
        seq: seq.describe('The change-log position of the record’s last write'),
        record: recordOf(kind),
      })
      .describe(`A stored ${kind} record.`),
  ]),
) as Record<string, z.ZodObject>;

function batchResult(verb: 'accepted' | 'deleted', description: string) {
  return z
    .object({
      kind: storedKind,
      [verb]: count.describe(`How many records were ${verb}`),
      ids: z.array(id).describe(`The ids ${verb}, in request order`),
      seq: seq.describe(
        'The change-log position after the write: later rankings on this replica see it',
      ),
      errors: z.array(BatchError).describe('Every rejected element, by index (empty when none)'),
    })
    .describe(description);
}

const assignResult = ranked(
  'assign',
  {
    method: z.enum(['stable', 'optimal']).describe('The assignment method used'),
    assignments: z.array(ProjectInvestorPair).describe('The assignment, by project id'),
    unassigned: z.array(id).describe('Projects left without an investor, by id'),
    totalScore: z.number().describe('Sum of the assigned pairs’ scores'),
    capacityUse: z
      .record(
        z.string(),
        z.object({
          used: count.describe('Places used'),
          capacity: count.describe('The investor’s capacity'),
        }),
      )
      .describe('By investor id: places used and capacity'),
    eligiblePairs: count.describe('How many project–investor pairs were eligible'),
  },
  'An assignment of projects to investors, audited like a ranking.',
);

const auditFields = {
  rankingId: z.string().describe('The ranking’s id'),
  createdAt: timestamp,
  keyId: z.string().describe('The id of the key that asked'),
  institutionId: id.nullable().describe('The institution of that key, if any'),
  operation: z.enum(RANKING_OPERATIONS).describe('The engine operation'),
  request: z
    .unknown()
    .describe('The request body as normalised (defaults filled in): enough to recompute'),
  locale: z.enum(['zh', 'en']).describe('The language the ranking was produced in'),
  result: z
    .unknown()
    .describe(
      'What was shown: the operation’s answer without `rankingId`, `operation` and the provenance fields (e.g. `{ items, offset, hasMore }`)',
    ),
  recordSeq: seq.describe('The change-log position of the records the ranking saw'),
  modelSeq: seq.describe('The change-log position the model was fitted at'),
  modelVersion: z.string(),
  profileHash: z.string(),
  asOf: isoDate,
  verification: z
    .object({
      reproduced: z
        .boolean()
        .describe('Whether recomputing from the change log gave exactly the stored result'),
      ms: count.describe('Milliseconds the recomputation took'),
      recomputed: z
        .unknown()
        .optional()
        .describe('The recomputed result, only when it differs from `result`'),
    })
    .optional()
    .describe('Only with ?verify=true'),
};

/**
 * Named schemas shared by several responses: each becomes `components.schemas.<name>` in the
 * OpenAPI document and is referenced where it is used.
 */
export const COMPONENTS: Readonly<Record<string, z.ZodType>> = {
  ValidationIssue,
  BatchError,
  ExclusionReason,
  RuleResult,
  SideScores,
  ProductMatch,
  EnterpriseMatch,
  InvestorMatch,
  ProjectMatch,
  ProductBundle,
  Explanation,
  ProjectInvestorPair,
  ProfileHashes,
  RecordCounts,
  WorkerStatus,
  ProfilePart,
  QuarantinedRecord,
  SnapshotInfo,
  ApiKey,
  ErrorDetail,
  ErrorResponse,
  ...recordPages,
  ...storedRecords,
};

/**
 * The success response of every operation, by `operationId`: every route of `ROUTES`, plus
 * `openapi` (`GET /v1/openapi.json`) and `metrics` (`GET /metrics`, Prometheus text).
 */
export const RESPONSES: Readonly<Record<string, z.ZodType>> = {
  health: z
    .object({ status: z.literal('ok') })
    .describe('The process answers. Says nothing about the engine or the database.'),
  ready: z
    .object({
      status: z.literal('ready'),
      seq: seq.describe('The last change committed to the database'),
      appliedSeq: seq.describe('The last change this replica’s engine has pulled'),
    })
    .describe('The engine is built and the database answers.'),
  upsertRecords: batchResult(
    'accepted',
    'What was stored and what was rejected. A batch with bad records still answers 200: check `errors`.',
  ),
  deleteRecords: batchResult(
    'deleted',
    'What was deleted; ids not stored (or not the key’s) are reported in `errors`.',
  ),
  listRecords: z
    .discriminatedUnion('kind', Object.values(recordPages) as [z.ZodObject, ...z.ZodObject[]])
    .describe(
      'A page of stored records. `kind` (singular: `enterprise` for /v1/records/enterprises) tells the records’ schema.',
    ),
  getRecord: z
    .discriminatedUnion('kind', Object.values(storedRecords) as [z.ZodObject, ...z.ZodObject[]])
    .describe(
      'A stored record. `kind` (singular: `enterprise` for /v1/records/enterprises/{id}) tells the record’s schema.',
    ),
  postEvents: batchResult(
    'accepted',
    'What was stored and what was rejected (`kind` is `interaction`). Check `errors`.',
  ),
  rankProducts: ranked(
    'rankProducts',
    page(ProductMatch),
    'Products ranked for the enterprise, best first: a page of the ranking.',
  ),
  prospectEnterprises: ranked(
    'prospect',
    page(EnterpriseMatch),
    'Enterprises ranked for the product, best first: a page of the ranking.',
  ),
  explainPair: explained('The explanation of one enterprise–product pair.'),
  recommendBundles: ranked(
    'bundles',
    { items: z.array(ProductBundle).describe('The bundles, best first') },
    'Complementary product combinations, best first.',
  ),
  rankInvestors: ranked(
    'rankInvestors',
    page(InvestorMatch),
    'Investors ranked for the project, best first: a page of the ranking.',
  ),
  rankProjects: ranked(
    'rankProjects',
    page(ProjectMatch),
    'Projects ranked for the investor, best first: a page of the ranking.',
  ),
  explainProjectInvestor: explained('The explanation of one project–investor pair.'),
  assign: assignResult,
  getRanking: z
    .object(auditFields)
    .describe('An audited ranking: what was shown, to which key, and the state it came from.'),
  getProfile: z
    .object({
      market: z.literal('enterpriseProduct').describe('The market the profile ranks'),
      name: z.string().describe('The profile’s name'),
      version: z.string().describe('The profile’s version'),
      strategy: z.string().describe('The ranking strategy’s name'),
      profileHash: z
        .string()
        .describe('The profile’s hash, as in every ranking’s `profileHash` (`sha256:…`)'),
      rules: z.array(ProfilePart).describe('The eligibility rules, in the order they are checked'),
      factors: z.array(ProfilePart).describe('The factors, in profile order'),
      codeNames: z
        .object({
          stage: codeNames('development stages'),
          srdiTier: codeNames('SRDI tiers'),
          instrument: codeNames('financing instruments'),
          collateral: codeNames('collateral kinds'),
          policyList: codeNames('official lists'),
        })
        .describe(
          'Names of the codes records and rule results use (`actual`, `required` of the stage, srdiTier, instrument, collateral and policyList rules), in the caller’s language',
        ),
    })
    .describe(
      'The enterprise–product profile’s rules and factors, with their labels and descriptions in the caller’s language.',
    ),
  getModel: z
    .object({
      pulledSeq: seq.describe('The last change this replica has pulled from the change log'),
      workers: z.array(WorkerStatus).describe('Every engine worker of this replica'),
    })
    .describe('The model each engine worker of this replica runs.'),
  refitModel: z
    .object({
      modelVersion: z.string().describe('The new model’s label'),
      modelSeq: seq.describe('The change-log position the model was fitted at'),
      asOf: isoDate,
      buildMs: z.number().min(0).describe('Milliseconds the build took'),
      events: count.describe('Outcome events the model learned from'),
    })
    .describe('The refitted model.'),
  listQuarantined: z
    .object({ records: z.array(QuarantinedRecord).describe('By kind, then id') })
    .describe('Stored records the engine leaves out of matching.'),
  createSnapshot: SnapshotInfo,
  listSnapshots: z
    .object({ snapshots: z.array(SnapshotInfo).describe('By creation time, then id') })
    .describe('The stored snapshots.'),
  getSnapshot: z
    .object({
      format: z.literal('finmatch.service-snapshot'),
      formatVersion: z.literal(1),
      recordSeq: seq.describe('The change-log position of the records held'),
      modelVersion: z.string().describe('The model’s label when the snapshot was taken'),
      asOf: isoDate,
      enterpriseProduct: z
        .string()
        .describe(
          'The enterprise–product market as a library snapshot (format 2), a JSON text: `loadSnapshot` reads it',
        ),
      projectInvestor: z
        .string()
        .describe('The project–investor market as a library snapshot (format 2), a JSON text'),
    })
    .describe(
      'A stored snapshot’s content: both markets in the library’s snapshot format, served byte for byte as stored.',
    ),
  createKey: z
    .object({
      key: z
        .string()
        .regex(/^fmk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/)
        .describe(
          'The new key, shown this once (only its hash is stored). Send it as `Authorization: Bearer <key>` or `X-API-Key: <key>`.',
        ),
      ...ApiKey.shape,
    })
    .describe('The created key, with its secret (shown once).'),
  listKeys: z
    .object({ keys: z.array(ApiKey).describe('By creation time, then id') })
    .describe('The API keys the caller may see, without their secrets.'),
  revokeKey: z
    .object({ id: z.string().describe('The revoked key’s id'), revoked: z.literal(true) })
    .describe('The key is revoked: every replica refuses it within 5 seconds.'),
  openapi: z
    .record(z.string(), z.unknown())
    .describe('This OpenAPI 3.1 document (also shipped as `finmatch/openapi.json`).'),
  metrics: z
    .string()
    .describe(
      'Prometheus metrics in the text exposition format: request latency by route, records held by kind, change-log position and model version.',
    ),
};
