import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { RECORD_KINDS } from '../../src/model/enums.js';
import { JSON_SCHEMA_ID_BASE, jsonSchema } from '../../src/model/json-schema.js';
import { parseRecord } from '../../src/model/parse.js';
import { FIXTURES, withValue } from './fixtures.js';

type Schema = Record<string, unknown>;

/** Keywords of JSON Schema draft 2020-12 (core, applicator, validation, meta-data, format). */
const KNOWN_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$defs',
  '$ref',
  '$comment',
  '$anchor',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'format',
  'title',
  'description',
  'default',
  'examples',
  'readOnly',
  'writeOnly',
]);
const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

/** Checks that `s` is a well-formed draft 2020-12 schema of the subset zod emits; returns problems. */
function checkShape(s: unknown, path = '#'): string[] {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return [`${path}: not an object`];
  const schema = s as Schema;
  const out: string[] = [];
  for (const key of Object.keys(schema))
    if (!KNOWN_KEYWORDS.has(key)) out.push(`${path}: unknown keyword ${key}`);
  if ('type' in schema && !TYPES.has(schema.type as string)) out.push(`${path}: bad type`);
  if ('enum' in schema && (!Array.isArray(schema.enum) || schema.enum.length === 0))
    out.push(`${path}: bad enum`);
  if ('pattern' in schema) {
    try {
      new RegExp(schema.pattern as string, 'u');
    } catch {
      out.push(`${path}: pattern is not an ECMA-262 regex`);
    }
  }
  for (const k of ['minLength', 'maxLength', 'minItems', 'maxItems'])
    if (k in schema && !(Number.isInteger(schema[k]) && (schema[k] as number) >= 0))
      out.push(`${path}: bad ${k}`);
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'])
    if (k in schema && typeof schema[k] !== 'number') out.push(`${path}: bad ${k}`);
  if ('required' in schema) {
    const req = schema.required as unknown[];
    const props = (schema.properties ?? {}) as Schema;
    if (!Array.isArray(req) || req.some((r) => typeof r !== 'string' || !(r in props)))
      out.push(`${path}: required names an undeclared property`);
  }
  if ('properties' in schema)
    for (const [k, v] of Object.entries(schema.properties as Schema))
      out.push(...checkShape(v, `${path}/properties/${k}`));
  if ('items' in schema) out.push(...checkShape(schema.items, `${path}/items`));
  if (typeof schema.additionalProperties === 'object')
    out.push(...checkShape(schema.additionalProperties, `${path}/additionalProperties`));
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const)
    if (k in schema)
      (schema[k] as unknown[]).forEach((sub, i) =>
        out.push(...checkShape(sub, `${path}/${k}/${i}`)),
      );
  return out;
}

/** A small validator for the subset of keywords zod emits; returns the failing paths. */
function validate(schema: Schema, value: unknown, path = ''): string[] {
  const out: string[] = [];
  const type = schema.type as string | undefined;
  const isObj = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (type === 'object' && !isObj) return [`${path}: not an object`];
  if (type === 'array' && !Array.isArray(value)) return [`${path}: not an array`];
  if (type === 'string' && typeof value !== 'string') return [`${path}: not a string`];
  if (type === 'number' && typeof value !== 'number') return [`${path}: not a number`];
  if (type === 'integer' && !Number.isInteger(value)) return [`${path}: not an integer`];
  if (type === 'boolean' && typeof value !== 'boolean') return [`${path}: not a boolean`];
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) out.push(`${path}: not in enum`);
  if (typeof value === 'string') {
    const len = [...value].length;
    if (typeof schema.minLength === 'number' && len < schema.minLength)
      out.push(`${path}: minLength`);
    if (typeof schema.maxLength === 'number' && len > schema.maxLength)
      out.push(`${path}: maxLength`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      out.push(`${path}: pattern`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) out.push(`${path}: minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) out.push(`${path}: maximum`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum)
      out.push(`${path}: exclusiveMinimum`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      out.push(`${path}: minItems`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      out.push(`${path}: maxItems`);
    if (schema.items)
      value.forEach((v, i) => out.push(...validate(schema.items as Schema, v, `${path}[${i}]`)));
  }
  if (isObj) {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[])
      if (!(r in value)) out.push(`${path}.${r}: required`);
    for (const [k, v] of Object.entries(value)) {
      if (k in props) out.push(...validate(props[k]!, v, `${path}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${k}: additional property`);
    }
  }
  if (
    schema.anyOf &&
    !(schema.anyOf as Schema[]).some((s) => validate(s, value, path).length === 0)
  )
    out.push(`${path}: anyOf`);
  return out;
}

describe('jsonSchema', () => {
  it.each(RECORD_KINDS)(
    '%s is a well-formed draft 2020-12 schema with $id, title and description',
    (kind) => {
      const schema = jsonSchema(kind);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(`${JSON_SCHEMA_ID_BASE}${kind}.schema.json`);
      expect(typeof schema.title).toBe('string');
      expect(typeof schema.description).toBe('string');
      expect(schema.type).toBe('object');
      expect(schema.additionalProperties).toBe(false);
      expect(checkShape(schema)).toEqual([]);
      expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    },
  );

  it.each(RECORD_KINDS)(
    '%s accepts its valid fixture, which the validator also accepts',
    (kind) => {
      expect(() => parseRecord(kind, FIXTURES[kind])).not.toThrow();
      expect(validate(jsonSchema(kind), FIXTURES[kind])).toEqual([]);
    },
  );

  it.each(RECORD_KINDS)('%s accepts the normalised output of parseRecord', (kind) => {
    const normalised = JSON.parse(JSON.stringify(parseRecord(kind, FIXTURES[kind])));
    expect(validate(jsonSchema(kind), normalised)).toEqual([]);
  });

  it('marks fields with defaults optional and the rest required', () => {
    const required = jsonSchema('enterprise').required as string[];
    expect(required).toEqual(expect.arrayContaining(['id', 'name', 'sector', 'region', 'need']));
    expect(required).not.toContain('srdi');
    expect(required).not.toContain('collateral');
  });

  it('documents sector and region codes with a pattern and a description', () => {
    const props = jsonSchema('enterprise').properties as Record<string, Schema>;
    for (const key of ['sector', 'region']) {
      expect(typeof props[key]!.pattern).toBe('string');
      expect(props[key]!.description).toMatch(/GB\/T/);
    }
    const pattern = new RegExp(props.sector!.pattern as string, 'u');
    for (const code of ['C', 'C39', '39', '391', '3911', 'C3911', 'c-3911'])
      expect(pattern.test(code)).toBe(true);
    for (const code of ['', 'C3', '12345', 'X11', '3911C']) expect(pattern.test(code)).toBe(false);
  });

  it('rejects what its keywords can express', () => {
    const schema = jsonSchema('enterprise');
    expect(validate(schema, withValue(FIXTURES.enterprise, 'stage', 'unicorn'))).toEqual([
      '.stage: not in enum',
    ]);
    expect(validate(schema, withValue(FIXTURES.enterprise, 'need.instruments', []))).toEqual([
      '.need.instruments: minItems',
    ]);
    expect(validate(schema, { ...FIXTURES.enterprise, extra: 1 })).toEqual([
      '.extra: additional property',
    ]);
    expect(
      validate(schema, withValue(FIXTURES.enterprise, 'srdi.certifiedOn', '2026/01/01')),
    ).toHaveLength(1);
  });

  it('returns a fresh copy each time and rejects unknown kinds', () => {
    const a = jsonSchema('zone');
    a.title = 'changed';
    expect(jsonSchema('zone').title).not.toBe('changed');
    expect(() => jsonSchema('company' as never)).toThrow(OptionError);
  });
});
