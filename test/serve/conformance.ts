/**
 * Checks responses against the OpenAPI document: route tests call the function
 * {@link responseValidator} returns on every answer they get, so a response that drifts from
 * the document (a field missing, renamed, of another type, an undocumented status) fails the
 * test that produced it, with a readable message.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, unknown>;

/**
 * Validates one response: `method` (any case), the route in Fastify syntax
 * (`/v1/records/:kind`) or a concrete path (`/v1/records/enterprises`, a query string is
 * ignored), the status and the body (parsed JSON, or the text of a non-JSON response).
 * Throws an `Error` saying what does not match; returns nothing when it matches.
 */
export type ResponseCheck = (method: string, path: string, status: number, body: unknown) => void;

/** Where the document's schemas live for Ajv: one schema resource holding them as `$defs`. */
const BASE = 'urn:finmatch:openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/** `#/components/schemas/X` → `urn:finmatch:openapi#/$defs/X`; also drops what Ajv cannot use. */
function forAjv(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forAjv);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/'))
      out[key] = `${BASE}#/$defs/${v.slice('#/components/schemas/'.length)}`;
    else if (key === 'discriminator' && v !== null && typeof v === 'object')
      // Ajv checks `discriminator` (precise errors for a oneOf) but not its `mapping`.
      out[key] = { propertyName: (v as Json).propertyName };
    else out[key] = forAjv(v);
  }
  return out;
}

/** One path template of the document, as a matcher of concrete paths. */
interface Template {
  template: string;
  pattern: RegExp;
  /** Literal segments: the more, the more specific (Fastify prefers static segments). */
  literals: number;
}

function templatesOf(paths: Json): Template[] {
  return Object.keys(paths)
    .map((template) => {
      const segments = template.split('/');
      const pattern = new RegExp(
        `^${segments
          .map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('/')}$`,
      );
      return { template, pattern, literals: segments.filter((s) => !s.startsWith('{')).length };
    })
    .sort((a, b) => b.literals - a.literals || a.template.localeCompare(b.template));
}

/** A short rendering of a value for an error message. */
function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function valueAt(body: unknown, pointer: string): unknown {
  let current = body;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function describeErrors(errors: readonly ErrorObject[], body: unknown): string {
  // A failing oneOf repeats its branches' errors: keep the most specific (deepest) ones first.
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const lines = sorted.slice(0, 12).map((e) => {
    const where = e.instancePath === '' ? '(body)' : e.instancePath;
    const extra =
      e.keyword === 'additionalProperties'
        ? ` "${String((e.params as { additionalProperty?: unknown }).additionalProperty)}"`
        : '';
    return `  - ${where} ${e.message ?? e.keyword}${extra}; got ${show(valueAt(body, e.instancePath))} [${e.schemaPath}]`;
  });
  if (sorted.length > 12) lines.push(`  … and ${sorted.length - 12} more`);
  return lines.join('\n');
}

/**
 * Compiles schemas of an OpenAPI 3.1 document with Ajv (JSON Schema 2020-12, strict mode,
 * formats checked): `compile({ $ref: '#/components/schemas/X' })` or any schema whose
 * references point into the document's `components.schemas`. Throws when Ajv rejects a schema.
 * Compiled validators are cached.
 */
export function schemaValidator(
  document: Record<string, unknown>,
): (schema: unknown) => ValidateFunction {
  const components = (document.components ?? {}) as Json;
  const schemas = (components.schemas ?? {}) as Json;
  const ajv = new Ajv2020({
    strict: true,
    allowUnionTypes: true,
    allErrors: true,
    discriminator: true,
  });
  addFormats(ajv);
  // Annotation keywords of the OpenAPI 3.1 schema dialect.
  ajv.addVocabulary(['example', 'externalDocs', 'xml']);
  ajv.addSchema({ $id: BASE, $defs: forAjv(schemas) as Json });
  const compiled = new Map<string, ValidateFunction>();

  return (schema) => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(forAjv(schema) as Json);
      compiled.set(key, validate);
    }
    return validate;
  };
}

/**
 * A checker of responses against an OpenAPI 3.1 document (the service's `openApiDocument()`),
 * with Ajv's JSON Schema 2020-12 validator. A path and method the document does not have are
 * an error, except a 404 answer (unknown routes answer the `ErrorResponse` schema); a status
 * the operation does not document is an error. Validators are compiled on first use.
 *
 * @example
 * const check = responseValidator(openApiDocument());
 * const res = await app.inject({ method: 'GET', url: '/v1/health' });
 * check('GET', '/v1/health', res.statusCode, res.json());
 */
export function responseValidator(document: Record<string, unknown>): ResponseCheck {
  const components = (document.components ?? {}) as Json;
  const responses = (components.responses ?? {}) as Json;
  const paths = (document.paths ?? {}) as Json;
  const templates = templatesOf(paths);

  const validatorOf = schemaValidator(document);

  function templateOf(path: string): string | undefined {
    const bare = path.split('?')[0]!.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
    if (bare in paths) return bare;
    return templates.find((t) => t.pattern.test(bare))?.template;
  }

  return (method, path, status, body) => {
    const verb = method.toLowerCase();
    const where = `${method.toUpperCase()} ${path}`;
    const template = templateOf(path);
    const item = template === undefined ? undefined : (paths[template] as Json);
    const operation = item?.[verb] as Json | undefined;
    let response: Json | undefined;
    let name: string;
    if (!operation) {
      if (status !== 404) {
        const known = item ? METHODS.filter((m) => m in item).map((m) => m.toUpperCase()) : [];
        throw new Error(
          `${where}: the OpenAPI document has no such operation${
            template === undefined
              ? ' (no path matches)'
              : ` (path ${template} has ${known.join(', ')})`
          }, and the answer was ${status}, not 404`,
        );
      }
      response = responses.NotFound as Json | undefined;
      name = 'unknown route';
    } else {
      const all = (operation.responses ?? {}) as Json;
      response = (all[String(status)] ?? all.default) as Json | undefined;
      name = String(operation.operationId);
      if (!response)
        throw new Error(
          `${where} (${name}) answered ${status}, which the document does not list (it lists ${Object.keys(all).join(', ')}); body: ${show(body)}`,
        );
    }
    if (!response) throw new Error(`${where}: the document has no NotFound response component`);
    const ref = response.$ref;
    if (typeof ref === 'string') {
      const resolved = responses[ref.replace('#/components/responses/', '')] as Json | undefined;
      if (!resolved) throw new Error(`${where}: the response ${ref} does not resolve`);
      response = resolved;
    }
    const content = (response.content ?? {}) as Record<string, { schema?: unknown }>;
    const media = 'application/json' in content ? 'application/json' : Object.keys(content)[0];
    if (media === undefined) {
      if (body !== undefined && body !== '')
        throw new Error(
          `${where} (${name}) ${status}: the document says no body; got ${show(body)}`,
        );
      return;
    }
    if (!media.includes('json') && typeof body !== 'string')
      throw new Error(`${where} (${name}) ${status}: expected ${media} text; got ${show(body)}`);
    const schema = content[media]!.schema ?? {};
    const validate = validatorOf(schema);
    if (!validate(body)) {
      const target = (schema as Json).$ref ?? 'an inline schema';
      throw new Error(
        `${where} (${name}) ${status}: the body does not match ${String(target)}:\n${describeErrors(validate.errors ?? [], body)}`,
      );
    }
  };
}
