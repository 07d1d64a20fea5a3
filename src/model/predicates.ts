/**
 * The tests the record schemas run on values, each under a name: the issue a refinement reports
 * (`date`, `range`…), the predicate a `refine` applies (`regionCode`…) and the sure-pass tests
 * of the compiled validators (`plainText`, `noIssue`…; see `fast-validate.ts`).
 *
 * Why names: a validator written ahead of time from the schemas (`standalone-validators.ts`)
 * refers to these tests by name, so a process validates its records without loading zod (≈ 75–90
 * ms of module loading and ≈ 20 ms of building the schemas, paid by every process before its
 * first record). {@link predicate} hands out one function per name and arguments — the same
 * function object the schemas hold and the one the ahead-of-time validator calls — and
 * {@link predicateName} says which name and arguments a function was made from. This module
 * does not load zod.
 *
 * @module
 */
import type { z as Z } from 'zod';
import { normalizeSectorCode } from '../taxonomy/sectors.js';
import { isRegionCode, isRegionPrefix } from '../taxonomy/regions.js';
import { SRDI_RULES } from '../taxonomy/srdi.js';
import { isCalendarDate } from '../util/dates.js';
import { LIMITS } from './limits.js';
import { findUnsafeCharacter, isPlainText, type TextRule } from './text-rules.js';

/** An issue a refinement reports (what zod's `ctx.addIssue` takes). */
export type RefinementIssue = Exclude<
  Parameters<Z.core.$RefinementCtx<unknown>['addIssue']>[0],
  string
>;

/** Shape of a date field: `YYYY-MM-DD`. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A name's test that it is not blank (one RegExp object, not one per record checked). */
const NOT_BLANK = /\S/;

/**
 * Distinct sector spellings remembered by {@link canonicalSector}: GB/T 4754-2017 has about
 * 1,700 codes, so a market's spellings fit many times over; past the bound nothing is added.
 */
const SECTOR_MEMO_LIMIT = 16_384;
const sectorMemo = new Map<string, string | null>();

/** {@link normalizeSectorCode}, remembered per spelling (every record names a sector or more). */
export function canonicalSector(value: string): string | undefined {
  const known = sectorMemo.get(value);
  if (known !== undefined) return known ?? undefined;
  const code = normalizeSectorCode(value);
  if (sectorMemo.size < SECTOR_MEMO_LIMIT) sectorMemo.set(value, code ?? null);
  return code;
}

/** A range as the schemas read it. */
interface Bounds {
  min: number;
  max: number;
}

/** An SRDI certificate as its rule-set check reads it. */
interface Certificate {
  certifiedOn?: string | undefined;
  ruleSet?: keyof typeof SRDI_RULES | undefined;
}

/** A product as its sector check reads it. */
export interface SectorLists {
  targetSectors: readonly string[];
  excludedSectors: readonly string[];
}

/**
 * The issue finders: each returns the issue its value has, or undefined (`sectorConflicts`:
 * every issue, possibly none).
 */
const ISSUES = {
  /** A character an id, name or text may not hold (text-rules.ts). */
  unsafeCharacter:
    (rule: TextRule) =>
    (value: string): RefinementIssue | undefined => {
      const bad = findUnsafeCharacter(value, rule);
      return (
        bad && { code: 'custom', message: 'unsafe_character', input: value, params: { ...bad } }
      );
    },
  /** One issue for a malformed date: `date_format` or `date_invalid`. */
  date: () => (value: string) => {
    if (!DATE_PATTERN.test(value))
      return { code: 'custom', message: 'date_format', input: value } as RefinementIssue;
    if (!isCalendarDate(value))
      return { code: 'custom', message: 'date_invalid', input: value } as RefinementIssue;
    return undefined;
  },
  /** More custom attributes than {@link LIMITS.attributeCount}. */
  attributeCount: () => (value: Record<string, unknown>) =>
    Object.keys(value).length > LIMITS.attributeCount
      ? ({ code: 'custom', message: 'attribute_count', input: value } as RefinementIssue)
      : undefined,
  /** A range whose minimum exceeds its maximum. */
  range: () => (r: Bounds) =>
    r.min > r.max
      ? ({ code: 'custom', message: 'min_gt_max', path: ['min'], input: r } as RefinementIssue)
      : undefined,
  /** A certificate judged by measures not yet in force (srdi.md §0). */
  srdiRuleSet: () => (cert: Certificate) => {
    const from = cert.ruleSet !== undefined ? SRDI_RULES[cert.ruleSet].effectiveFrom : undefined;
    return from !== undefined && cert.certifiedOn !== undefined && cert.certifiedOn < from
      ? ({
          code: 'custom',
          message: 'srdi_rule_set_not_in_force',
          path: ['ruleSet'],
          input: cert.ruleSet,
        } as RefinementIssue)
      : undefined;
  },
  /** Every excluded sector that is also a target sector (one issue each). */
  sectorConflicts: () => (p: SectorLists) => {
    const issues: RefinementIssue[] = [];
    for (const [i, ex] of p.excludedSectors.entries())
      if (p.targetSectors.includes(ex))
        issues.push({
          code: 'custom',
          message: 'sector_both_target_and_excluded',
          path: ['excludedSectors', i],
          input: ex,
        });
    return issues;
  },
} as const;

/** Names of the issue finders. */
export type IssueName = keyof typeof ISSUES;

/** Every named test: the issue finders, the refine predicates and the sure-pass tests. */
const FACTORIES = {
  ...ISSUES,
  /** A text value the field's normalisation leaves as it is (text-rules.ts). */
  plainText: (rule: TextRule) => (value: string) => isPlainText(value, rule),
  /** A sector code already in canonical form (the sector transform returns it as it is). */
  canonicalSector: () => (value: string) => canonicalSector(value) === value,
  /** A name that is not blank. */
  notBlank: () => (value: string) => NOT_BLANK.test(value),
  /** A GB/T 2260 district code. */
  regionCode: () => isRegionCode,
  /** A GB/T 2260 region prefix. */
  regionPrefix: () => isRegionPrefix,
  /** The value has no issue by issue finder `name`. */
  noIssue: (name: Exclude<IssueName, 'sectorConflicts'>, ...args: TextRule[]) => {
    const issueOf = predicate(name, ...args) as (value: never) => unknown;
    return (value: never) => issueOf(value) === undefined;
  },
  /** The value has no issue by issue finder `name` (one that lists them). */
  noIssues: (name: 'sectorConflicts') => {
    const issuesOf = predicate(name) as (value: never) => readonly unknown[];
    return (value: never) => issuesOf(value).length === 0;
  },
};

/** Names of the tests {@link predicate} hands out. */
export type PredicateName = keyof typeof FACTORIES;

/** A test's name and the arguments it was made with. */
export interface PredicateRef {
  /** The test's name in this module. */
  readonly name: PredicateName;
  /** The arguments it was made with (a text rule, an issue finder's name). */
  readonly args: readonly string[];
}

const made = new Map<string, (value: never) => unknown>();
const names = new WeakMap<object, PredicateRef>();

/**
 * The test named `name` made with `args` (one function object per name and arguments, made on
 * first use). The returned function is typed loosely; callers cast it to the value type their
 * schema node has.
 */
export function predicate(name: PredicateName, ...args: string[]): (value: never) => unknown {
  const key = `${name}(${args.join(',')})`;
  let fn = made.get(key);
  if (fn === undefined) {
    const factory = FACTORIES[name] as (...a: string[]) => (value: never) => unknown;
    fn = factory(...args);
    made.set(key, fn);
    // A factory may hand out a function made elsewhere (regionCode): the first name made wins.
    if (!names.has(fn)) names.set(fn, { name, args: [...args] });
  }
  return fn;
}

/** The name and arguments `fn` was made from by {@link predicate}, or undefined. */
export function predicateName(fn: unknown): PredicateRef | undefined {
  return typeof fn === 'function' ? names.get(fn) : undefined;
}
