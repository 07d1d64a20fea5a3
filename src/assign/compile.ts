import { FinmatchError, OptionError, UnknownIdError } from '../errors.js';
import { LIMITS } from '../model/limits.js';
import { describeValue } from '../util/describe.js';
import { arrayOption, readOptions, stringArrayOption, stringOption } from '../util/options.js';
import type { AssignmentInstance, AssignmentTarget, PreferenceLists } from './types.js';

/**
 * An {@link AssignmentInstance} encoded once into typed arrays, in a canonical order that does
 * not depend on the input order: subjects and targets sorted by id (code-unit order), pairs by
 * (subject, target), and both sides' preference lists with every pair's position in them
 * (computed on first read of any of them: the optimal assignment never reads them). Every
 * algorithm of this folder runs on it.
 */
export interface CompiledAssignment {
  readonly kind: 'compiledAssignment';
  /** Subject ids, sorted. Index = subject number. */
  readonly subjectIds: readonly string[];
  /** Target ids, sorted. Index = target number. */
  readonly targetIds: readonly string[];
  /** Capacity by target number. */
  readonly capacity: Int32Array;
  /** Pair columns, in (subject, target) order. */
  readonly pairSubject: Int32Array;
  readonly pairTarget: Int32Array;
  readonly subjectScore: Float64Array;
  readonly targetScore: Float64Array;
  readonly score: Float64Array;
  /** Subject s's preference list is `subjectPrefs[subjectStart[s] .. subjectStart[s+1])` (pair numbers, best first). */
  readonly subjectStart: Int32Array;
  readonly subjectPrefs: Int32Array;
  /** Target t's preference list is `targetPrefs[targetStart[t] .. targetStart[t+1])` (pair numbers, best first). */
  readonly targetStart: Int32Array;
  readonly targetPrefs: Int32Array;
  /** Position of each pair in its subject's list (0 = favourite). */
  readonly pairSubjectRank: Int32Array;
  /** Position of each pair in its target's list (0 = favourite). */
  readonly pairTargetRank: Int32Array;
}

/**
 * Validates and encodes an instance. Costs O(|pairs|), plus O(|pairs| log L) for preference
 * lists of length L when they are first read.
 *
 * @throws {@link FinmatchError} `DUPLICATE_ID` for a repeated subject, target or pair;
 * {@link UnknownIdError} for a pair naming an unknown subject or target; {@link OptionError}
 * for a capacity that is not a non-negative integer or a score that is not finite.
 */
export function compileAssignment(instance: AssignmentInstance): CompiledAssignment {
  const sides = encodeSides(instance.subjects, instance.targets);
  const { subjectIndex, targetIndex } = sides;
  const P = instance.pairs.length;
  const raw: PairColumns = {
    subject: new Int32Array(P),
    target: new Int32Array(P),
    subjectScore: new Float64Array(P),
    targetScore: new Float64Array(P),
    score: new Float64Array(P),
  };
  let lastSubjectId: string | undefined;
  let lastSubject = -1;
  for (let i = 0; i < P; i++) {
    const p = instance.pairs[i]!;
    // Pair lists usually come grouped by subject: skip the repeated lookup.
    const s = p.subjectId === lastSubjectId ? lastSubject : subjectIndex.get(p.subjectId);
    if (s === undefined) {
      throw new UnknownIdError(
        p.subjectId,
        `pair ${i} names an unknown subject ${describeValue(p.subjectId)}`,
      );
    }
    lastSubjectId = p.subjectId;
    lastSubject = s;
    const t = targetIndex.get(p.targetId);
    if (t === undefined) {
      throw new UnknownIdError(
        p.targetId,
        `pair ${i} names an unknown target ${describeValue(p.targetId)}`,
      );
    }
    raw.subject[i] = s;
    raw.target[i] = t;
    raw.subjectScore[i] = p.subjectScore;
    raw.targetScore[i] = p.targetScore;
    raw.score[i] = p.score;
  }
  return compileColumns(sides, raw, 'all');
}

/**
 * Pairs as columns, for large events: pair i joins `subjects[subject[i]]` and
 * `targets[target[i]]` (indices into the instance's own arrays, in the caller's order).
 * 10,000 projects × 2,000 investors, every pair eligible, is 20 million pairs: about 640 MB
 * as columns, several GB as objects.
 */
export interface AssignmentPairColumns {
  subject: Int32Array;
  target: Int32Array;
  subjectScore: Float64Array;
  targetScore: Float64Array;
  score: Float64Array;
}

/** An {@link AssignmentInstance} whose pairs are {@link AssignmentPairColumns}. */
export interface ColumnarAssignmentInstance {
  subjects: readonly string[];
  targets: readonly AssignmentTarget[];
  pairs: AssignmentPairColumns;
}

/**
 * {@link compileAssignment} for pairs given as columns (no per-pair objects, no id lookups).
 * Same validation and the same canonical result as the object form.
 *
 * @throws As {@link compileAssignment}; {@link OptionError} for columns of unequal length or an
 * index out of range.
 */
export function compileAssignmentColumns(instance: ColumnarAssignmentInstance): CompiledAssignment {
  return compileIndexedColumns(instance, 'indices');
}

/**
 * {@link compileAssignmentColumns} for columns built for this call (pair scoring inside
 * `assign`): the compiled instance keeps them instead of copying them.
 *
 * @internal
 */
export function compileOwnedColumns(instance: ColumnarAssignmentInstance): CompiledAssignment {
  return compileIndexedColumns(instance, 'all');
}

function compileIndexedColumns(
  instance: ColumnarAssignmentInstance,
  own: Ownership,
): CompiledAssignment {
  const sides = encodeSides(instance.subjects, instance.targets);
  const cols = instance.pairs;
  const P = cols.subject.length;
  for (const column of [cols.target, cols.subjectScore, cols.targetScore, cols.score]) {
    if (column.length !== P)
      throw new OptionError('pairs', 'pair columns must all have the same length');
  }
  // Caller's index → canonical (sorted-id) index.
  const subjectMap = Int32Array.from(instance.subjects, (id) => sides.subjectIndex.get(id)!);
  const targetMap = Int32Array.from(instance.targets, (t) => sides.targetIndex.get(t.id)!);
  const subject = new Int32Array(P);
  const target = new Int32Array(P);
  for (let i = 0; i < P; i++) {
    const s = cols.subject[i]!;
    const t = cols.target[i]!;
    if (!(s >= 0 && s < subjectMap.length))
      throw new OptionError('pairs', `pair ${i} has subject index ${s} out of range`);
    if (!(t >= 0 && t < targetMap.length))
      throw new OptionError('pairs', `pair ${i} has target index ${t} out of range`);
    subject[i] = subjectMap[s]!;
    target[i] = targetMap[t]!;
  }
  return compileColumns(
    sides,
    {
      subject,
      target,
      subjectScore: cols.subjectScore,
      targetScore: cols.targetScore,
      score: cols.score,
    },
    own,
  );
}

interface EncodedSides {
  subjectIds: string[];
  targetIds: string[];
  subjectIndex: Map<string, number>;
  targetIndex: Map<string, number>;
  capacity: Int32Array;
}

/** Pair columns with canonical subject and target numbers, in input order. */
interface PairColumns {
  subject: Int32Array;
  target: Int32Array;
  subjectScore: Float64Array;
  targetScore: Float64Array;
  score: Float64Array;
}

function encodeSides(
  subjects: readonly string[],
  targets: readonly AssignmentTarget[],
): EncodedSides {
  const subjectIds = sortedUnique(subjects, 'subject');
  const targetIds = sortedUnique(
    targets.map((t) => t.id),
    'target',
  );
  const targetIndex = indexOf(targetIds);
  const capacity = new Int32Array(targetIds.length);
  for (const t of targets) {
    const c = t.capacity;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > LIMITS.capacity) {
      throw new OptionError(
        'capacity',
        `capacity of target ${describeValue(t.id)} must be an integer in [0, ${LIMITS.capacity}], received ${describeValue(c)}`,
      );
    }
    capacity[targetIndex.get(t.id)!] = c;
  }
  return { subjectIds, targetIds, subjectIndex: indexOf(subjectIds), targetIndex, capacity };
}

/**
 * Which columns of `raw` the compiled instance may keep instead of copying: `all` when the
 * caller built them for this call, `indices` when the scores are the caller's own arrays.
 */
type Ownership = 'all' | 'indices';

function compileColumns(sides: EncodedSides, raw: PairColumns, own: Ownership): CompiledAssignment {
  const { subjectIds, targetIds, capacity } = sides;
  const S = subjectIds.length;
  const T = targetIds.length;
  const P = raw.subject.length;
  // One pass: every score finite, and how far the pairs are in canonical order already:
  // fully (the usual case for pairs scored subject by subject over an id-sorted catalogue),
  // grouped by subject (targets in another order), or not at all. Fresh memory is the main
  // cost at this size, so each case copies the columns once and sorts no more than it must.
  let grouped = true;
  let canonical = true;
  for (let i = 0; i < P; i++) {
    if (!Number.isFinite(raw.subjectScore[i]!)) throw badScore(i, 'subjectScore');
    if (!Number.isFinite(raw.targetScore[i]!)) throw badScore(i, 'targetScore');
    if (!Number.isFinite(raw.score[i]!)) throw badScore(i, 'score');
    if (i > 0 && grouped) {
      const s = raw.subject[i]!;
      const previous = raw.subject[i - 1]!;
      if (s < previous) grouped = canonical = false;
      else if (s === previous && raw.target[i]! <= raw.target[i - 1]!) canonical = false;
    }
  }

  let pairSubject: Int32Array;
  let pairTarget: Int32Array;
  let subjectScore: Float64Array;
  let targetScore: Float64Array;
  let score: Float64Array;
  // (Packed sort keys target · n + position stay exact while T · P < 2^53: always, in practice.)
  if (grouped && T * P < 2 ** 53) {
    pairSubject = raw.subject;
    pairTarget = raw.target;
    subjectScore = own === 'all' ? raw.subjectScore : raw.subjectScore.slice();
    targetScore = own === 'all' ? raw.targetScore : raw.targetScore.slice();
    score = own === 'all' ? raw.score : raw.score.slice();
    // Strictly increasing (subject, target) has no pair listed twice; otherwise sort each
    // subject's group by target, which also brings a repeated pair together.
    if (!canonical) {
      sortGroupsByTarget({ pairSubject, pairTarget, subjectScore, targetScore, score });
      for (let k = 1; k < P; k++)
        if (pairSubject[k] === pairSubject[k - 1] && pairTarget[k] === pairTarget[k - 1])
          throw duplicatePair(subjectIds[pairSubject[k]!]!, targetIds[pairTarget[k]!]!);
    }
  } else {
    // Canonical pair order (subject, target): two stable counting sorts, O(P).
    const order = countingOrder(raw.subject, S, countingOrder(raw.target, T, identity(P)));
    pairSubject = new Int32Array(P);
    pairTarget = new Int32Array(P);
    subjectScore = new Float64Array(P);
    targetScore = new Float64Array(P);
    score = new Float64Array(P);
    for (let k = 0; k < P; k++) {
      const i = order[k]!;
      pairSubject[k] = raw.subject[i]!;
      pairTarget[k] = raw.target[i]!;
      subjectScore[k] = raw.subjectScore[i]!;
      targetScore[k] = raw.targetScore[i]!;
      score[k] = raw.score[i]!;
      if (k > 0 && pairSubject[k] === pairSubject[k - 1] && pairTarget[k] === pairTarget[k - 1])
        throw duplicatePair(subjectIds[pairSubject[k]!]!, targetIds[pairTarget[k]!]!);
    }
  }
  const subjectStart = starts(pairSubject, S);
  const targetStart = starts(pairTarget, T);

  // Preference lists: built on first use (the optimal assignment does not need them). Pairs
  // are grouped by owner (stable counting sort, so within an owner they stay in the other
  // side's id order), then each group is stably merge-sorted by score desc. Stability makes
  // equal scores fall back to id order.
  let lists: PreferenceColumns | null = null;
  const prefs = (): PreferenceColumns => {
    if (lists) return lists;
    const subjectPrefs = identity(P); // already grouped by subject
    sortGroupsByScoreDesc(subjectPrefs, subjectStart, subjectScore);
    const targetPrefs = countingOrder(pairTarget, T, identity(P));
    sortGroupsByScoreDesc(targetPrefs, targetStart, targetScore);
    lists = {
      subjectPrefs,
      targetPrefs,
      pairSubjectRank: positions(subjectPrefs, pairSubject, subjectStart),
      pairTargetRank: positions(targetPrefs, pairTarget, targetStart),
    };
    return lists;
  };

  return {
    kind: 'compiledAssignment',
    subjectIds,
    targetIds,
    capacity,
    pairSubject,
    pairTarget,
    subjectScore,
    targetScore,
    score,
    subjectStart,
    get subjectPrefs() {
      return prefs().subjectPrefs;
    },
    targetStart,
    get targetPrefs() {
      return prefs().targetPrefs;
    },
    get pairSubjectRank() {
      return prefs().pairSubjectRank;
    },
    get pairTargetRank() {
      return prefs().pairTargetRank;
    },
  };
}

/** The preference-list fields of a {@link CompiledAssignment}, computed together. */
interface PreferenceColumns {
  subjectPrefs: Int32Array;
  targetPrefs: Int32Array;
  pairSubjectRank: Int32Array;
  pairTargetRank: Int32Array;
}

/**
 * Accepts an instance or an already compiled one. A plain instance is read defensively first
 * ({@link readInstance}), so a wrongly typed part is an OptionError naming it. A compiled one
 * has its keys checked without reading its values (its preference lists are built on first
 * read, and the optimal assignment does not need them).
 */
export function ensureCompiled(
  instance: AssignmentInstance | CompiledAssignment,
): CompiledAssignment {
  let compiled = false;
  let keys: string[] = [];
  try {
    compiled =
      instance !== null &&
      typeof instance === 'object' &&
      Object.getOwnPropertyDescriptor(instance, 'kind')?.value === 'compiledAssignment';
    if (compiled) keys = Object.keys(instance);
  } catch {
    compiled = false;
  }
  if (!compiled) return compileAssignment(readInstance(instance));
  const known: readonly string[] = ['kind', ...COMPILED_KEYS];
  const unknown = keys.find((key) => !known.includes(key));
  // readOptions names the unknown key with a did-you-mean; it reads only that key's value.
  if (unknown !== undefined) readOptions({ [unknown]: undefined }, known, 'instance');
  return instance as CompiledAssignment;
}

/** The fields of a {@link CompiledAssignment}, accepted by {@link ensureCompiled}. */
const COMPILED_KEYS = [
  'subjectIds',
  'targetIds',
  'capacity',
  'pairSubject',
  'pairTarget',
  'subjectScore',
  'targetScore',
  'score',
  'subjectStart',
  'subjectPrefs',
  'targetStart',
  'targetPrefs',
  'pairSubjectRank',
  'pairTargetRank',
] as const;

/**
 * An {@link AssignmentInstance} read defensively: `subjects` an array of id strings, `targets`
 * an array of `{ id, capacity }`, `pairs` an array of pair objects with string ids and number
 * scores (ranges are checked when compiling).
 *
 * @throws {@link OptionError} naming the part (`instance.pairs[3].subjectScore`).
 */
export function readInstance(instance: unknown): AssignmentInstance {
  const o = readOptions(instance, ['subjects', 'targets', 'pairs'], 'instance');
  const subjects = stringArrayOption(o.subjects, 'instance.subjects');
  const targets = arrayOption(o.targets, 'instance.targets', (t, path) => {
    const r = readOptions(t, ['id', 'capacity'], path);
    return { id: stringOption(r.id, `${path}.id`), capacity: r.capacity as number };
  });
  const pairs = arrayOption(o.pairs, 'instance.pairs', (pair, path) => {
    const r = readOptions(pair, PAIR_KEYS, path);
    const num = (key: (typeof PAIR_KEYS)[number]) => {
      const v = r[key];
      if (typeof v !== 'number')
        throw new OptionError(
          `${path}.${key}`,
          `${path}.${key} must be a number, received ${describeValue(v)}`,
        );
      return v;
    };
    return {
      subjectId: stringOption(r.subjectId, `${path}.subjectId`),
      targetId: stringOption(r.targetId, `${path}.targetId`),
      subjectScore: num('subjectScore'),
      targetScore: num('targetScore'),
      score: num('score'),
    };
  });
  return { subjects, targets, pairs };
}

const PAIR_KEYS = ['subjectId', 'targetId', 'subjectScore', 'targetScore', 'score'] as const;

/** The preference lists of a compiled instance, as ids. */
export function preferenceLists(c: CompiledAssignment): PreferenceLists {
  const subjects: [string, string[]][] = [];
  for (let s = 0; s < c.subjectIds.length; s++) {
    const list: string[] = [];
    for (let k = c.subjectStart[s]!; k < c.subjectStart[s + 1]!; k++)
      list.push(c.targetIds[c.pairTarget[c.subjectPrefs[k]!]!]!);
    subjects.push([c.subjectIds[s]!, list]);
  }
  const targets: [string, string[]][] = [];
  for (let t = 0; t < c.targetIds.length; t++) {
    const list: string[] = [];
    for (let k = c.targetStart[t]!; k < c.targetStart[t + 1]!; k++)
      list.push(c.subjectIds[c.pairSubject[c.targetPrefs[k]!]!]!);
    targets.push([c.targetIds[t]!, list]);
  }
  // fromEntries defines own properties, so an id such as "__proto__" is stored, not applied.
  return { subjects: Object.fromEntries(subjects), targets: Object.fromEntries(targets) };
}

/** Code-unit order of ids, the one `compareRanked` uses. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnique(ids: readonly string[], kind: string): string[] {
  const out = ids.slice().sort(compareIds);
  for (let i = 0; i < out.length; i++) {
    if (typeof out[i] !== 'string') throw new OptionError(kind, `${kind} ids must be strings`);
    if (i > 0 && out[i] === out[i - 1])
      throw new FinmatchError(
        'DUPLICATE_ID',
        `${kind} id ${describeValue(out[i])} is listed twice`,
      );
  }
  return out;
}

function indexOf(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  ids.forEach((id, i) => m.set(id, i));
  return m;
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Stable counting sort of the items `order` by `key[item]` in [0, buckets). */
function countingOrder(key: Int32Array, buckets: number, order: Int32Array): Int32Array {
  const count = new Int32Array(buckets + 1);
  for (let i = 0; i < order.length; i++) count[key[order[i]!]! + 1]!++;
  for (let b = 0; b < buckets; b++) count[b + 1]! += count[b]!;
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const item = order[i]!;
    out[count[key[item]!]!++] = item;
  }
  return out;
}

/** Start offsets of each group when items are grouped by `key` (group sizes do not depend on order). */
function starts(key: Int32Array, groups: number): Int32Array {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < key.length; i++) start[key[i]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  return start;
}

/** Position of each pair within its owner's list, given the lists and their starts. */
function positions(prefs: Int32Array, owner: Int32Array, start: Int32Array): Int32Array {
  const out = new Int32Array(prefs.length);
  for (let k = 0; k < prefs.length; k++) {
    const p = prefs[k]!;
    out[p] = k - start[owner[p]!]!;
  }
  return out;
}

function duplicatePair(subjectId: string, targetId: string): FinmatchError {
  return new FinmatchError('DUPLICATE_ID', `pair ${subjectId} → ${targetId} is listed twice`);
}

/**
 * Sorts the pairs of each subject (pairs grouped by subject already) by target, in place on
 * all five columns. A group is left alone when already in order; otherwise its (target,
 * position) keys, packed into one float (exact below 2^53), are sorted natively and the
 * columns permuted through scratch buffers.
 */
function sortGroupsByTarget(cols: {
  pairSubject: Int32Array;
  pairTarget: Int32Array;
  subjectScore: Float64Array;
  targetScore: Float64Array;
  score: Float64Array;
}): void {
  const { pairSubject, pairTarget, subjectScore, targetScore, score } = cols;
  const P = pairSubject.length;
  let keys = new Float64Array(0);
  let i32 = new Int32Array(0);
  let f64 = new Float64Array(0);
  for (let lo = 0; lo < P;) {
    let hi = lo + 1;
    let sorted = true;
    while (hi < P && pairSubject[hi] === pairSubject[lo]) {
      if (pairTarget[hi]! <= pairTarget[hi - 1]!) sorted = false;
      hi++;
    }
    const n = hi - lo;
    if (!sorted) {
      if (keys.length < n) {
        keys = new Float64Array(n);
        i32 = new Int32Array(n);
        f64 = new Float64Array(n);
      }
      const span = keys.subarray(0, n);
      for (let j = 0; j < n; j++) span[j] = pairTarget[lo + j]! * n + j;
      span.sort();
      for (let j = 0; j < n; j++) i32[j] = lo + (span[j]! % n);
      permute(pairTarget, lo, n, i32, f64);
      permute(subjectScore, lo, n, i32, f64);
      permute(targetScore, lo, n, i32, f64);
      permute(score, lo, n, i32, f64);
    }
    lo = hi;
  }
}

/** column[lo + j] = old column[from[j]] for j < n, through `scratch`. */
function permute(
  column: Int32Array | Float64Array,
  lo: number,
  n: number,
  from: Int32Array,
  scratch: Float64Array,
): void {
  for (let j = 0; j < n; j++) scratch[j] = column[from[j]!]!;
  for (let j = 0; j < n; j++) column[lo + j] = scratch[j]!;
}

function badScore(index: number, key: string): OptionError {
  return new OptionError(key, `pair ${index} has a ${key} that is not a finite number`);
}

/** Below this length a group is insertion-sorted; longer groups are merge-sorted in runs of it. */
const INSERTION_RUN = 24;

/**
 * Stably sorts each group `order[start[g] .. start[g+1])` of pair numbers by `key` descending.
 * Hand-written (insertion runs + bottom-up merge on typed arrays) because comparator sorts over
 * millions of pairs dominate compile time.
 */
function sortGroupsByScoreDesc(order: Int32Array, start: Int32Array, key: Float64Array): void {
  let longest = 0;
  for (let g = 0; g + 1 < start.length; g++) longest = Math.max(longest, start[g + 1]! - start[g]!);
  let aIdx = new Int32Array(longest);
  let aKey = new Float64Array(longest);
  let bIdx = new Int32Array(longest);
  let bKey = new Float64Array(longest);
  for (let g = 0; g + 1 < start.length; g++) {
    const lo = start[g]!;
    const n = start[g + 1]! - lo;
    if (n < 2) continue;
    for (let i = 0; i < n; i++) {
      const p = order[lo + i]!;
      aIdx[i] = p;
      aKey[i] = key[p]!;
    }
    for (let runLo = 0; runLo < n; runLo += INSERTION_RUN) {
      const runHi = Math.min(n, runLo + INSERTION_RUN);
      for (let i = runLo + 1; i < runHi; i++) {
        const k = aKey[i]!;
        const p = aIdx[i]!;
        let j = i - 1;
        while (j >= runLo && aKey[j]! < k) {
          aKey[j + 1] = aKey[j]!;
          aIdx[j + 1] = aIdx[j]!;
          j--;
        }
        aKey[j + 1] = k;
        aIdx[j + 1] = p;
      }
    }
    for (let width = INSERTION_RUN; width < n; width *= 2) {
      for (let left = 0; left < n; left += 2 * width) {
        const mid = Math.min(n, left + width);
        const right = Math.min(n, left + 2 * width);
        let i = left;
        let j = mid;
        let k = left;
        while (i < mid && j < right) {
          // `>=` takes from the left run on ties: stable.
          if (aKey[i]! >= aKey[j]!) {
            bKey[k] = aKey[i]!;
            bIdx[k++] = aIdx[i++]!;
          } else {
            bKey[k] = aKey[j]!;
            bIdx[k++] = aIdx[j++]!;
          }
        }
        while (i < mid) {
          bKey[k] = aKey[i]!;
          bIdx[k++] = aIdx[i++]!;
        }
        while (j < right) {
          bKey[k] = aKey[j]!;
          bIdx[k++] = aIdx[j++]!;
        }
      }
      [aIdx, bIdx] = [bIdx, aIdx];
      [aKey, bKey] = [bKey, aKey];
    }
    for (let i = 0; i < n; i++) order[lo + i] = aIdx[i]!;
  }
}
