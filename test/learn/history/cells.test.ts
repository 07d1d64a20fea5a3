/**
 * The cell encoder: a subject's cells read from its fields through per-key memos equal the
 * cells looked up from its `subjectFeatures` strings (the model's definition), for enterprises
 * and projects, with custom attributes, unknown values (back-off) and every kind of number;
 * and the size buckets equal their defining formula for any number.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CELL_SLAB_INTS,
  CellEncoder,
  MAX_REMEMBERED_KEYS,
} from '../../../src/learn/history/cells.js';
import {
  bucketOf,
  bucketPath,
  regionPath,
  sectorPath,
  sizeBuckets,
  subjectFeatures,
  type HistorySubject,
} from '../../../src/learn/history/features.js';
import type { Enterprise } from '../../../src/model/types.js';
import { parseAll } from '../../../src/model/parse.js';
import { COLLATERAL_KINDS, INSTRUMENTS, POLICY_LISTS, PURPOSES } from '../../../src/model/enums.js';
import { enterprise, project } from '../../model/fixtures.js';
import { fitOutcomeModel } from '../../../src/learn/history/model.js';

const AS_OF = '2026-06-30';

/**
 * The features as first defined (before the feature readers), kept here as the reference: the
 * encoder and the readers must give exactly what this gave.
 */
function firstSubjectFeatures(subject: HistorySubject, asOf: string) {
  const out: { name: string; path: string[] }[] = [];
  const add = (name: string, path: readonly string[]) => {
    if (path.length > 0) out.push({ name, path: path.map((v) => `${name}=${v}`) });
  };
  add('sector', sectorPath(subject.sector));
  add('region', regionPath(subject.region));
  if ('round' in subject && subject.round !== undefined) {
    add('round', [subject.round]);
    add('trl', [String(subject.trl)]);
    add('amount', referenceBuckets(subject.need.amount));
    add('instrument', [subject.need.instrument]);
    add('srdiTier', [subject.ownerSrdiTier]);
  } else {
    const e = subject as Enterprise;
    add('stage', [e.stage]);
    add('srdiTier', [e.srdi.tier]);
    add('amount', referenceBuckets(e.need.amount));
    add('term', referenceBuckets(e.need.termMonths));
    add('revenue', referenceBuckets(e.annualRevenue));
    add('employees', referenceBuckets(e.employees));
    add('age', referenceBuckets(Math.max(0, Number(asOf.slice(0, 4)) - e.foundedYear)));
    add('instrument', [[...e.need.instruments].sort().join('+')]);
    add('purpose', [e.need.purpose]);
    add('collateral', [[...e.collateral].sort().join('+') || 'none']);
    add('policyLists', [[...e.policyLists].sort().join('+') || 'none']);
  }
  const attributes = subject.attributes;
  if (attributes) {
    for (const key of Object.keys(attributes).sort()) {
      const v = attributes[key]!;
      // Text that reads like a bucket's label is quoted (a later definition: before it, such
      // text shared a cell with the bucket).
      const text = String(v);
      const quoted = /^([cho]-?\d+|0|neg)$/.test(text) ? `"${text}"` : text;
      add(`attr.${key}`, typeof v === 'number' ? referenceBuckets(v) : [quoted]);
    }
  }
  return out;
}

/** The cells of the first definition's values: each path's known prefix, ascending. */
function referenceCells(index: ReadonlyMap<string, number>, subject: HistorySubject): number[] {
  const out: number[] = [];
  for (const f of firstSubjectFeatures(subject, AS_OF)) {
    for (const v of f.path) {
      const c = index.get(v);
      if (c === undefined) break;
      out.push(c);
    }
  }
  return out.sort((a, b) => a - b);
}

/** The buckets as first defined: log-scale, 8×, 2× and √2× wide. */
function referenceBuckets(x: number): string[] {
  if (!(x > 0)) return [x === 0 ? '0' : 'neg'];
  const l = Math.log2(x);
  const o = Math.floor(l);
  return [`c${Math.floor(o / 3)}`, `o${o}`, `h${Math.floor(2 * l)}`];
}

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const subset = <T>(values: readonly T[]) =>
  fc.subarray([...values], { minLength: 0 }).chain((xs) => fc.shuffledSubarray(xs));

const amount = fc.oneof(
  fc.constantFrom(0, 1, 2 ** 20, 5e6, 1e12),
  fc.double({ min: 1e-3, max: 1e12, noNaN: true }),
);
const attributeValue = fc.oneof(
  fc.string({ minLength: 1, maxLength: 6 }).filter((s) => /^[\w\u4e00-\u9fff]*$/.test(s)),
  // Text that reads like a size bucket's label.
  fc.constantFrom('o3', 'h6', 'c1', 'h-2', '0', 'neg'),
  fc.boolean(),
  fc.constantFrom(0, -3, 0.5, 1, 7, 1e9),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
);
const attributes = fc.option(
  fc.dictionary(fc.constantFrom('grade', 'score', 'flag', 'a.b', 'x'), attributeValue, {
    maxKeys: 3,
  }),
  { nil: undefined },
);

const enterpriseInput = fc.record({
  sector: pick(['3911', 'C3972', 'I65', 'C39', 'C', 'C3911']),
  region: pick(['320505', '320500', '320000', '440305', '110101']),
  stage: pick(['startup', 'growth', 'expansion', 'mature']),
  employees: fc.integer({ min: 0, max: 50_000 }),
  annualRevenue: amount,
  foundedYear: fc.integer({ min: 1950, max: 2026 }),
  collateral: subset(COLLATERAL_KINDS),
  policyLists: subset(POLICY_LISTS),
  instruments: subset(INSTRUMENTS).filter((xs) => xs.length > 0),
  purpose: pick(PURPOSES),
  needAmount: amount.filter((x) => x > 0),
  termMonths: fc.integer({ min: 1, max: 360 }),
  attributes,
});

const projectInput = fc.record({
  sector: pick(['c3972', 'C3911', 'I65', 'C']),
  region: pick(['310115', '310000', '320505']),
  trl: fc.integer({ min: 1, max: 9 }),
  round: pick(['seed', 'angel', 'preA', 'A', 'B']),
  amount: amount.filter((x) => x > 0),
  attributes,
});

type EnterpriseDraw = typeof enterpriseInput extends fc.Arbitrary<infer T> ? T : never;
type ProjectDraw = typeof projectInput extends fc.Arbitrary<infer T> ? T : never;

function enterpriseOf(x: EnterpriseDraw, i: number): Record<string, unknown> {
  return {
    ...enterprise,
    id: `ENT-${i}`,
    sector: x.sector,
    region: x.region,
    stage: x.stage,
    employees: x.employees,
    annualRevenue: x.annualRevenue,
    foundedYear: x.foundedYear,
    collateral: x.collateral,
    policyLists: x.policyLists,
    need: {
      amount: x.needAmount,
      termMonths: x.termMonths,
      instruments: x.instruments,
      purpose: x.purpose,
    },
    ...(x.attributes ? { attributes: x.attributes } : {}),
  };
}

function projectOf(x: ProjectDraw, i: number): Record<string, unknown> {
  return {
    ...project,
    id: `PRJ-${i}`,
    sector: x.sector,
    region: x.region,
    trl: x.trl,
    round: x.round,
    need: { amount: x.amount, instrument: 'equity' },
    ...(x.attributes ? { attributes: x.attributes } : {}),
  };
}

/** Drawn enterprises then projects, validated as records (`HistorySubject`s). */
const subjectsOf = (enterprises: { min: number; max: number }, maxProjects: number) =>
  fc
    .tuple(
      fc.array(enterpriseInput, { minLength: enterprises.min, maxLength: enterprises.max }),
      fc.array(projectInput, { maxLength: maxProjects }),
    )
    .map(
      ([es, ps]) =>
        [
          ...parseAll('enterprise', es.map(enterpriseOf)),
          ...parseAll('project', ps.map(projectOf)),
        ] as HistorySubject[],
    );

/**
 * A vocabulary of the feature values of `known` subjects, less the values `drop` picks (so
 * paths back off partway), indexed in sorted order as the model indexes it.
 */
function vocabularyOf(known: readonly HistorySubject[], drop: (value: string) => boolean) {
  const values = new Set<string>();
  for (const s of known)
    for (const f of firstSubjectFeatures(s, AS_OF)) for (const v of f.path) values.add(v);
  const kept = [...values].filter((v) => !drop(v)).sort();
  return new Map(kept.map((v, i) => [v, i]));
}

describe('CellEncoder', () => {
  it('gives the cells of subjectFeatures’ values: enterprises and projects, attributes, back-off', () => {
    fc.assert(
      fc.property(
        subjectsOf({ min: 1, max: 12 }, 6),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (subjects, salt) => {
          // The vocabulary knows the first half's values, less about one value in five.
          const known = subjects.slice(0, Math.ceil(subjects.length / 2));
          const drop = (v: string) => ((hash(v) ^ salt) & 7) < 2;
          const index = vocabularyOf(known, drop);
          const encoder = new CellEncoder({ index }, AS_OF);
          // Twice over: the second pass reads every key from the memos.
          for (let pass = 0; pass < 2; pass++)
            for (const s of subjects) {
              const cells = encoder.cells(s);
              expect(cells).toBeInstanceOf(Int32Array);
              expect([...cells]).toEqual(referenceCells(index, s));
            }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("in a fitted vocabulary each feature's known prefix is a parent chain, and its leaf ends it", () => {
    fc.assert(
      fc.property(subjectsOf({ min: 2, max: 10 }, 4), (subjects) => {
        // Every other subject financed by one target: the rest are unknown to the model.
        const pairs = subjects
          .filter((_, i) => i % 2 === 0)
          .map((sub) => ({ subjectId: sub.id, targetId: 'T', weight: 1, date: '2026-01-01' }));
        const model = fitOutcomeModel(
          {
            pairs,
            subjects: new Map(subjects.map((sub) => [sub.id, sub])),
            targetGroups: new Map(),
            asOf: AS_OF,
          },
          { unitWeights: true },
        );
        const { index, parentOf } = model.vocabulary;
        for (const sub of subjects) {
          const leaves: number[] = [];
          for (const f of subjectFeatures(sub, AS_OF)) {
            let parent = -1;
            for (const v of f.path) {
              const c = index.get(v);
              if (c === undefined) break;
              // The path's sum from a leaf (pathLiftVector) walks these parents.
              expect(parentOf[c]).toBe(parent);
              parent = c;
            }
            if (parent >= 0) leaves.push(parent);
          }
          expect([...model.leavesOf(sub)]).toEqual(leaves.sort((a, b) => a - b));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('subjectFeatures, read through the feature readers, equals the first definition', () => {
    fc.assert(
      fc.property(subjectsOf({ min: 1, max: 8 }, 4), (subjects) => {
        for (const s of subjects)
          expect(subjectFeatures(s, AS_OF)).toEqual(firstSubjectFeatures(s, AS_OF));
      }),
      { numRuns: 100 },
    );
  });

  it('orders a two-value list as sort() does: either input order gives one key', () => {
    const [a, b] = parseAll('enterprise', [
      { ...enterprise, id: 'E1', collateral: ['ipPledge', 'equipment'] },
      { ...enterprise, id: 'E2', collateral: ['equipment', 'ipPledge'] },
    ]);
    const index = vocabularyOf([a!], () => false);
    expect(index.has('collateral=equipment+ipPledge')).toBe(true);
    const encoder = new CellEncoder({ index }, AS_OF);
    expect([...encoder.cells(a!)]).toEqual([...encoder.cells(b!)]);
  });

  it('hands out cells that stay as they were while later subjects fill more slabs', () => {
    const records = parseAll(
      'enterprise',
      Array.from({ length: 6000 }, (_, i) => ({
        ...enterprise,
        id: `E${i}`,
        employees: 1 + ((i * 37) % 5000),
        annualRevenue: 1 + i * 991,
        foundedYear: 1960 + (i % 60),
      })),
    );
    const index = vocabularyOf(records, () => false);
    const encoder = new CellEncoder({ index }, AS_OF);
    const cells = records.map((r) => encoder.cells(r));
    const total = cells.reduce((n, c) => n + c.length, 0);
    expect(total).toBeGreaterThan(CELL_SLAB_INTS);
    records.forEach((r, i) => expect([...cells[i]!]).toEqual(referenceCells(index, r)));
  });

  it('stops remembering a feature’s keys past its limit and still encodes every subject', () => {
    const n = MAX_REMEMBERED_KEYS + 10;
    const index = new Map([['attr.code=k1', 0]]);
    const encoder = new CellEncoder({ index }, AS_OF);
    const subject = (v: string) => ({ ...enterprise, attributes: { code: v } }) as never;
    for (let i = 0; i < n; i++) encoder.cells(subject(`v${i}`));
    expect([...encoder.cells(subject('k1'))]).toContain(0);
    expect([...encoder.cells(subject('k2'))]).not.toContain(0);
  });
});

describe('size buckets', () => {
  it('equal the defining formula for every number, through the bucket key', () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(sizeBuckets(x)).toEqual(referenceBuckets(x));
        expect(bucketPath(bucketOf(x))).toEqual(referenceBuckets(x));
      }),
      { numRuns: 2000 },
    );
    for (const x of [0, -0, -1, NaN, Infinity, -Infinity, Number.MIN_VALUE, 1, 2, 0.5, 2 ** 0.5])
      expect(sizeBuckets(x)).toEqual(referenceBuckets(x));
  });
});

/** A 32-bit FNV-1a hash of a string (spreads which values a vocabulary drops). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
