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
 * A feature's value as its path depends on it: the value's text for a categorical feature,
 * the size bucket ({@link bucketOf}) for a numeric one. Subjects with one key share one path,
 * so a reader of many subjects computes each key's path once (see `cells.ts`).
 */
export type FeatureKey = string | number;

/** How one feature reads a subject: the key its path depends on, and that key's path. */
export interface FeatureReader<S extends HistorySubject = HistorySubject> {
  readonly name: string;
  /** The subject's key; `year` is the evaluation year (an enterprise's age is counted to it). */
  key(subject: S, year: number): FeatureKey;
  /** The key's path, coarsest level first (values without the `name=` prefix). */
  path(key: FeatureKey): readonly string[];
}

const categorical = <S extends HistorySubject>(
  name: string,
  key: (subject: S, year: number) => string,
  path: (key: string) => readonly string[] = (k) => [k],
): FeatureReader<S> => ({ name, key, path: (k) => path(k as string) });

const bucketed = <S extends HistorySubject>(
  name: string,
  value: (subject: S, year: number) => number,
): FeatureReader<S> => ({
  name,
  key: (subject, year) => bucketOf(value(subject, year)),
  path: (k) => bucketPath(k as number),
});

/**
 * Lists of up to this many values are sorted by insertion into {@link SORTED} rather than by
 * `[...values].sort()`: the lists read here hold a few enum values (at most the 8
 * `COLLATERAL_KINDS` for collateral), and the copy and the sort's work array of every
 * subject's lists were the largest allocation of a build with history (≈ 0.35 GB sampled at
 * seed scale).
 */
const INSERTION_SORT_MAX = 16;

/** Scratch for {@link joined}: the values of one list, in order. */
const SORTED: string[] = [];

/**
 * A list's values sorted and joined with `+` (`empty` for none, or for a text that is empty):
 * one categorical value. A list of up to {@link INSERTION_SORT_MAX} values is ordered without
 * a copy of it, by insertion into a scratch list.
 */
function joined(values: readonly string[], empty: string): string {
  const n = values.length;
  if (n === 0) return empty;
  if (n === 1) return values[0]! || empty;
  if (n > INSERTION_SORT_MAX) return [...values].sort().join('+');
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let j = i;
    // `<` orders strings by UTF-16 code units, as `sort()` does.
    for (; j > 0 && v < SORTED[j - 1]!; j--) SORTED[j] = SORTED[j - 1]!;
    SORTED[j] = v;
  }
  let out = SORTED[0]!;
  for (let i = 1; i < n; i++) out += `+${SORTED[i]!}`;
  return out;
}

/** An enterprise's features, in the order {@link subjectFeatures} lists them. */
export const ENTERPRISE_FEATURES: readonly FeatureReader<Enterprise>[] = [
  categorical('sector', (s) => s.sector, sectorPath),
  categorical('region', (s) => s.region, regionPath),
  categorical('stage', (s) => s.stage),
  categorical('srdiTier', (s) => s.srdi.tier),
  bucketed('amount', (s) => s.need.amount),
  bucketed('term', (s) => s.need.termMonths),
  bucketed('revenue', (s) => s.annualRevenue),
  bucketed('employees', (s) => s.employees),
  bucketed('age', (s, year) => Math.max(0, year - s.foundedYear)),
  categorical('instrument', (s) => joined(s.need.instruments, '')),
  categorical('purpose', (s) => s.need.purpose),
  categorical('collateral', (s) => joined(s.collateral, 'none')),
  categorical('policyLists', (s) => joined(s.policyLists, 'none')),
];

/** A project's features, in the order {@link subjectFeatures} lists them. */
export const PROJECT_FEATURES: readonly FeatureReader<Project>[] = [
  categorical('sector', (s) => s.sector, sectorPath),
  categorical('region', (s) => s.region, regionPath),
  categorical('round', (s) => s.round),
  categorical('trl', (s) => String(s.trl)),
  bucketed('amount', (s) => s.need.amount),
  categorical('instrument', (s) => s.need.instrument),
  categorical('srdiTier', (s) => s.ownerSrdiTier),
];

/** The readers of both markets' features: an enterprise's, then a project's. */
export const FEATURE_READERS: readonly FeatureReader[] = [
  ...(ENTERPRISE_FEATURES as readonly FeatureReader[]),
  ...(PROJECT_FEATURES as readonly FeatureReader[]),
];

/** A custom attribute's key: a number's size bucket, else the value's text. */
function attributeKey(value: string | number | boolean): FeatureKey {
  return typeof value === 'number' ? bucketOf(value) : String(value);
}

/** The path of a custom attribute's key. */
function attributePath(key: FeatureKey): readonly string[] {
  return typeof key === 'number' ? bucketPath(key) : [attributeText(key)];
}

/** Values a size bucket's path is made of (see {@link bucketPath}). */
const BUCKET_LABEL = /^(?:[cho]-?\d+|0|neg)$/;

/**
 * A text attribute value as a path value: quoted when it reads like a size bucket's label
 * (`o3`, `h-2`, `0`…), so that text never shares a cell with a number's bucket. An attribute
 * holding text for some subjects and numbers for others otherwise gave one cell (`attr.x=o3`)
 * two parents: none (text) and `c1` (the bucket), and the hierarchy kept whichever came first.
 */
function attributeText(value: string): string {
  return BUCKET_LABEL.test(value) ? JSON.stringify(value) : value;
}

/** The reader of each custom attribute's feature (`attr.<key>`), made once per key. */
const attributeReaders = new Map<string, FeatureReader>();

function attributeReader(key: string): FeatureReader {
  let reader = attributeReaders.get(key);
  if (!reader) {
    reader = {
      name: `attr.${key}`,
      key: (subject) => attributeKey(subject.attributes![key]!),
      path: attributePath,
    };
    // Attribute keys come from callers' records: only a bounded number are remembered.
    if (attributeReaders.size < MAX_ATTRIBUTE_READERS) attributeReaders.set(key, reader);
  }
  return reader;
}

/** Custom attribute keys whose readers are remembered (see `attributeReader`). */
const MAX_ATTRIBUTE_READERS = 4096;

/**
 * Calls `visit` for each feature of the subject, in {@link subjectFeatures}' order: its
 * reader, the reader's slot (its index in {@link FEATURE_READERS}, or the attribute's feature
 * name for a custom attribute) and the subject's key. `year` is the evaluation year.
 */
export function forEachFeature(
  subject: HistorySubject,
  year: number,
  visit: (reader: FeatureReader, slot: number | string, key: FeatureKey) => void,
): void {
  // A project's readers follow an enterprise's in FEATURE_READERS.
  const project = isProject(subject);
  const first = project ? ENTERPRISE_FEATURES.length : 0;
  const count = project ? PROJECT_FEATURES.length : ENTERPRISE_FEATURES.length;
  for (let slot = first; slot < first + count; slot++) {
    const reader = FEATURE_READERS[slot]!;
    visit(reader, slot, reader.key(subject, year));
  }
  const attributes = subject.attributes;
  if (attributes) {
    for (const key of Object.keys(attributes).sort()) {
      const reader = attributeReader(key);
      visit(reader, reader.name, reader.key(subject, year));
    }
  }
}

/**
 * The values of a key's path as the vocabulary names them (`sector=C39`), coarsest first: what
 * {@link subjectFeatures} lists, the vocabulary holds and the cell encoder looks up.
 */
export function featureValues(reader: FeatureReader, key: FeatureKey): string[] {
  const name = reader.name;
  return reader.path(key).map((v) => `${name}=${v}`);
}

/** The evaluation year of `asOf` (YYYY-MM-DD). */
export function yearOf(asOf: string): number {
  return Number(asOf.slice(0, 4));
}

/**
 * The subject's features. `asOf` (YYYY-MM-DD) gives an enterprise's age. Features that the
 * record does not have (no attributes, zero revenue is a value) are left out.
 */
export function subjectFeatures(subject: HistorySubject, asOf: string): SubjectFeature[] {
  const out: SubjectFeature[] = [];
  forEachFeature(subject, yearOf(asOf), (reader, _slot, key) => {
    const path = featureValues(reader, key);
    if (path.length > 0) out.push({ name: reader.name, path });
  });
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

/** The size bucket of 0 (see {@link bucketOf}). */
const ZERO_BUCKET = Number.NEGATIVE_INFINITY;

/**
 * The size bucket of a number: ⌊2·log₂x⌋ for x > 0, which fixes the coarser levels too
 * (⌊log₂x⌋ = ⌊⌊2·log₂x⌋ / 2⌋); −Infinity for 0, NaN for negative numbers and NaN. The
 * key of {@link bucketPath}.
 */
export function bucketOf(x: number): number {
  if (x > 0) return Math.floor(2 * Math.log2(x));
  return x === 0 ? ZERO_BUCKET : Number.NaN;
}

/** The path of a size bucket ({@link bucketOf}): see {@link sizeBuckets}. */
export function bucketPath(bucket: number): string[] {
  if (bucket === ZERO_BUCKET) return ['0'];
  if (bucket !== bucket) return ['neg'];
  const o = Math.floor(bucket / 2);
  return [`c${Math.floor(o / 3)}`, `o${o}`, `h${bucket}`];
}

/**
 * Log-scale buckets of a number, nested: `c` = ⌊log₂x / 3⌋ (8× wide), `o` = ⌊log₂x⌋ (2×),
 * `h` = ⌊2·log₂x⌋ (√2×). 0 and negative numbers are one bucket each.
 */
export function sizeBuckets(x: number): string[] {
  return bucketPath(bucketOf(x));
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
