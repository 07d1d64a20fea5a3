/**
 * The OpenAPI document: a valid OpenAPI 3.1 document (checked by a real validator), complete
 * (every route of the table with its method, path, roles, security and schemas), deterministic
 * and self-contained; the response schemas mirror the library's TypeScript types; and the
 * conformance checker the route tests use accepts what matches and explains what does not.
 */
import { readFileSync } from 'node:fs';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import type {
  EnterpriseMatch as EnterpriseMatchType,
  InvestorMatch as InvestorMatchType,
  ProductBundle as ProductBundleType,
  ProductMatch as ProductMatchType,
  ProjectMatch as ProjectMatchType,
} from '../../src/engine/api.js';
import type {
  ExclusionReason as ExclusionReasonType,
  Explanation as ExplanationType,
  RuleResult as RuleResultType,
} from '../../src/engine/types.js';
import type { ValidationIssue as ValidationIssueType } from '../../src/errors.js';
import type { BatchError as BatchErrorType } from '../../src/model/parse.js';
import type { ProjectInvestorPair as ProjectInvestorPairType } from '../../src/assign/assign.js';
import type { QuarantinedRecord as QuarantinedRecordType } from '../../src/serve/engine/state.js';
import type { ApiKeyRow, SnapshotRow } from '../../src/serve/store/types.js';
import type { StateInfo } from '../../src/serve/engine/state.js';
import { buildOpenApiDocument, openApiDocument, openApiPath } from '../../src/serve/api/openapi.js';
import {
  ApiKey,
  BatchError,
  EnterpriseMatch,
  ExclusionReason,
  Explanation,
  InvestorMatch,
  ProductBundle,
  ProductMatch,
  ProjectInvestorPair,
  ProjectMatch,
  QuarantinedRecord,
  RESPONSES,
  RuleResult,
  SnapshotInfo,
  ValidationIssue,
  WorkerStatus,
} from '../../src/serve/api/responses.js';
import { ROUTES } from '../../src/serve/http/routes.js';
import { responseValidator, schemaValidator } from './conformance.js';

/** The document as loose JSON: the tests walk it freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

// ---------------------------------------------------------------------------------------------
// Type-level: each response schema's output is the library's type (mutual assignability, with
// readonly arrays made mutable). A mismatch is a compile error in `npm run typecheck`.

type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function same<A, B>(value: Same<Mutable<A>, Mutable<B>>): Same<Mutable<A>, Mutable<B>> {
  return value;
}
same<z.output<typeof ValidationIssue>, ValidationIssueType>(true);
same<z.output<typeof BatchError>, BatchErrorType>(true);
same<z.output<typeof ExclusionReason>, ExclusionReasonType>(true);
same<z.output<typeof RuleResult>, RuleResultType>(true);
same<z.output<typeof ProductMatch>, ProductMatchType>(true);
same<z.output<typeof EnterpriseMatch>, EnterpriseMatchType>(true);
same<z.output<typeof InvestorMatch>, InvestorMatchType>(true);
same<z.output<typeof ProjectMatch>, ProjectMatchType>(true);
same<z.output<typeof ProductBundle>, ProductBundleType>(true);
same<z.output<typeof Explanation>, ExplanationType>(true);
same<z.output<typeof ProjectInvestorPair>, ProjectInvestorPairType>(true);
same<z.output<typeof QuarantinedRecord>, QuarantinedRecordType>(true);
same<z.output<typeof SnapshotInfo>, SnapshotRow>(true);
same<z.output<typeof ApiKey>, Omit<ApiKeyRow, 'hash'>>(true);
same<
  Required<Omit<z.output<typeof WorkerStatus>, 'index' | 'ready' | 'refitting'>>,
  Omit<StateInfo, never>
>(true);

// ---------------------------------------------------------------------------------------------

const doc = openApiDocument() as Json;
const pkg = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as Json;

/** Every `$ref` in a value, with where it is. */
function refsOf(value: unknown, at = '#', out: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) value.forEach((v, i) => refsOf(v, `${at}/${i}`, out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push([at, v]);
      else refsOf(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
    }
  return out;
}

function resolve(pointer: string): unknown {
  if (!pointer.startsWith('#/')) return undefined;
  let current: unknown = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !(key in current)) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function operationOf(method: string, url: string): Json {
  return doc.paths[openApiPath(url)]?.[method.toLowerCase()];
}

describe('the OpenAPI document', () => {
  test('is a valid OpenAPI 3.1.0 document (@readme/openapi-parser)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.warnings).toEqual([]);
  });

  test('names the package and its version, and is served from the root', () => {
    expect(doc.info.title).toBe('finmatch');
    expect(doc.info.version).toBe(pkg.version);
    expect(doc.servers).toEqual([{ url: '/' }]);
  });

  test('has every route of the table, with its method, path, operationId, tag and summary', () => {
    const operationIds = new Set<string>();
    for (const route of ROUTES) {
      const op = operationOf(route.method, route.url);
      expect(op, `${route.method} ${route.url}`).toBeDefined();
      expect(op.operationId).toBe(route.operationId);
      expect(op.summary).toBe(route.summary);
      expect(op.tags).toEqual([route.tag]);
      if (route.description) expect(op.description).toContain(route.description);
      expect(operationIds.has(route.operationId)).toBe(false);
      operationIds.add(route.operationId);
    }
    // And nothing else but the two routes the server adds outside the table.
    const documented: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Json))
      for (const [method, op] of Object.entries(item as Json))
        documented.push(`${method.toUpperCase()} ${path} ${(op as Json).operationId}`);
    expect(documented.sort()).toEqual(
      [
        ...ROUTES.map((r) => `${r.method} ${openApiPath(r.url)} ${r.operationId}`),
        'GET /v1/openapi.json openapi',
        'GET /metrics metrics',
      ].sort(),
    );
  });

  test('paths use OpenAPI templates, and every path parameter is declared and required', () => {
    for (const route of ROUTES) {
      const path = openApiPath(route.url);
      expect(path).not.toContain(':');
      const op = operationOf(route.method, route.url);
      const declared = (op.parameters as Json[])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      expect(declared, path).toEqual(inPath);
      for (const p of op.parameters as Json[]) if (p.in === 'path') expect(p.required).toBe(true);
    }
    const list = operationOf('GET', '/v1/records/:kind');
    const query = (list.parameters as Json[]).filter((p) => p.in === 'query');
    expect(query.map((p) => [p.name, p.required, p.schema.default])).toEqual([
      ['offset', false, 0],
      ['limit', false, 100],
    ]);
    expect((list.parameters as Json[]).map((p) => p.name ?? p.$ref)).toContain(
      '#/components/parameters/AcceptLanguage',
    );
  });

  test('secures every non-public route with a bearer or X-API-Key key and lists its roles', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      bearerAuth: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
    for (const route of ROUTES) {
      const op = operationOf(route.method, route.url);
      if (route.roles === 'public') {
        expect(op.security, route.operationId).toEqual([]);
        expect(op['x-finmatch-roles']).toBeUndefined();
        expect(op.responses['401']).toBeUndefined();
        expect(op.responses['403']).toBeUndefined();
      } else {
        expect(op.security, route.operationId).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
        expect(op['x-finmatch-roles']).toEqual([...route.roles]);
        for (const status of ['401', '403', '429'])
          expect(op.responses[status], `${route.operationId} ${status}`).toBeDefined();
      }
      if (route.writes) expect(op['x-finmatch-writes']).toBe(true);
    }
    expect(operationOf('GET', '/metrics').security).toEqual([]);
    expect(operationOf('GET', '/v1/openapi.json').security).toEqual([]);
  });

  test('every operation has its success response schema and its error responses', () => {
    expect(Object.keys(RESPONSES).sort()).toEqual(
      [...ROUTES.map((r) => r.operationId), 'openapi', 'metrics'].sort(),
    );
    for (const route of ROUTES) {
      const op = operationOf(route.method, route.url);
      const status = String(route.status ?? 200);
      const schema = op.responses[status]?.content?.['application/json']?.schema;
      expect(schema?.$ref, `${route.operationId} ${status}`).toMatch(/^#\/components\/schemas\//);
      expect(resolve(schema.$ref)).toBeTypeOf('object');
      if (route.body) {
        expect(op.requestBody.content['application/json'].schema.$ref).toBe(
          `#/components/schemas/${route.operationId[0]!.toUpperCase()}${route.operationId.slice(1)}Request`,
        );
        for (const s of ['400', '413', '415']) expect(op.responses[s]).toBeDefined();
      }
      if (/:id/.test(route.url)) expect(op.responses['404']).toBeDefined();
      expect(op.responses['500']).toBeDefined();
      for (const [s, r] of Object.entries(op.responses as Json))
        if (s !== status)
          expect((resolve((r as Json).$ref) as Json).content['application/json'].schema).toEqual({
            $ref: '#/components/schemas/ErrorResponse',
          });
    }
    expect(operationOf('POST', '/v1/rank/products').responses['422']).toBeDefined();
    expect(operationOf('POST', '/v1/prospect').responses['422']).toBeUndefined();
    expect(operationOf('POST', '/v1/snapshots').responses['201']).toBeDefined();
    expect(operationOf('GET', '/metrics').responses['200'].content['text/plain'].schema).toEqual({
      $ref: '#/components/schemas/MetricsResponse',
    });
    expect(operationOf('POST', '/v1/model/refit').requestBody.required).toBe(false);
    expect(operationOf('POST', '/v1/rank/products').requestBody.required).toBe(true);
  });

  test('records are the library’s record schemas, referenced from requests and responses', () => {
    const schemas = doc.components.schemas as Json;
    for (const name of ['Enterprise', 'Product', 'Institution', 'Investor', 'Project'])
      expect(schemas[name].title).toMatch(/^finmatch /);
    for (const schema of Object.values(schemas)) {
      expect(schema.$schema).toBeUndefined();
      expect(schema.$id).toBeUndefined();
    }
    expect(schemas.RankProductsRequest.properties.enterprise).toEqual({
      $ref: '#/components/schemas/Enterprise',
    });
    expect(schemas.PostEventsRequest.properties.events.items).toEqual({
      $ref: '#/components/schemas/Interaction',
    });
    expect(schemas.EnterpriseRecords.properties.records.items).toEqual({
      $ref: '#/components/schemas/Enterprise',
    });
    expect(schemas.ListRecordsResponse.discriminator.propertyName).toBe('kind');
    expect(JSON.stringify(doc)).not.toContain('x-finmatch-record');
  });

  test('every $ref resolves inside the document', () => {
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(100);
    const broken = refs.filter(([, ref]) => resolve(ref) === undefined);
    expect(broken).toEqual([]);
  });

  test('is deterministic: the same bytes on every build, cached and frozen', () => {
    const a = JSON.stringify(buildOpenApiDocument());
    const b = JSON.stringify(buildOpenApiDocument());
    expect(a).toBe(b);
    expect(JSON.stringify(openApiDocument())).toBe(a);
    expect(openApiDocument()).toBe(openApiDocument());
    expect(Object.isFrozen(doc.paths)).toBe(true);
  });
});

describe('responseValidator', () => {
  const check = responseValidator(doc);
  const provenance = {
    modelVersion: 'm12',
    modelSeq: 12,
    recordSeq: 40,
    asOf: '2026-06-30',
    profileHash: 'abc',
  };
  const match = {
    productId: 'p1',
    score: 0.8,
    rank: 1,
    contributions: { amountFit: 0.5, sectorFit: 0.3 },
    factors: { amountFit: 1, sectorFit: 0.6, collaborative: null },
  };

  test('compiles every schema of the document in Ajv’s strict mode', () => {
    const compile = schemaValidator(doc);
    for (const name of Object.keys(doc.components.schemas as Json))
      expect(() => compile({ $ref: `#/components/schemas/${name}` }), name).not.toThrow();
  });

  test('accepts a matching body, by concrete path or by Fastify route', () => {
    check('GET', '/v1/health', 200, { status: 'ok' });
    check('POST', '/v1/rank/products', 200, {
      rankingId: 'rnk_x1',
      operation: 'rankProducts',
      ...provenance,
      items: [match, { ...match, productId: 'p2', rank: 2, eligible: false, exclusions: [] }],
      offset: 0,
      hasMore: true,
    });
    check('GET', '/v1/records/:kind', 200, {
      kind: 'institution',
      total: 1,
      offset: 0,
      records: [{ id: 'inst-1', name: '某银行', kind: 'bank' }],
    });
    check('GET', '/v1/records/institutions?offset=0', 200, {
      kind: 'institution',
      total: 0,
      offset: 0,
      records: [],
    });
    check('POST', '/v1/records/enterprises/delete', 200, {
      kind: 'enterprise',
      deleted: 0,
      ids: [],
      seq: 3,
      errors: [
        { index: 0, id: 'x', issues: [{ path: 'ids[0]', code: 'unknown_id', message: '…' }] },
      ],
    });
    check('GET', '/metrics', 200, '# HELP x\n');
    check('GET', '/v1/openapi.json', 200, doc);
  });

  test('error answers are checked against ErrorResponse, unknown routes included', () => {
    const error = { error: { code: 'UNAUTHORIZED', message: 'no', requestId: 'r1' } };
    check('POST', '/v1/rank/products', 401, error);
    check('GET', '/v1/nothing-here', 404, {
      error: { code: 'NOT_FOUND', message: 'no', requestId: 'r2' },
    });
    expect(() =>
      check('GET', '/v1/keys', 401, { error: { code: 'NOPE', message: 'x', requestId: 'r' } }),
    ).toThrow(/\/error\/code must be equal to one of the allowed values/);
  });

  test('explains what does not match, where, and what it got', () => {
    const body = {
      rankingId: 'rnk_x1',
      operation: 'rankProducts',
      ...provenance,
      items: [{ ...match, score: 1.5, extra: 1 }],
      offset: 0,
      hasMore: false,
    };
    let message = '';
    try {
      check('POST', '/v1/rank/products', 200, body);
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('POST /v1/rank/products (rankProducts) 200');
    expect(message).toContain('#/components/schemas/RankProductsResponse');
    expect(message).toContain('/items/0/score must be <= 1; got 1.5');
    expect(message).toContain('/items/0 must NOT have additional properties "extra"');
  });

  test('a record of another kind in a listing does not pass', () => {
    expect(() =>
      check('GET', '/v1/records/products', 200, {
        kind: 'product',
        total: 1,
        offset: 0,
        records: [{ id: 'inst-1', name: '某银行', kind: 'bank' }],
      }),
    ).toThrow(/\/records\/0/);
  });

  test('an undocumented status, method or path is an error', () => {
    expect(() => check('GET', '/v1/health', 418, {})).toThrow(/answered 418, which the document/);
    expect(() => check('PUT', '/v1/health', 200, {})).toThrow(/has GET/);
    expect(() => check('GET', '/v2/nothing', 200, {})).toThrow(/no path matches/);
    expect(() => check('GET', '/metrics', 200, { not: 'text' })).toThrow(/text\/plain/);
  });
});
