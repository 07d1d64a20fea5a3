import { describe, expect, it } from 'vitest';
import { OptionError, ValidationError, type ValidationIssue } from '../../src/errors.js';
import { RECORD_KINDS } from '../../src/model/enums.js';
import { LIMITS } from '../../src/model/limits.js';
import {
  formatPath,
  parseAll,
  parseBatch,
  parseEnterprise,
  parseProduct,
  parseRecord,
  safeParseRecord,
} from '../../src/model/parse.js';
import { FIXTURES, enterprise, investor, product, withValue } from './fixtures.js';

function issuesOf(kind: (typeof RECORD_KINDS)[number], value: unknown, locale: 'zh' | 'en' = 'en') {
  const r = safeParseRecord(kind, value, { locale });
  if (r.ok) throw new Error(`expected ${kind} to be rejected`);
  return r.issues;
}

function expectIssue(issues: readonly ValidationIssue[], path: string, code: string) {
  expect(issues.map((i) => `${i.path}:${i.code}`)).toContain(`${path}:${code}`);
}

describe('valid fixtures', () => {
  it.each(RECORD_KINDS)('%s parses and is normalised', (kind) => {
    const record = parseRecord(kind, FIXTURES[kind]);
    expect(record.id).toBe(FIXTURES[kind].id);
  });

  it('fills enterprise defaults and canonicalises the sector', () => {
    const e = parseEnterprise({ ...enterprise, srdi: undefined, collateral: undefined });
    expect(e.sector).toBe('C3911');
    expect(e.srdi).toEqual({ tier: 'none' });
    expect(e.collateral).toEqual([]);
    expect(e.existingLoans[0]!.renewalWithoutRepayment).toBe(false);
  });

  it('canonicalises product and chain sector lists', () => {
    const p = parseProduct(product);
    expect(p.targetSectors).toEqual(['C', 'I65']);
    expect(p.excludedSectors).toEqual(['C2511']);
    expect(parseRecord('chain', FIXTURES.chain).sectors).toEqual(['C397', 'I6520']);
    expect(parseRecord('project', FIXTURES.project).sector).toBe('C3972');
  });

  it.each([
    ['C', 'C'],
    ['C39', 'C39'],
    ['39', 'C39'],
    ['391', 'C391'],
    ['3911', 'C3911'],
    ['C3911', 'C3911'],
    ['c3911', 'C3911'],
    [' C-3911 ', 'C3911'],
    ['Ｃ３９１１', 'C3911'],
  ])('accepts sector %j as %s', (input, canonical) => {
    expect(parseEnterprise(withValue(enterprise, 'sector', input)).sector).toBe(canonical);
  });

  it('does not mutate its input', () => {
    const input = structuredClone(enterprise);
    parseEnterprise(input);
    expect(input).toEqual(enterprise);
  });
});

describe('mutations give the right issue code and path', () => {
  it.each([
    ['annualRevenue', 'NaN', 'invalid_type'],
    ['annualRevenue', '1e999', 'invalid_type'],
    ['annualRevenue', '', 'invalid_type'],
    ['annualRevenue', '5000000', 'invalid_type'],
    ['annualRevenue', Number.NaN, 'invalid_type'],
    ['annualRevenue', Number.POSITIVE_INFINITY, 'invalid_type'],
    ['annualRevenue', -1, 'too_small'],
    ['annualRevenue', 1e13, 'too_big'],
    ['need.amount', 0, 'too_small'],
    ['need.amount', -5e6, 'too_small'],
    ['need.termMonths', 12.5, 'invalid_type'],
    ['need.termMonths', LIMITS.termMonths + 1, 'too_big'],
    ['need.instruments', [], 'too_small'],
    ['need.instruments[0]', 'crypto', 'invalid_enum'],
    ['need.purpose', undefined, 'required'],
    ['employees', 1.5, 'invalid_type'],
    ['foundedYear', 1700, 'too_small'],
    ['stage', 'unicorn', 'invalid_enum'],
    ['srdi.tier', 'gold', 'invalid_enum'],
    ['srdi.certifiedOn', '2026-02-30', 'invalid_date'],
    ['srdi.certifiedOn', '2026/02/01', 'invalid_date'],
    ['srdi.certifiedOn', 'yesterday', 'invalid_date'],
    ['existingLoans[0].maturity', '2025-13-01', 'invalid_date'],
    ['sector', 'A3911', 'unknown_sector'],
    ['sector', '9999', 'unknown_sector'],
    ['sector', '', 'unknown_sector'],
    ['sector', 'C3', 'unknown_sector'],
    ['sector', 3911, 'invalid_type'],
    ['region', '990000', 'unknown_region'],
    ['region', '3205', 'unknown_region'],
    ['name', '', 'too_small'],
    ['name', '   ', 'blank'],
    ['name', 'x'.repeat(LIMITS.nameLength + 1), 'too_big'],
    ['text', '字'.repeat(LIMITS.textLength + 1), 'too_big'],
    ['id', ' padded', 'id_format'],
    ['id', 'a\u0000b', 'id_format'],
    ['id', 'x'.repeat(LIMITS.idLength + 1), 'too_big'],
    ['debtRatio', -0.1, 'too_small'],
    ['rdIntensity', 1.5, 'too_big'],
    ['collateral', 'credit', 'invalid_type'],
    ['collateral[1]', 'gold', 'invalid_enum'],
    ['chains[0].chainId', undefined, 'required'],
  ])('enterprise %s = %j → %s', (path, value, code) => {
    expectIssue(issuesOf('enterprise', withValue(enterprise, path, value)), path, code);
  });

  it('reports an unknown field at its own path', () => {
    expectIssue(issuesOf('enterprise', { ...enterprise, revenue: 1 }), 'revenue', 'unknown_field');
    expectIssue(
      issuesOf('enterprise', withValue(enterprise, 'need.currency', 'CNY')),
      'need.currency',
      'unknown_field',
    );
  });

  it('reports min > max ranges on min', () => {
    expectIssue(
      issuesOf('product', withValue(product, 'amount.min', 5e7)),
      'amount.min',
      'min_gt_max',
    );
    expectIssue(
      issuesOf('investor', withValue(investor, 'trl', { min: 9, max: 2 })),
      'trl.min',
      'min_gt_max',
    );
    expectIssue(
      issuesOf('product', withValue(product, 'ratePercent', { min: 5, max: 1 })),
      'ratePercent.min',
      'min_gt_max',
    );
  });

  it('rejects a sector both targeted and excluded, naming the excluded entry', () => {
    const issues = issuesOf('product', { ...product, excludedSectors: ['I65'] });
    expectIssue(issues, 'excludedSectors[0]', 'sector_both_target_and_excluded');
  });

  it('rejects unknown sector codes inside lists at their index', () => {
    expectIssue(
      issuesOf('product', { ...product, targetSectors: ['C', 'Z99'] }),
      'targetSectors[1]',
      'unknown_sector',
    );
  });

  it("rejects rule set '2026' on a certificate granted before 2026-04-01", () => {
    const bad = withValue(enterprise, 'srdi', {
      tier: 'srdi',
      certifiedOn: '2025-12-01',
      ruleSet: '2026',
    });
    expectIssue(issuesOf('enterprise', bad), 'srdi.ruleSet', 'srdi_rule_set_not_in_force');
    const ok = withValue(enterprise, 'srdi', {
      tier: 'littleGiant',
      certifiedOn: '2026-06-01',
      ruleSet: '2022',
    });
    expect(parseEnterprise(ok).srdi.ruleSet).toBe('2022');
  });

  it('reports one issue for one malformed date', () => {
    const issues = issuesOf('enterprise', withValue(enterprise, 'srdi.certifiedOn', 'abc'));
    expect(issues.filter((i) => i.path === 'srdi.certifiedOn')).toHaveLength(1);
  });

  it('reports every issue of a record, each with the record id', () => {
    const bad = { ...enterprise, annualRevenue: -1, sector: 'A3911', stage: 'x' };
    const issues = issuesOf('enterprise', bad);
    expect(issues.map((i) => i.path).sort()).toEqual(['annualRevenue', 'sector', 'stage']);
    for (const i of issues) expect(i.recordId).toBe('ENT-0001');
  });

  it('truncates huge received values', () => {
    const [issue] = issuesOf('enterprise', withValue(enterprise, 'name', 'x'.repeat(1_000_000)));
    expect(issue!.received!.length).toBeLessThan(120);
  });

  it.each([null, undefined, 42, 'ENT', [], true])('rejects a non-object record %j', (value) => {
    const [issue] = issuesOf('enterprise', value);
    expect(issue).toMatchObject({ path: '', code: 'invalid_type' });
  });
});

describe('prototype pollution', () => {
  it('reports __proto__ and constructor keys from JSON.parse, once each', () => {
    const json = JSON.stringify(enterprise).replace(
      '{',
      '{"__proto__":{"polluted":1},"constructor":{"x":1},',
    );
    const issues = issuesOf('enterprise', JSON.parse(json));
    expect(issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      '__proto__:forbidden_key',
      'constructor:forbidden_key',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('finds forbidden keys in nested objects and arrays', () => {
    const json = JSON.stringify(enterprise).replace('"chainId"', '"__proto__":{},"chainId"');
    expectIssue(issuesOf('enterprise', JSON.parse(json)), 'chains[0].__proto__', 'forbidden_key');
  });
});

describe('messages in both locales', () => {
  it('speaks Chinese by default and English on request', () => {
    const bad = withValue(enterprise, 'annualRevenue', -1);
    const zh = safeParseRecord('enterprise', bad);
    const en = safeParseRecord('enterprise', bad, { locale: 'en' });
    expect(zh.ok || en.ok).toBe(false);
    if (zh.ok || en.ok) return;
    expect(zh.issues[0]!.message).toMatch(/过小/);
    expect(en.issues[0]!.message).toMatch(/too small/);
    expect(zh.issues[0]!.code).toBe(en.issues[0]!.code);
  });

  it.each([
    ['sector', 'A3911', /行业代码/, /sector code/],
    ['srdi.certifiedOn', '2026-02-30', /日期/, /calendar date/],
    ['need', undefined, /缺少/, /missing/],
  ])('%s has a zh and an en message', (path, value, zh, en) => {
    const bad = withValue(enterprise, path, value);
    expect(issuesOf('enterprise', bad, 'zh')[0]!.message).toMatch(zh);
    expect(issuesOf('enterprise', bad, 'en')[0]!.message).toMatch(en);
  });

  it('throws a ValidationError whose message names the record and path', () => {
    expect(() => parseEnterprise(withValue(enterprise, 'stage', 'x'), { locale: 'en' })).toThrow(
      /enterprise "ENT-0001" at stage/,
    );
  });
});

describe('options are validated', () => {
  it('rejects an unknown kind and an unknown locale with OptionError', () => {
    expect(() => parseRecord('company' as never, enterprise)).toThrow(OptionError);
    expect(() => parseRecord('enterprise', enterprise, { locale: 'fr' as never })).toThrow(
      OptionError,
    );
  });
});

describe('parseBatch', () => {
  const good = (id: string) => ({ ...enterprise, id });

  it('keeps good records in order and reports every bad one with index and line', () => {
    const values = [good('a'), { ...good('b'), stage: 'x' }, good('c'), 'junk', good('d')];
    const { records, errors } = parseBatch('enterprise', values, { lines: [2, 3, 4, 5, 6] });
    expect(records.map((r) => r.id)).toEqual(['a', 'c', 'd']);
    expect(errors.map((e) => [e.index, e.line, e.id])).toEqual([
      [1, 3, 'b'],
      [3, 5, undefined],
    ]);
  });

  it('reports duplicate ids on every later occurrence and keeps the first', () => {
    const first = { ...good('dup'), name: '第一家' };
    const { records, errors } = parseBatch(
      'enterprise',
      [first, good('x'), good('dup'), good('dup')],
      {
        locale: 'en',
      },
    );
    expect(records.map((r) => r.name)).toEqual(['第一家', enterprise.name]);
    expect(errors.map((e) => e.index)).toEqual([2, 3]);
    for (const e of errors) {
      expect(e.issues[0]).toMatchObject({ code: 'duplicate_id', path: 'id', recordId: 'dup' });
      expect(e.issues[0]!.message).toMatch(/index 0/);
    }
  });

  it('names lines, not indices, in duplicate messages of file batches', () => {
    const { errors } = parseBatch('enterprise', [good('d'), good('d')], { lines: [10, 11] });
    expect(errors[0]!.issues[0]!.message).toMatch(/第 10 行/);
  });

  it('rejects a non-array input and mismatched lines', () => {
    expect(() => parseBatch('enterprise', 'x' as never)).toThrow(ValidationError);
    expect(() => parseBatch('enterprise', [good('a')], { lines: [1, 2] })).toThrow(OptionError);
  });

  it('says what a non-array should have been in each locale, the kind named in Chinese in zh', () => {
    const issueOf = (locale: 'zh' | 'en') => {
      try {
        parseBatch('product', { id: 'x' } as never, { locale });
      } catch (error) {
        return (error as ValidationError).issues[0]!;
      }
      throw new Error('no error');
    };
    expect(issueOf('zh').message).toBe('应为金融产品记录的数组');
    expect(issueOf('en').message).toBe('expected an array of product records');
    expect(issueOf('en').expected).toBe('array');
  });

  it('is empty for an empty batch', () => {
    expect(parseBatch('zone', [])).toEqual({ records: [], errors: [] });
  });
});

describe('parseAll', () => {
  it('returns every record or throws one error with indexed paths', () => {
    expect(parseAll('zone', [FIXTURES.zone])).toHaveLength(1);
    try {
      parseAll('zone', [
        FIXTURES.zone,
        { ...FIXTURES.zone, id: 'z2', kind: 'x' },
        { ...FIXTURES.zone },
      ]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const paths = (error as ValidationError).issues.map((i) => `${i.path}:${i.code}`);
      expect(paths).toEqual(['[1].kind:invalid_enum', '[2].id:duplicate_id']);
    }
  });

  it('rejects a non-array', () => {
    expect(() => parseAll('zone', { a: 1 })).toThrow(ValidationError);
  });
});

describe('formatPath', () => {
  it('joins keys with dots and indices with brackets', () => {
    expect(formatPath(['existingLoans', 2, 'maturity'])).toBe('existingLoans[2].maturity');
    expect(formatPath([0, 'id'])).toBe('[0].id');
    expect(formatPath([])).toBe('');
  });
});

describe('hostile input', () => {
  it('reports a throwing getter as an issue instead of throwing', () => {
    const value = { ...enterprise };
    Object.defineProperty(value, 'name', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const issues = issuesOf('enterprise', value);
    expect(issues[0]).toMatchObject({ code: 'unreadable', path: '' });
  });
});
