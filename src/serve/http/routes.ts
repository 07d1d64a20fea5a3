/**
 * The service's routes, as one table (`ROUTES`): what each does, who may call it, what it
 * accepts and returns. Authorisation is declared here per route (roles) and enforced inside
 * handlers per record (an institution key reaches only its institution's products).
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { ValidationIssue } from '../../errors.js';
import type { BatchError } from '../../model/parse.js';
import { canonicalJson } from '../../util/canonical.js';
import { newKey, publicKey, type Caller } from '../auth.js';
import type { Scope } from '../engine/operations.js';
import type { StateInfo } from '../engine/state.js';
import {
  assignBody,
  bundlesBody,
  createKeyBody,
  deleteBody,
  eventsBody,
  explainBody,
  explainInvestorBody,
  idParams,
  KIND_SEGMENTS,
  kindParams,
  listQuery,
  prospectBody,
  rankingQuery,
  rankInvestorsBody,
  rankProductsBody,
  rankProjectsBody,
  recordParams,
  refitBody,
  snapshotBody,
  upsertBody,
  type Operation,
} from '../api/schemas.js';
import type { RankingRow, StoredKind, WriteOp } from '../store/types.js';
import type { RouteContext, RouteDef } from './context.js';
import { serviceError } from './errors.js';
import { enterpriseProductProfileOf, unknownIdError } from '../engine/state.js';
import { pick, type LocalizedText } from '../../i18n/locale.js';
import { SRDI_TIER_NAMES, STAGE_NAMES } from '../../taxonomy/ladders.js';
import {
  COLLATERAL_NAMES,
  INSTRUMENT_NAMES,
  POLICY_LIST_NAMES,
} from '../../engine/explain/labels.js';
import { profileHash } from '../../engine/profiles/spec.js';
import type { EnterpriseProductProfile } from '../../engine/types.js';

const ALL = ['platform', 'institution', 'analyst'] as const;
const READERS = ['platform', 'analyst'] as const;
const PLATFORM = ['platform'] as const;

type Ctx<P = unknown, Q = unknown, B = unknown> = RouteContext<P, Q, B>;

/** Kinds an institution key may read: the market it prospects in, and its own products. */
const INSTITUTION_READABLE: ReadonlySet<StoredKind> = new Set([
  'enterprise',
  'chain',
  'zone',
  'institution',
  'product',
]);

function scopeOf(ctx: Ctx): Scope {
  const own = ctx.caller?.institutionId;
  return { locale: ctx.locale, ...(own !== undefined ? { institutionId: own } : {}) };
}

/** An id the caller cannot see (absent, or another institution's). */
function unknownId(ctx: Ctx, what: Parameters<typeof unknownIdError>[0], id: string) {
  return unknownIdError(what, id, ctx.locale);
}

function forbidden(ctx: Ctx, detail?: string) {
  return serviceError('FORBIDDEN', ctx.locale, detail);
}

/** A per-record error for a record the key may not write. */
function notYours(ctx: Ctx, id: string | undefined, index: number, path: string): BatchError {
  const en = ctx.locale === 'en';
  const issue: ValidationIssue = {
    ...(id !== undefined ? { recordId: id } : {}),
    path,
    code: 'forbidden',
    message: en
      ? `an institution key writes only its own institution's (${ctx.caller?.institutionId}) products and their events`
      : `机构密钥只能写入本机构（${ctx.caller?.institutionId}）的产品及其事件`,
    expected: ctx.caller?.institutionId ?? '',
  };
  return { index, ...(id !== undefined ? { id } : {}), issues: [issue] };
}

function firstIndex(values: readonly unknown[]): Map<string, number> {
  const map = new Map<string, number>();
  values.forEach((v, i) => {
    const id = (v as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && !map.has(id)) map.set(id, i);
  });
  return map;
}

/**
 * Stores `ops` in one transaction and makes them visible on this replica; returns the log
 * position of the last one (the head when there was nothing to write).
 */
async function commit(ctx: Ctx, ops: readonly WriteOp[]): Promise<number> {
  const { store, host } = ctx.services;
  if (ops.length === 0) return store.headSeq();
  const seqs = await store.write(ops);
  const seq = seqs[seqs.length - 1]!;
  await host.acknowledge(seq);
  return seq;
}

/** The kind a write route names, if the caller may write it (institutions: products only). */
function writableKind(ctx: Ctx<z.output<typeof kindParams>>): StoredKind {
  const kind = KIND_SEGMENTS[ctx.params.kind];
  if (ctx.caller?.institutionId !== undefined && kind !== 'product')
    throw forbidden(ctx, ctx.params.kind);
  return kind;
}

/** Validates a batch on a worker, applies the caller's rights, stores the good records. */
async function writeBatch(
  ctx: Ctx,
  kind: StoredKind,
  values: unknown[],
  allowed: (record: Record<string, unknown>) => Promise<boolean> | boolean,
  extraCheck?: (record: Record<string, unknown>, index: number) => Promise<BatchError | undefined>,
) {
  const { host } = ctx.services;
  const result = await host.validate<Record<string, unknown>>(kind, values, ctx.locale);
  const errors: BatchError[] = [...result.errors];
  const index = firstIndex(values);
  const good: Record<string, unknown>[] = [];
  for (const record of result.records) {
    const id = record.id as string;
    const at = index.get(id) ?? -1;
    if (!(await allowed(record))) {
      errors.push(notYours(ctx, id, at, kind === 'interaction' ? 'itemId' : 'institutionId'));
      continue;
    }
    const problem = await extraCheck?.(record, at);
    if (problem) errors.push(problem);
    else good.push(record);
  }
  errors.sort((a, b) => a.index - b.index);
  const ops: WriteOp[] = good.map((r) => ({ kind, id: r.id as string, body: r }));
  const seq = await commit(ctx, ops);
  return { kind, accepted: good.length, ids: good.map((r) => r.id as string), seq, errors };
}

/** Whether a product id belongs to the caller's institution (absent products: not theirs). */
async function ownsProduct(ctx: Ctx, productId: string): Promise<boolean> {
  const own = ctx.caller?.institutionId;
  if (own === undefined) return true;
  const stored = await ctx.services.store.getRecord('product', productId);
  return (stored?.body as { institutionId?: string } | undefined)?.institutionId === own;
}

function rankingId(): string {
  return `rnk_${Date.now().toString(36)}${randomBytes(10).toString('hex')}`;
}

/** The fields every ranking response carries: where it came from. */
function provenance(info: StateInfo, operation: Operation) {
  const market =
    operation === 'rankInvestors' || operation === 'rankProjects' || operation === 'assign'
      ? 'projectInvestor'
      : 'enterpriseProduct';
  return {
    modelVersion: info.modelVersion,
    modelSeq: info.modelSeq,
    recordSeq: info.seq,
    asOf: info.asOf,
    profileHash: info.profileHashes[market],
  };
}

/** Runs an audited ranking: computes on a worker, stores the audit row, answers with its id. */
async function ranking(ctx: Ctx<unknown, unknown, unknown>, operation: Operation) {
  const scope = scopeOf(ctx);
  const { value, info } = await ctx.services.host.call(operation, ctx.body, scope);
  const id = rankingId();
  const meta = provenance(info, operation);
  const row: RankingRow = {
    id,
    createdAt: new Date().toISOString(),
    keyId: ctx.caller!.keyId,
    institutionId: ctx.caller!.institutionId ?? null,
    operation,
    request: { body: ctx.body, scope },
    result: value,
    recordSeq: meta.recordSeq,
    modelSeq: meta.modelSeq,
    modelVersion: meta.modelVersion,
    profileHash: meta.profileHash,
    asOf: meta.asOf,
  };
  await ctx.services.store.insertRanking(row);
  return { rankingId: id, operation, ...meta, ...(value as object) };
}

/** A non-audited engine call (explanations). */
async function plain(ctx: Ctx, operation: Operation) {
  const { value, info } = await ctx.services.host.call(operation, ctx.body, scopeOf(ctx));
  return { ...provenance(info, operation), explanation: value };
}

function readKind(ctx: Ctx<z.output<typeof kindParams>>): StoredKind {
  const kind = KIND_SEGMENTS[ctx.params.kind];
  if (ctx.caller?.role === 'institution' && !INSTITUTION_READABLE.has(kind))
    throw forbidden(ctx, ctx.params.kind);
  return kind;
}

/** Kinds whose records list product ids (`productIds`): chains and zones. */
const LISTS_PRODUCTS: ReadonlySet<StoredKind> = new Set(['chain', 'zone']);

/**
 * Records as the caller may see them: for an institution key, the `productIds` of chains and
 * zones keep only its own products (another institution's product is an unknown id to it,
 * even by name in a list).
 */
async function visibleRecords(
  ctx: Ctx,
  kind: StoredKind,
  bodies: readonly unknown[],
): Promise<unknown[]> {
  const own = ctx.caller?.institutionId;
  if (own === undefined || !LISTS_PRODUCTS.has(kind)) return [...bodies];
  const mine = new Set<string>();
  for (let offset = 0; ; offset += 10_000) {
    const page = await ctx.services.store.listRecords('product', {
      offset,
      limit: 10_000,
      institutionId: own,
    });
    for (const r of page.records) mine.add(r.id);
    if (page.records.length < 10_000) break;
  }
  return bodies.map((body) => {
    const record = body as { productIds?: unknown };
    return Array.isArray(record.productIds)
      ? { ...record, productIds: record.productIds.filter((id: string) => mine.has(id)) }
      : body;
  });
}

/** The enterprise–product profile of a service's configuration, built once per configuration. */
const profiles = new WeakMap<object, EnterpriseProductProfile>();
function profileOf(ctx: Ctx): EnterpriseProductProfile {
  let profile = profiles.get(ctx.services.config);
  if (profile === undefined) {
    profile = enterpriseProductProfileOf(ctx.services.config);
    profiles.set(ctx.services.config, profile);
  }
  return profile;
}

/** The code lists whose names `GET /v1/model/profile` gives (rules report these codes). */
const CODE_NAMES: Readonly<Record<string, Readonly<Record<string, LocalizedText>>>> = {
  stage: STAGE_NAMES,
  srdiTier: SRDI_TIER_NAMES,
  instrument: INSTRUMENT_NAMES,
  collateral: COLLATERAL_NAMES,
  policyList: POLICY_LIST_NAMES,
};

/** Every route of the service. */
export const ROUTES: readonly RouteDef[] = [
  {
    method: 'GET',
    url: '/v1/health',
    operationId: 'health',
    summary: 'Liveness: the process answers (no key needed)',
    tag: 'operations',
    roles: 'public',
    handler: async () => ({ status: 'ok' }),
  },
  {
    method: 'GET',
    url: '/v1/ready',
    operationId: 'ready',
    summary: 'Readiness: the engine is built and the database answers (503 otherwise)',
    tag: 'operations',
    roles: 'public',
    handler: async (c) => {
      const ctx = c as Ctx;
      if (!ctx.services.host.ready) throw serviceError('NOT_READY', ctx.locale);
      const seq = await ctx.services.store.headSeq();
      return { status: 'ready', seq, appliedSeq: ctx.services.host.status().pulledSeq };
    },
  },
  {
    method: 'POST',
    url: '/v1/records/:kind',
    operationId: 'upsertRecords',
    summary: 'Add or replace records of one kind (good records stored, bad ones reported)',
    description:
      'Each record is validated by the library; every bad record is reported with its index, id, field path and what was expected, and the good ones are stored and visible to the next request on this replica. An institution key may write only products of its own institution.',
    tag: 'records',
    roles: ['platform', 'institution'],
    params: kindParams,
    body: upsertBody,
    writes: true,
    handler: async (c) => {
      const ctx = c as Ctx<z.output<typeof kindParams>, unknown, z.output<typeof upsertBody>>;
      const kind = writableKind(ctx);
      const own = ctx.caller?.institutionId;
      return writeBatch(
        ctx,
        kind,
        ctx.body.records,
        async (r) =>
          own === undefined ||
          (r.institutionId === own && (await isNewOrOwnProduct(ctx, r.id as string))),
      );
    },
  },
  {
    method: 'POST',
    url: '/v1/records/:kind/delete',
    operationId: 'deleteRecords',
    summary: 'Delete records of one kind by id (unknown ids reported)',
    tag: 'records',
    roles: ['platform', 'institution'],
    params: kindParams,
    body: deleteBody,
    writes: true,
    handler: async (c) => {
      const ctx = c as Ctx<z.output<typeof kindParams>, unknown, z.output<typeof deleteBody>>;
      const kind = writableKind(ctx);
      const own = ctx.caller?.institutionId;
      const errors: BatchError[] = [];
      const ops: WriteOp[] = [];
      const seen = new Set<string>();
      const en = ctx.locale === 'en';
      for (const [index, id] of ctx.body.ids.entries()) {
        if (seen.has(id)) continue;
        seen.add(id);
        const stored = await ctx.services.store.getRecord(kind, id);
        const visible =
          stored !== undefined &&
          (own === undefined || (stored.body as { institutionId?: string }).institutionId === own);
        if (!visible) {
          errors.push({
            index,
            id,
            issues: [
              {
                recordId: id,
                path: `ids[${index}]`,
                code: 'unknown_id',
                message: en
                  ? `no ${kind} ${JSON.stringify(id)} is stored`
                  : `没有已存储的 ${JSON.stringify(id)}`,
              },
            ],
          });
          continue;
        }
        ops.push({ kind, id, body: null });
      }
      const seq = await commit(ctx, ops);
      return { kind, deleted: ops.length, ids: ops.map((o) => o.id), seq, errors };
    },
  },
  {
    method: 'GET',
    url: '/v1/records/:kind',
    operationId: 'listRecords',
    summary: 'List stored records of one kind, by id, with offset and limit',
    tag: 'records',
    roles: ALL,
    params: kindParams,
    query: listQuery,
    handler: async (c) => {
      const ctx = c as Ctx<z.output<typeof kindParams>, z.output<typeof listQuery>>;
      const kind = readKind(ctx);
      const own = ctx.caller?.institutionId;
      const { total, records } = await ctx.services.store.listRecords(kind, {
        offset: ctx.query.offset,
        limit: ctx.query.limit,
        ...(own !== undefined && kind === 'product' ? { institutionId: own } : {}),
      });
      return {
        kind,
        total,
        offset: ctx.query.offset,
        records: await visibleRecords(
          ctx as Ctx,
          kind,
          records.map((r) => r.body),
        ),
      };
    },
  },
  {
    method: 'GET',
    url: '/v1/records/:kind/:id',
    operationId: 'getRecord',
    summary: 'One stored record',
    tag: 'records',
    roles: ALL,
    params: recordParams,
    handler: async (c) => {
      const ctx = c as Ctx<z.output<typeof recordParams>>;
      const kind = readKind(ctx as never);
      const stored = await ctx.services.store.getRecord(kind, ctx.params.id);
      const own = ctx.caller?.institutionId;
      if (
        stored === undefined ||
        (own !== undefined &&
          kind === 'product' &&
          (stored.body as { institutionId?: string }).institutionId !== own)
      )
        throw unknownId(ctx, kind, ctx.params.id);
      const [record] = await visibleRecords(ctx as Ctx, kind, [stored.body]);
      return { kind, seq: stored.seq, record };
    },
  },
  {
    method: 'POST',
    url: '/v1/events',
    operationId: 'postEvents',
    summary: 'Record outcome events (viewed, applied, approved, funded, declined)',
    description:
      'Events are immutable: posting an event id again with the same content is accepted once (idempotent), with other content it is a per-record error. Events enter the model at the next refit (scheduled, or POST /v1/model/refit). An institution key posts events about its own products only.',
    tag: 'learning',
    roles: ['platform', 'institution'],
    body: eventsBody,
    writes: true,
    handler: async (c) => {
      const ctx = c as Ctx<unknown, unknown, z.output<typeof eventsBody>>;
      const en = ctx.locale === 'en';
      return writeBatch(
        ctx,
        'interaction',
        ctx.body.events,
        async (r) =>
          ctx.caller?.institutionId === undefined ||
          (r.itemKind === 'product' && (await ownsProduct(ctx, r.itemId as string))),
        async (r, index) => {
          const stored = await ctx.services.store.getRecord('interaction', r.id as string);
          if (stored === undefined || canonicalJson(stored.body) === canonicalJson(r))
            return undefined;
          return {
            index,
            id: r.id as string,
            issues: [
              {
                recordId: r.id as string,
                path: 'id',
                code: 'duplicate_id',
                message: en
                  ? 'an event with this id and other content is already stored (events are immutable)'
                  : '已存储同一 id 而内容不同的事件（事件不可修改）',
              },
            ],
          };
        },
      );
    },
  },
  {
    method: 'POST',
    url: '/v1/rank/products',
    operationId: 'rankProducts',
    summary: 'Rank products for an enterprise (stored by id, or given inline)',
    description:
      'An institution key sees only its own products in the list. Every response carries a rankingId for GET /v1/rankings/{id}.',
    tag: 'matching',
    roles: ALL,
    body: rankProductsBody,
    handler: (c) => ranking(c as Ctx, 'rankProducts'),
  },
  {
    method: 'POST',
    url: '/v1/prospect',
    operationId: 'prospectEnterprises',
    summary: 'Prospect enterprises for a product, with filters and pagination',
    description: 'An institution key prospects only for its own products (others are unknown ids).',
    tag: 'matching',
    roles: ALL,
    body: prospectBody,
    handler: (c) => ranking(c as Ctx, 'prospect'),
  },
  {
    method: 'POST',
    url: '/v1/explain',
    operationId: 'explainPair',
    summary: 'Explain one enterprise–product pair: rules, factors, contributions, weights used',
    tag: 'matching',
    roles: ALL,
    body: explainBody,
    handler: (c) => plain(c as Ctx, 'explain'),
  },
  {
    method: 'POST',
    url: '/v1/bundles',
    operationId: 'recommendBundles',
    summary: 'Complementary product combinations covering an enterprise’s need',
    tag: 'matching',
    roles: READERS,
    body: bundlesBody,
    handler: (c) => ranking(c as Ctx, 'bundles'),
  },
  {
    method: 'POST',
    url: '/v1/rank/investors',
    operationId: 'rankInvestors',
    summary: 'Rank investors for an S&T project',
    tag: 'projects',
    roles: READERS,
    body: rankInvestorsBody,
    handler: (c) => ranking(c as Ctx, 'rankInvestors'),
  },
  {
    method: 'POST',
    url: '/v1/rank/projects',
    operationId: 'rankProjects',
    summary: 'Rank S&T projects for an investor',
    tag: 'projects',
    roles: READERS,
    body: rankProjectsBody,
    handler: (c) => ranking(c as Ctx, 'rankProjects'),
  },
  {
    method: 'POST',
    url: '/v1/explain/investor',
    operationId: 'explainProjectInvestor',
    summary: 'Explain one project–investor pair',
    tag: 'projects',
    roles: READERS,
    body: explainInvestorBody,
    handler: (c) => plain(c as Ctx, 'explainInvestor'),
  },
  {
    method: 'POST',
    url: '/v1/assign',
    operationId: 'assign',
    summary: 'Assign projects to investors with capacity (stable or optimal)',
    tag: 'projects',
    roles: READERS,
    body: assignBody,
    handler: (c) => ranking(c as Ctx, 'assign'),
  },
  {
    method: 'GET',
    url: '/v1/rankings/:id',
    operationId: 'getRanking',
    summary:
      'An audited ranking: what was shown and the state it came from; ?verify=true recomputes it',
    tag: 'audit',
    roles: ALL,
    params: idParams,
    query: rankingQuery,
    handler: async (c) => {
      const ctx = c as Ctx<z.output<typeof idParams>, z.output<typeof rankingQuery>>;
      const row = await ctx.services.store.getRanking(ctx.params.id);
      const own = ctx.caller?.institutionId;
      if (row === undefined || (own !== undefined && row.institutionId !== own))
        throw unknownId(ctx, 'ranking', ctx.params.id);
      const request = row.request as { body: unknown; scope: Scope };
      const audit = {
        rankingId: row.id,
        createdAt: row.createdAt,
        keyId: row.keyId,
        institutionId: row.institutionId,
        operation: row.operation,
        request: request.body,
        locale: request.scope.locale,
        result: row.result,
        recordSeq: row.recordSeq,
        modelSeq: row.modelSeq,
        modelVersion: row.modelVersion,
        profileHash: row.profileHash,
        asOf: row.asOf,
      };
      if (ctx.query.verify !== 'true') return audit;
      const started = performance.now();
      const again = await ctx.services.host.replay({
        modelSeq: row.modelSeq,
        recordSeq: row.recordSeq,
        asOf: row.asOf,
        operation: row.operation as Operation,
        request: request.body,
        scope: request.scope,
      });
      const reproduced = canonicalJson(again.value) === canonicalJson(row.result);
      return {
        ...audit,
        verification: {
          reproduced,
          ms: Math.round(performance.now() - started),
          ...(reproduced ? {} : { recomputed: again.value }),
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/v1/model',
    operationId: 'getModel',
    summary: 'The model each engine worker runs: version, outcome events waiting for a refit',
    tag: 'learning',
    roles: ALL,
    handler: async (c) => {
      const ctx = c as Ctx;
      const status = ctx.services.host.status();
      return {
        pulledSeq: status.pulledSeq,
        workers: status.workers.map((w) => ({
          index: w.index,
          ready: w.ready,
          refitting: w.refitting,
          ...(w.info
            ? {
                seq: w.info.seq,
                modelSeq: w.info.modelSeq,
                modelVersion: w.info.modelVersion,
                pendingEvents: w.info.pendingEvents,
                asOf: w.info.asOf,
                buildMs: w.info.buildMs,
                quarantined: w.info.quarantined,
                counts: w.info.counts,
                profileHashes: w.info.profileHashes,
              }
            : {}),
        })),
      };
    },
  },
  {
    method: 'GET',
    url: '/v1/model/profile',
    operationId: 'getProfile',
    summary:
      'The enterprise–product profile: its eligibility rules and factors, named and described in the caller’s language',
    description:
      'What explanations and rankings refer to by name (rules in `rules[].rule`, factors in `contributions`), with the label and description to show people. The weights a ranking really used are in each explanation (`weights`), not here: a learned strategy fits them at each refit.',
    tag: 'learning',
    roles: ALL,
    handler: async (c) => {
      const ctx = c as Ctx;
      const profile = profileOf(ctx);
      const part = (p: {
        name: string;
        label?: Parameters<typeof pick>[0];
        description: Parameters<typeof pick>[0];
      }) => ({
        name: p.name,
        label: p.label ? pick(p.label, ctx.locale) : p.name,
        description: pick(p.description, ctx.locale),
      });
      return {
        market: 'enterpriseProduct',
        name: profile.name,
        version: profile.version,
        strategy: profile.strategy.name,
        profileHash: profileHash(profile),
        rules: profile.rules.map(part),
        factors: profile.factors.map((f) => part(f.factor)),
        codeNames: Object.fromEntries(
          Object.entries(CODE_NAMES).map(([list, names]) => [
            list,
            Object.fromEntries(
              Object.entries(names).map(([code, text]) => [code, pick(text, ctx.locale)]),
            ),
          ]),
        ),
      };
    },
  },
  {
    method: 'POST',
    url: '/v1/model/refit',
    operationId: 'refitModel',
    summary: 'Refit on every outcome event so far (workers one at a time; rankings keep flowing)',
    tag: 'learning',
    roles: PLATFORM,
    body: refitBody,
    writes: true,
    handler: async (c) => {
      const ctx = c as Ctx;
      const info = await ctx.services.host.refit();
      return {
        modelVersion: info.modelVersion,
        modelSeq: info.modelSeq,
        asOf: info.asOf,
        buildMs: info.buildMs,
        events: info.counts.interaction,
      };
    },
  },
  {
    method: 'GET',
    url: '/v1/quarantine',
    operationId: 'listQuarantined',
    summary:
      'Stored records the engine leaves out (dangling references, events after asOf), with why',
    tag: 'records',
    roles: READERS,
    handler: async (c) => ({ records: await (c as Ctx).services.host.quarantined() }),
  },
  {
    method: 'POST',
    url: '/v1/snapshots',
    operationId: 'createSnapshot',
    summary:
      'Store a snapshot of both markets (the library’s snapshot format, loadSnapshot reads it)',
    tag: 'snapshots',
    roles: PLATFORM,
    body: snapshotBody,
    status: 201,
    writes: true,
    handler: async (c) => {
      const ctx = c as Ctx;
      const { value, info } = await ctx.services.host.snapshot();
      const body = canonicalJson({
        format: 'finmatch.service-snapshot',
        formatVersion: 1,
        recordSeq: info.seq,
        modelVersion: info.modelVersion,
        asOf: info.asOf,
        enterpriseProduct: value.enterpriseProduct,
        projectInvestor: value.projectInvestor,
      });
      const row = {
        id: `snap_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`,
        createdAt: new Date().toISOString(),
        recordSeq: info.seq,
        contentHash: `sha256:${createHash('sha256').update(body).digest('hex')}`,
        bytes: Buffer.byteLength(body),
      };
      await ctx.services.store.insertSnapshot(row, body);
      return row;
    },
  },
  {
    method: 'GET',
    url: '/v1/snapshots',
    operationId: 'listSnapshots',
    summary: 'Stored snapshots',
    tag: 'snapshots',
    roles: READERS,
    handler: async (c) => ({ snapshots: await (c as Ctx).services.store.listSnapshots() }),
  },
  {
    method: 'GET',
    url: '/v1/snapshots/:id',
    operationId: 'getSnapshot',
    summary: 'One stored snapshot’s content',
    tag: 'snapshots',
    roles: READERS,
    params: idParams,
    handler: async (c) => {
      const ctx = c as Ctx<z.output<typeof idParams>>;
      const found = await ctx.services.store.getSnapshot(ctx.params.id);
      if (!found) throw unknownId(ctx, 'snapshot', ctx.params.id);
      return { raw: found.body, contentType: 'application/json; charset=utf-8' };
    },
  },
  {
    method: 'POST',
    url: '/v1/keys',
    operationId: 'createKey',
    summary: 'Create an API key (the key is shown once; only its hash is stored)',
    tag: 'keys',
    roles: PLATFORM,
    body: createKeyBody,
    status: 201,
    writes: true,
    handler: async (c) => {
      const ctx = c as Ctx<unknown, unknown, z.output<typeof createKeyBody>>;
      const { role, institutionId, label } = ctx.body;
      const en = ctx.locale === 'en';
      if ((role === 'institution') !== (institutionId !== undefined))
        throw Object.assign(
          serviceError(
            'INVALID_REQUEST',
            ctx.locale,
            en
              ? 'institutionId is required for the institution role and only for it'
              : 'institution 角色必须给出 institutionId，其他角色不能给出',
          ),
        );
      if (institutionId !== undefined) {
        const stored = await ctx.services.store.getRecord('institution', institutionId);
        if (!stored)
          throw serviceError(
            'INVALID_REQUEST',
            ctx.locale,
            en ? `no institution ${institutionId} is stored` : `没有已存储的机构 ${institutionId}`,
          );
      }
      const { key, row } = newKey(role, institutionId ?? null, label);
      await ctx.services.store.insertKey(row);
      return { key, ...publicKey(row) };
    },
  },
  {
    method: 'GET',
    url: '/v1/keys',
    operationId: 'listKeys',
    summary: 'API keys (an institution key sees only its institution’s keys; never the secrets)',
    tag: 'keys',
    roles: ['platform', 'institution'],
    handler: async (c) => {
      const ctx = c as Ctx;
      const own = ctx.caller?.institutionId;
      const rows = await ctx.services.store.listKeys(
        own !== undefined ? { institutionId: own } : {},
      );
      return { keys: rows.map(publicKey) };
    },
  },
  {
    method: 'DELETE',
    url: '/v1/keys/:id',
    operationId: 'revokeKey',
    summary: 'Revoke an API key (every replica refuses it within 5 s)',
    tag: 'keys',
    roles: PLATFORM,
    params: idParams,
    writes: true,
    handler: async (c) => {
      const ctx = c as Ctx<z.output<typeof idParams>>;
      if (!(await ctx.services.store.revokeKey(ctx.params.id)))
        throw unknownId(ctx, 'key', ctx.params.id);
      ctx.services.keys.clear();
      return { id: ctx.params.id, revoked: true };
    },
  },
];

/** An institution may not take over another institution's product id. */
async function isNewOrOwnProduct(ctx: Ctx, id: string): Promise<boolean> {
  const stored = await ctx.services.store.getRecord('product', id);
  return (
    stored === undefined ||
    (stored.body as { institutionId?: string }).institutionId === ctx.caller?.institutionId
  );
}

export type { Caller };
