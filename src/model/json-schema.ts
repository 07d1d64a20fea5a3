/**
 * JSON Schemas (draft 2020-12) of the input records, for bank systems written in other
 * languages. They describe what a caller may *send*: fields with defaults are optional and
 * sector codes are strings in any accepted spelling.
 *
 * A JSON Schema cannot say everything the validators check: whether a sector or region code
 * exists, whether a date is on the calendar (2026-02-30), `min ≤ max` in ranges, target and
 * excluded sectors being disjoint, and an SRDI rule set being in force on the certificate's date.
 * A record that passes the schema can still be rejected by `parseRecord`, never the reverse
 * for the shapes the schema does express.
 *
 * @module
 */
import { describeValue } from '../util/describe.js';
import { OptionError } from '../errors.js';
import { RECORD_KINDS, type RecordKind } from './enums.js';
import { loadSchemas } from './parse.js';

/** A JSON Schema document, as a plain JSON value. */
export type JsonSchemaDocument = Record<string, unknown>;

/** Base of the schemas' `$id`s: where the published package serves `schemas/<kind>.schema.json`. */
export const JSON_SCHEMA_ID_BASE = 'https://unpkg.com/finmatch/schemas/';

const TITLES: Readonly<Record<RecordKind, { title: string; description: string }>> = {
  enterprise: {
    title: 'finmatch enterprise',
    description:
      'An enterprise seeking finance (企业): sector, region, stage, SRDI certificate, finances and its financing need.',
  },
  institution: {
    title: 'finmatch institution',
    description:
      'A financial institution (金融机构): bank, insurer, fund, securities firm, lessor, guarantor.',
  },
  product: {
    title: 'finmatch financial product',
    description:
      'A financial product (金融产品) with its eligibility: sectors, stages, minimum SRDI tier, amount and term ranges, regions, collateral.',
  },
  project: {
    title: 'finmatch S&T project',
    description:
      'A science-and-technology project (科技项目) seeking investment: sector, TRL, round and amount.',
  },
  investor: {
    title: 'finmatch investor',
    description:
      'An investor (投资机构): sectors, rounds, TRL range, ticket range, regions and capacity.',
  },
  interaction: {
    title: 'finmatch interaction',
    description:
      'An interaction between an enterprise or project and a product or investor (viewed, applied, approved, funded, declined).',
  },
  chain: {
    title: 'finmatch industrial chain',
    description: 'An industrial chain (产业链) with its sectors, leader enterprises and products.',
  },
  zone: {
    title: 'finmatch special zone',
    description: 'A special zone (专区) of the platform with its sectors, regions and products.',
  },
};

const cache = new Map<RecordKind, JsonSchemaDocument>();

/**
 * The JSON Schema (draft 2020-12) of one record kind's input, with `$id`, `title` and
 * `description`. Built from the zod schemas with `z.toJSONSchema(…, { io: 'input' })`; sector
 * and region codes carry a pattern and a description. The result is a fresh deep copy.
 *
 * @throws {@link OptionError} for an unknown kind.
 * @example JSON.stringify(jsonSchema('enterprise'))
 */
export function jsonSchema(kind: RecordKind): JsonSchemaDocument {
  if (!(RECORD_KINDS as readonly unknown[]).includes(kind))
    throw new OptionError(
      'kind',
      `unknown record kind ${describeValue(kind)}; expected one of ${RECORD_KINDS.join(', ')}`,
    );
  let doc = cache.get(kind);
  if (!doc) {
    const { z, schemas } = loadSchemas();
    const generated = z.toJSONSchema(schemas[kind], {
      io: 'input',
      target: 'draft-2020-12',
      // Refinements and transforms are checked by parseRecord; the schema keeps their input shape.
      unrepresentable: 'throw',
    }) as JsonSchemaDocument;
    const { $schema, ...rest } = generated;
    doc = {
      $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
      $id: `${JSON_SCHEMA_ID_BASE}${kind}.schema.json`,
      title: TITLES[kind].title,
      description: TITLES[kind].description,
      ...rest,
    };
    cache.set(kind, doc);
  }
  return structuredClone(doc);
}
