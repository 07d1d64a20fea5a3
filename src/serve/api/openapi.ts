/**
 * The service's OpenAPI 3.1 document, generated from the route table (`ROUTES`), the request
 * schemas (`./schemas.ts`) and the response schemas (`./responses.ts`), so the document and
 * the service cannot disagree. Served at `GET /v1/openapi.json` and shipped in the package
 * as `finmatch/openapi.json`.
 *
 * Schemas are JSON Schema draft 2020-12 (OpenAPI 3.1 uses it as is). Records are
 * `#/components/schemas/<Kind>` (`Enterprise`, `Product`…): the library's own record schemas,
 * the ones shipped in `finmatch/schemas/`. Every request body and response body is a named
 * component (`RankProductsRequest`, `RankProductsResponse`…) so client generators give them
 * class names.
 *
 * @module
 */
import { z } from 'zod';
import { readPackageVersion } from '../../util/version.js';
import { jsonSchema } from '../../model/json-schema.js';
import type { RouteDef } from '../http/context.js';
import { ALL_ERROR_CODES, HttpError } from '../http/errors.js';
import { ROUTES } from '../http/routes.js';
import { STORED_KINDS, type StoredKind } from '../store/types.js';
import { COMPONENTS, RESPONSES } from './responses.js';
import { RECORD_KIND_META } from './schemas.js';
import { deepFreeze } from '../../util/freeze.js';

type Json = Record<string, unknown>;

/** The OpenAPI version of the document. */
export const OPENAPI_VERSION = '3.1.0';

const SCHEMAS = '#/components/schemas/';

/** The routes the server registers outside the table, described like table routes. */
const EXTRA_ROUTES: readonly Pick<
  RouteDef,
  'method' | 'url' | 'operationId' | 'summary' | 'description' | 'tag' | 'roles'
>[] = [
  {
    method: 'GET',
    url: '/v1/openapi.json',
    operationId: 'openapi',
    summary: 'This OpenAPI document (no key needed)',
    tag: 'operations',
    roles: 'public',
  },
  {
    method: 'GET',
    url: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics of this replica (no key needed)',
    description:
      'Request latency by route, method and status; records held by kind; the change-log position and model version of each engine worker. Restrict access to it at the network level.',
    tag: 'operations',
    roles: 'public',
  },
];

/** Media types of the responses that are not JSON. */
const MEDIA_TYPES: Readonly<Record<string, string>> = { metrics: 'text/plain' };

const TAGS: Readonly<Record<string, string>> = {
  operations: 'Liveness, readiness, metrics and this document. No key needed.',
  records:
    'The market’s records: institutions, industrial chains, special zones, financial products, enterprises, investors, S&T projects. Validated per record by the library.',
  matching:
    'Enterprise–product matching: rank products for an enterprise, prospect enterprises for a product, explain a pair, recommend product bundles. Every ranking is audited.',
  projects:
    'S&T project–investor matching: rank investors for a project and projects for an investor, explain a pair, assign projects to investors with capacity.',
  learning:
    'Outcome events (viewed, applied, approved, funded, declined) and the model learned from them.',
  audit: 'Audited rankings: what was shown, to whom, from which state; reproduced on demand.',
  snapshots: 'Snapshots of both markets in the library’s snapshot format.',
  keys: 'API keys and their roles.',
};

const DESCRIPTION = `Matching and recommendation for industry–finance cooperation: which financial products fit an enterprise, which enterprises fit a product, which investors fit an S&T project, and why.

**Authentication.** Every route except the public ones (health, readiness, this document, metrics) needs an API key, sent as \`Authorization: Bearer fmk_…\` or \`X-API-Key: fmk_…\`. A key has one role: \`platform\` (everything), \`institution\` (a financial institution: only its own products, their events and rankings) or \`analyst\` (read and rank). Each operation lists its roles in \`x-finmatch-roles\`; another role gets 403.

**Errors.** Every error answers \`{"error": {"code", "message", "issues"?, "option"?, "id"?, "requestId"}}\` (schema \`ErrorResponse\`). Branch on \`error.code\`; \`message\` is for people. A batch of records is not all-or-nothing: good records are stored and every bad one is reported in the 200 answer's \`errors\`, with its index, id, field path and what was expected.

**Language.** Messages, hints and explanations are in Chinese (default) or English: send \`Accept-Language: en\` for English.

**Numbers and dates.** Scores are in [0, 1]. Change-log positions (\`seq\`) are integers that can exceed 32 bits. Dates are \`YYYY-MM-DD\`, timestamps ISO-8601 in UTC.

**Audit.** Every ranking answer carries a \`rankingId\` and the state it came from (\`recordSeq\`, \`modelSeq\`, \`modelVersion\`, \`asOf\`, \`profileHash\`); \`GET /v1/rankings/{id}?verify=true\` recomputes it from the change log.`;

/** Error responses: status → component name and what it means. */
const ERRORS: Readonly<Record<number, { name: string; description: string }>> = {
  400: {
    name: 'BadRequest',
    description:
      'The request is malformed: invalid JSON, a field of the wrong type or out of range, an unknown field, or an invalid option.',
  },
  401: {
    name: 'Unauthorized',
    description: 'No API key, or a key that is malformed, unknown or revoked.',
  },
  403: {
    name: 'Forbidden',
    description: 'The key’s role may not call this operation on this data.',
  },
  404: {
    name: 'NotFound',
    description:
      'An id in the path or the body names nothing the key can see (UNKNOWN_ID, with `error.id`), or no such route (NOT_FOUND).',
  },
  413: {
    name: 'PayloadTooLarge',
    description: 'The request body is larger than the service takes.',
  },
  415: { name: 'UnsupportedMediaType', description: 'The body is not sent as `application/json`.' },
  422: {
    name: 'ValidationFailed',
    description:
      'A record given inline is invalid: `error.issues` lists every problem, with its field path.',
  },
  429: {
    name: 'RateLimited',
    description: 'Too many requests for this key: retry after the seconds in `Retry-After`.',
  },
  500: { name: 'InternalError', description: 'An unexpected error (logged with the `requestId`).' },
  503: {
    name: 'Unavailable',
    description:
      'The engine is starting or stopping, or did not answer in time: retry (another replica may answer).',
  },
};

/**
 * Routes that ask the engine (workers) for something, so may answer 503 (TIMEOUT, NOT_READY),
 * besides the matching and projects routes.
 */
const ENGINE_ROUTES: ReadonlySet<string> = new Set([
  'ready',
  'upsertRecords',
  'deleteRecords',
  'postEvents',
  'getRanking',
  'refitModel',
  'listQuarantined',
  'createSnapshot',
]);
/** Tags of the engine operations: they take record ids (404) and call the engine (503). */
const ENGINE_TAGS: ReadonlySet<string> = new Set(['matching', 'projects']);

/** The component name of a record kind: `enterprise` → `Enterprise`. */
export function recordComponentName(kind: StoredKind): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** Fastify path syntax to OpenAPI's: `/v1/records/:kind` → `/v1/records/{kind}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The record kind a zod schema is a placeholder for, if it is one. */
function recordKindOf(schema: z.ZodType): StoredKind | undefined {
  const kind = z.globalRegistry.get(schema)?.[RECORD_KIND_META];
  return typeof kind === 'string' && (STORED_KINDS as readonly string[]).includes(kind)
    ? (kind as StoredKind)
    : undefined;
}

function replaceWith(target: Json, value: Json): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, value);
}

/**
 * JSON Schema (2020-12) of a zod schema, with named components and record placeholders
 * replaced by references.
 */
function toJson(
  schema: z.ZodType,
  io: 'input' | 'output',
  names: ReadonlyMap<z.ZodType, string>,
): Json {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'throw',
    override: (ctx) => {
      const zod = ctx.zodSchema as unknown as z.ZodType;
      if (zod === schema) return;
      const kind = recordKindOf(zod);
      const name = kind !== undefined ? recordComponentName(kind) : names.get(zod);
      if (name === undefined) return;
      replaceWith(ctx.jsonSchema as Json, { $ref: `${SCHEMAS}${name}` });
    },
  }) as Json;
  delete generated.$schema;
  addDiscriminators(schema, generated, names);
  return generated;
}

/** A discriminated union of named objects gets an OpenAPI `discriminator` (for code generators). */
function addDiscriminators(
  schema: z.ZodType,
  json: Json,
  names: ReadonlyMap<z.ZodType, string>,
): void {
  if (!(schema instanceof z.ZodDiscriminatedUnion) || !Array.isArray(json.oneOf)) return;
  const property = schema.def.discriminator;
  const mapping: Record<string, string> = {};
  for (const option of schema.options as readonly z.ZodType[]) {
    const name = names.get(option);
    const literal = option instanceof z.ZodObject ? option.shape[property] : undefined;
    if (name === undefined || !(literal instanceof z.ZodLiteral)) return;
    mapping[String(literal.value)] = `${SCHEMAS}${name}`;
  }
  // Every option is an object: saying so lets validators check the discriminator first.
  replaceWith(json, {
    type: 'object',
    ...json,
    discriminator: { propertyName: property, mapping },
  });
}

/** A record kind's schema as a component: the library's JSON Schema, self-contained here. */
function recordComponent(kind: StoredKind): Json {
  const { $schema: _schema, $id: _id, ...rest } = jsonSchema(kind);
  const base = `${SCHEMAS}${recordComponentName(kind)}`;
  // Internal references were relative to the record's own document; they now live under base.
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    const out: Json = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] =
        (key === '$ref' || key === '$dynamicRef') &&
        typeof v === 'string' &&
        (v === '#' || v.startsWith('#/'))
          ? `${base}${v.slice(1)}`
          : rewrite(v);
    }
    return out;
  };
  return rewrite(rest) as Json;
}

/** Whether a request body schema has a record given inline (so the library may reject it: 422). */
function takesInlineRecord(body: z.ZodType | undefined): boolean {
  if (!(body instanceof z.ZodObject)) return false;
  return Object.values(body.shape as Record<string, z.ZodType>).some((field) => {
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
    return recordKindOf(inner) !== undefined;
  });
}

/** The error statuses a route may answer, ascending. */
function errorStatuses(route: (typeof EXTRA_ROUTES)[number] & Partial<RouteDef>): number[] {
  const statuses = new Set<number>([500]);
  const engine = ENGINE_TAGS.has(route.tag);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.roles !== 'public') [401, 403, 429].forEach((s) => statuses.add(s));
  if (/:id(?:\/|$)/.test(route.url) || engine) statuses.add(404);
  if (route.body) [413, 415].forEach((s) => statuses.add(s));
  if (takesInlineRecord(route.body)) statuses.add(422);
  if (engine || ENGINE_ROUTES.has(route.operationId)) statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}

/** The parameters of a params or query schema. */
function parameters(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
  names: ReadonlyMap<z.ZodType, string>,
): Json[] {
  if (!schema) return [];
  const json = toJson(schema, 'input', names);
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function codesOf(status: number): string[] {
  return ALL_ERROR_CODES.filter((code) => new HttpError(code, '').status === status);
}

function description(route: (typeof EXTRA_ROUTES)[number]): string {
  const who =
    route.roles === 'public'
      ? 'Public: no API key needed.'
      : `Roles: ${route.roles.map((r) => `\`${r}\``).join(', ')}.`;
  return [route.description, who].filter(Boolean).join('\n\n');
}

/**
 * Builds the document (uncached; {@link openApiDocument} caches it).
 *
 * @internal Exposed for the tests of its determinism.
 */
export function buildOpenApiDocument(): Json {
  // Names of the shared response components and of each route's request and response.
  const names = new Map<z.ZodType, string>();
  for (const [name, schema] of Object.entries(COMPONENTS)) names.set(schema, name);
  const routes = [...ROUTES, ...EXTRA_ROUTES] as (RouteDef | (typeof EXTRA_ROUTES)[number])[];
  const bodies = new Map<string, { request?: string; response: string }>();
  for (const route of routes) {
    const response = RESPONSES[route.operationId];
    if (!response) throw new Error(`openapi: no response schema for ${route.operationId}`);
    if (!names.has(response)) names.set(response, `${pascal(route.operationId)}Response`);
    const body = (route as Partial<RouteDef>).body;
    if (body) names.set(body, `${pascal(route.operationId)}Request`);
    bodies.set(route.operationId, {
      ...(body ? { request: names.get(body)! } : {}),
      response: names.get(response)!,
    });
  }

  const schemas: Json = {};
  for (const kind of STORED_KINDS) schemas[recordComponentName(kind)] = recordComponent(kind);
  const requests = new Set(
    routes.map((r) => (r as Partial<RouteDef>).body).filter((b): b is z.ZodType => !!b),
  );
  for (const [schema, name] of names) {
    if (name in schemas) throw new Error(`openapi: two schemas are named ${name}`);
    schemas[name] = toJson(schema, requests.has(schema) ? 'input' : 'output', names);
  }
  const sortedSchemas = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]]),
  );

  const errorRef = { $ref: `${SCHEMAS}ErrorResponse` };
  const responses: Json = {};
  for (const [status, { name, description: text }] of Object.entries(ERRORS)) {
    responses[name] = {
      description: `${text} Codes: ${codesOf(Number(status)).join(', ')}.`,
      ...(Number(status) === 429
        ? {
            headers: {
              'Retry-After': {
                description: 'Seconds to wait before retrying',
                schema: { type: 'integer', minimum: 0 },
              },
            },
          }
        : {}),
      content: { 'application/json': { schema: errorRef } },
    };
  }

  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const def = route as Partial<RouteDef> & (typeof EXTRA_ROUTES)[number];
    const named = bodies.get(route.operationId)!;
    const response = RESPONSES[route.operationId]!;
    const status = String(def.status ?? 200);
    const media = MEDIA_TYPES[route.operationId] ?? 'application/json';
    const operation: Json = {
      operationId: route.operationId,
      summary: route.summary,
      description: description(route),
      tags: [route.tag],
      ...(route.roles === 'public'
        ? { security: [] }
        : {
            security: [{ bearerAuth: [] }, { apiKey: [] }],
            'x-finmatch-roles': [...route.roles],
          }),
      ...(def.writes ? { 'x-finmatch-writes': true } : {}),
      parameters: [
        ...parameters(def.params, 'path', names),
        ...parameters(def.query, 'query', names),
        { $ref: '#/components/parameters/AcceptLanguage' },
      ],
      ...(named.request
        ? {
            requestBody: {
              required: !def.body!.safeParse(undefined).success,
              content: { 'application/json': { schema: { $ref: `${SCHEMAS}${named.request}` } } },
            },
          }
        : {}),
      responses: {
        [status]: {
          description: response.description ?? 'Success',
          content: { [media]: { schema: { $ref: `${SCHEMAS}${named.response}` } } },
        },
        ...Object.fromEntries(
          errorStatuses(def).map((s) => [
            String(s),
            { $ref: `#/components/responses/${ERRORS[s]!.name}` },
          ]),
        ),
      },
    };
    const path = openApiPath(route.url);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }

  const used = new Set(routes.map((r) => r.tag));
  const tags = [
    ...Object.keys(TAGS).filter((t) => used.has(t)),
    ...[...used].filter((t) => !(t in TAGS)),
  ].map((name) => ({ name, ...(TAGS[name] ? { description: TAGS[name] } : {}) }));

  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'finmatch',
      version: readPackageVersion(),
      summary: 'Industry–finance matching: products, enterprises, investors, S&T projects',
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags,
    paths,
    components: {
      schemas: sortedSchemas,
      responses,
      parameters: {
        AcceptLanguage: {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description:
            'Language of messages, hints and explanations: `zh` (default) or `en`; standard weights are understood (`en-GB,en;q=0.9`).',
          schema: { type: 'string', default: 'zh', examples: ['zh', 'en', 'en-GB,en;q=0.9'] },
        },
      },
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'fmk_<16 hex>_<43 base64url>',
          description: 'An API key: `Authorization: Bearer fmk_…`',
        },
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description: 'The same API key in a header of its own: `X-API-Key: fmk_…`',
        },
      },
    },
  };
}

let cached: Json | undefined;

/**
 * The service's OpenAPI 3.1.0 document: every route with its roles, parameters, request and
 * response schemas and error responses. Built on first use and cached; the object is frozen
 * (copy it with `structuredClone` to change it). The same bytes on every run of a version.
 *
 * @example JSON.stringify(openApiDocument(), null, 2)
 */
export function openApiDocument(): Record<string, unknown> {
  cached ??= deepFreeze(buildOpenApiDocument());
  return cached;
}
