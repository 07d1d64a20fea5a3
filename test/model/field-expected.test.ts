/**
 * A missing field, or one of the wrong type, says everything the field accepts ("integer
 * from 1 to 600"), read from the record kind's JSON Schema at the issue's path. Checked for
 * every number with both bounds that the kinds' fixtures hold (depth 1–2), in both locales;
 * the bounds the words state are then probed against the validator itself (each end accepted,
 * one step past it rejected), so the words cannot say what the checks do not do.
 */
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../src/errors.js';
import { RECORD_KINDS, type RecordKind } from '../../src/model/enums.js';
import { expectedAt } from '../../src/model/field-expected.js';
import { jsonSchema } from '../../src/model/json-schema.js';
import { loadSchemas, safeParseRecord } from '../../src/model/parse.js';
import { FIXTURES, enterprise, withValue } from './fixtures.js';

type Node = Record<string, unknown>;

function issueAt(kind: RecordKind, value: unknown, path: string, locale: 'zh' | 'en') {
  const r = safeParseRecord(kind, value, { locale });
  if (r.ok) throw new Error(`expected ${kind} to be rejected at ${path}`);
  const issue = r.issues.find((i: ValidationIssue) => i.path === path);
  if (!issue) throw new Error(`no issue at ${path}: ${JSON.stringify(r.issues)}`);
  return issue;
}

/** Every number field with both bounds that a kind's fixture holds, at depth 1 and 2. */
function boundedNumbers(kind: RecordKind) {
  const out: { path: string; type: string; min: number; max: number; required: boolean }[] = [];
  const walk = (node: Node, prefix: string, value: unknown, depth: number) => {
    const properties = (node.properties ?? {}) as Record<string, Node>;
    const required = (node.required ?? []) as string[];
    for (const [name, child] of Object.entries(properties)) {
      const v = (value as Record<string, unknown> | undefined)?.[name];
      if (v === undefined) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      if (
        (child.type === 'integer' || child.type === 'number') &&
        typeof child.minimum === 'number' &&
        typeof child.maximum === 'number'
      )
        out.push({
          path,
          type: child.type,
          min: child.minimum,
          max: child.maximum,
          required: required.includes(name),
        });
      if (child.type === 'object' && depth < 2) walk(child, path, v, depth + 1);
    }
  };
  walk(jsonSchema(kind), '', FIXTURES[kind], 1);
  return out;
}

describe('expected says the whole constraint', () => {
  const cases = RECORD_KINDS.flatMap((kind) => boundedNumbers(kind).map((f) => ({ kind, ...f })));

  it('covers bounded numbers of several record kinds', () => {
    expect(new Set(cases.map((c) => c.kind)).size).toBeGreaterThanOrEqual(4);
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('$kind $path: wrong type and missing, in both locales', (c) => {
    const noun = c.type === 'integer' ? 'integer' : 'number';
    const nounZh = c.type === 'integer' ? '整数' : '数字';
    const text = withValue(FIXTURES[c.kind], c.path, 'text');
    const en = issueAt(c.kind, text, c.path, 'en');
    expect(en.code).toBe('invalid_type');
    expect(en.expected).toBe(`${noun} from ${c.min} to ${c.max}`);
    expect(en.message).toBe(`expected ${noun} from ${c.min} to ${c.max}, received string`);
    const zh = issueAt(c.kind, text, c.path, 'zh');
    expect(zh.expected).toBe(`${c.min} 到 ${c.max} 之间的${nounZh}`);
    expect(zh.message).toBe(`类型错误：应为${c.min} 到 ${c.max} 之间的${nounZh}，实际为字符串`);
    if (c.required) {
      const missing = issueAt(c.kind, withValue(FIXTURES[c.kind], c.path, undefined), c.path, 'en');
      expect(missing.code).toBe('required');
      expect(missing.expected).toBe(`${noun} from ${c.min} to ${c.max}`);
    }
  });

  it('an object names its required fields; an array its size and allowed values', () => {
    const need = issueAt('enterprise', withValue(enterprise, 'need', undefined), 'need', 'en');
    expect(need.code).toBe('required');
    expect(need.expected).toBe('object with amount, termMonths, instruments, purpose');
    const zh = issueAt('enterprise', withValue(enterprise, 'need', undefined), 'need', 'zh');
    expect(zh.message).toBe(
      '缺少必填字段，应为含 amount、termMonths、instruments、purpose 字段的对象',
    );
    const instruments = issueAt(
      'enterprise',
      withValue(enterprise, 'need.instruments', 'loan'),
      'need.instruments',
      'en',
    );
    expect(instruments.expected).toMatch(/^array of 1 to \d+ items, each one of loan \| equity/);
    const fraction = issueAt(
      'enterprise',
      withValue(enterprise, 'need.termMonths', 1.5),
      'need.termMonths',
      'en',
    );
    expect(fraction.message).toBe('expected integer from 1 to 600, received fraction');
    // An exclusive bound, in both locales.
    const amount = withValue(enterprise, 'need.amount', 'much');
    expect(issueAt('enterprise', amount, 'need.amount', 'en').expected).toMatch(
      /^number > 0 and ≤ \d+$/,
    );
    expect(issueAt('enterprise', amount, 'need.amount', 'zh').expected).toMatch(
      /^大于 0 且不超过 \d+ 的数字$/,
    );
    const instrumentsZh = issueAt(
      'enterprise',
      withValue(enterprise, 'need.instruments', 'loan'),
      'need.instruments',
      'zh',
    );
    expect(instrumentsZh.expected).toMatch(/^1 到 \d+ 项的数组（每项为 loan \| equity .* 之一）$/);
  });

  it.each(cases)('$kind $path: the bounds it states are the ones the validator applies', (c) => {
    const step = c.type === 'integer' ? 1 : Math.max(1, Math.abs(c.max) * 1e-9);
    const issuesAt = (value: number) => {
      let record = withValue(FIXTURES[c.kind], c.path, value);
      // One end of a range: the other end moves with it, so min ≤ max still holds.
      const other = /\.(min|max)$/.exec(c.path);
      if (other)
        record = withValue(
          record,
          c.path.replace(/(min|max)$/, other[1] === 'min' ? 'max' : 'min'),
          value,
        );
      const r = safeParseRecord(c.kind, record);
      return r.ok ? [] : r.issues.filter((i) => i.path === c.path);
    };
    expect(issuesAt(c.min)).toEqual([]);
    expect(issuesAt(c.max)).toEqual([]);
    expect(issuesAt(c.min - step).map((i) => i.code)).toContain('too_small');
    expect(issuesAt(c.max + step).map((i) => i.code)).toContain('too_big');
  });

  it('a field whose schema says no more than its type keeps the type word', () => {
    // Sector codes: their pattern is the constraint, and no length or words say it.
    const sector = issueAt(
      'enterprise',
      withValue(enterprise, 'sector', undefined),
      'sector',
      'en',
    );
    expect(sector.expected).toBe('string');
    const zh = issueAt('enterprise', withValue(enterprise, 'sector', 7), 'sector', 'zh');
    expect(zh.message).toBe('类型错误：应为字符串，实际为数字');
    // In Chinese, `expected` is in Chinese too.
    expect(zh.expected).toBe('字符串');
  });

  it('a path the schema cannot follow, or a node of another type than the issue, says nothing', () => {
    const { z, schemas } = loadSchemas();
    expect(expectedAt(z, schemas.enterprise, ['need', 'termMonths'], 'int', 'en')).toBe(
      'integer from 1 to 600',
    );
    expect(expectedAt(z, schemas.enterprise, ['need', 'termMonths'], 'string', 'en')).toBe(
      undefined,
    );
    expect(expectedAt(z, schemas.enterprise, ['nothing', 'here'], 'number', 'en')).toBe(undefined);
    expect(expectedAt(z, schemas.enterprise, [Symbol('s')], 'number', 'en')).toBe(undefined);
  });
});
