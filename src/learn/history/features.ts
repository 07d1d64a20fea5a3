/**
 * The subject features the outcome-learned factors count: for each feature, the value's path
 * from its coarsest to its finest level, so that counts back off along a hierarchy (sector
 * section → division → group → class; province → prefecture → district; log-scale size
 * buckets of 8× → 2× → √2×). Custom attributes (`attributes`) are features too: strings and
 * booleans categorical, numbers bucketed like sizes.
 *
 * A feature value is a string `name=value`; values are unique across levels (sector codes
 * and region codes are, bucket values carry their level's letter).
 *
 * @module
 */
import type { Locale } from '../../i18n/locale.js';
import { formatYuan } from '../../i18n/locale.js';
import type { Enterprise, Project } from '../../model/types.js';
import { getSector } from '../../taxonomy/sectors.js';
import { PROVINCES } from '../../taxonomy/regions.js';
import { ROUND_NAMES, SRDI_TIER_NAMES, STAGE_NAMES } from '../../taxonomy/ladders.js';

/** One feature of one subject: its name and the value path, coarsest level first. */
export interface SubjectFeature {
  name: string;
  path: readonly string[];
}

/** A subject of either market. */
export type HistorySubject = Enterprise | Project;

/** True for a project (S&T project), false for an enterprise. */
export function isProject(subject: HistorySubject): subject is Project {
  return (subject as Project).round !== undefined;
}

/**
 * The subject's features. `asOf` (YYYY-MM-DD) gives an enterprise's age. Features that the
 * record does not have (no attributes, zero revenue is a value) are left out.
 */
export function subjectFeatures(subject: HistorySubject, asOf: string): SubjectFeature[] {
  const out: SubjectFeature[] = [];
  const add = (name: string, path: readonly string[]) => {
    if (path.length > 0) out.push({ name, path: path.map((v) => `${name}=${v}`) });
  };
  add('sector', sectorPath(subject.sector));
  add('region', regionPath(subject.region));
  if (isProject(subject)) {
    add('round', [subject.round]);
    add('trl', [String(subject.trl)]);
    add('amount', sizeBuckets(subject.need.amount));
    add('instrument', [subject.need.instrument]);
    add('srdiTier', [subject.ownerSrdiTier]);
  } else {
    add('stage', [subject.stage]);
    add('srdiTier', [subject.srdi.tier]);
    add('amount', sizeBuckets(subject.need.amount));
    add('term', sizeBuckets(subject.need.termMonths));
    add('revenue', sizeBuckets(subject.annualRevenue));
    add('employees', sizeBuckets(subject.employees));
    add('age', sizeBuckets(Math.max(0, Number(asOf.slice(0, 4)) - subject.foundedYear)));
    add('instrument', [[...subject.need.instruments].sort().join('+')]);
    add('purpose', [subject.need.purpose]);
    add('collateral', [[...subject.collateral].sort().join('+') || 'none']);
    add('policyLists', [[...subject.policyLists].sort().join('+') || 'none']);
  }
  const attributes = subject.attributes;
  if (attributes) {
    for (const key of Object.keys(attributes).sort()) {
      const v = attributes[key]!;
      add(`attr.${key}`, typeof v === 'number' ? sizeBuckets(v) : [String(v)]);
    }
  }
  return out;
}

/** GB/T 4754 code → its path: `C3911` → C, C39, C391, C3911. */
export function sectorPath(code: string): string[] {
  const path = [code.slice(0, 1)];
  for (const n of [3, 4, 5]) if (code.length >= n) path.push(code.slice(0, n));
  return path;
}

/** Region code → province, prefecture, district (a `00` level ends the path). */
export function regionPath(code: string): string[] {
  const path = [code.slice(0, 2)];
  if (code.slice(2, 4) !== '00') {
    path.push(code.slice(0, 4));
    if (code.slice(4, 6) !== '00') path.push(code);
  }
  return path;
}

/**
 * Log-scale buckets of a number, nested: `c` = ⌊log₂x / 3⌋ (8× wide), `o` = ⌊log₂x⌋ (2×),
 * `h` = ⌊2·log₂x⌋ (√2×). 0 and negative numbers are one bucket each.
 */
export function sizeBuckets(x: number): string[] {
  if (!(x > 0)) return [x === 0 ? '0' : 'neg'];
  const l = Math.log2(x);
  const o = Math.floor(l);
  return [`c${Math.floor(o / 3)}`, `o${o}`, `h${Math.floor(2 * l)}`];
}

const FEATURE_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  sector: { zh: '行业', en: 'sector' },
  region: { zh: '地区', en: 'region' },
  stage: { zh: '发展阶段', en: 'stage' },
  srdiTier: { zh: '专精特新层级', en: 'SRDI tier' },
  amount: { zh: '融资金额', en: 'amount' },
  term: { zh: '期限（月）', en: 'term (months)' },
  revenue: { zh: '营业收入', en: 'revenue' },
  employees: { zh: '员工人数', en: 'employees' },
  age: { zh: '成立年限', en: 'years operating' },
  instrument: { zh: '融资工具', en: 'instrument' },
  purpose: { zh: '资金用途', en: 'purpose' },
  collateral: { zh: '担保方式', en: 'collateral' },
  policyLists: { zh: '政策名单', en: 'policy lists' },
  round: { zh: '轮次', en: 'round' },
  trl: { zh: '技术成熟度', en: 'TRL' },
};

/**
 * A feature value for people, e.g. zh `行业 制造业`, en `sector Manufacturing`,
 * en `amount 1,048,576–2,097,152 yuan`.
 */
export function describeFeatureValue(value: string, locale: Locale): string {
  const eq = value.indexOf('=');
  const name = value.slice(0, eq);
  const v = value.slice(eq + 1);
  const en = locale === 'en';
  const label = name.startsWith('attr.')
    ? name.slice(5)
    : ((en ? FEATURE_LABELS[name]?.en : FEATURE_LABELS[name]?.zh) ?? name);
  let shown = v;
  if (name === 'sector') {
    const node = getSector(v);
    if (node) shown = `${en ? node.nameEn : node.nameZh} (${v})`;
  } else if (name === 'region') {
    const province = PROVINCES[v.slice(0, 2)];
    if (province) shown = v.length === 2 ? (en ? province.en : province.zh) : v;
  } else if (name === 'stage' && v in STAGE_NAMES) {
    shown = (STAGE_NAMES as Record<string, { zh: string; en: string }>)[v]![locale];
  } else if (name === 'srdiTier' && v in SRDI_TIER_NAMES) {
    shown = (SRDI_TIER_NAMES as Record<string, { zh: string; en: string }>)[v]![locale];
  } else if (name === 'round' && v in ROUND_NAMES) {
    shown = (ROUND_NAMES as Record<string, { zh: string; en: string }>)[v]![locale];
  } else if (/^[cho]-?\d+$/.test(v)) {
    const [lo, hi] = bucketRange(v);
    const fmt = (x: number) =>
      name === 'amount' || name === 'revenue'
        ? formatYuan(x, locale)
        : x.toLocaleString(en ? 'en-US' : 'zh-CN', { maximumFractionDigits: 1 });
    shown = `${fmt(lo)}–${fmt(hi)}`;
  }
  return en ? `${label} ${shown}` : `${label}${shown}`;
}

/** The [low, high) range of a size bucket value (`c3`, `o9`, `h19`). */
export function bucketRange(v: string): [number, number] {
  const n = Number(v.slice(1));
  if (v[0] === 'c') return [2 ** (3 * n), 2 ** (3 * n + 3)];
  if (v[0] === 'o') return [2 ** n, 2 ** (n + 1)];
  return [2 ** (n / 2), 2 ** ((n + 1) / 2)];
}
