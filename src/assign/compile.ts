import { FinmatchError, OptionError, UnknownIdError } from '../errors.js';
import { LIMITS } from '../model/limits.js';
import { describeValue } from '../util/describe.js';
import { arrayOption, readOptions, stringArrayOption, stringOption } from '../util/options.js';
import { sortGroupsByKeyDesc, sortInt32Range } from './sort.js';
import type { AssignmentInstance, AssignmentTarget, PreferenceLists } from './types.js';

/**
 * An {@link AssignmentInstance} encoded once into typed arrays, in a canonical order that does
 * not depend on the input order: subjects and targets sorted by id (code-unit order), pairs by
 * (subject, target), and both sides' preference lists with every pair's position in them.
 * The preference lists, the positions, and the pair columns when they are not the caller's
 * own (`pairSubject`, the side scores, and for columns grouped by subject with targets out of
 * order `pairTarget` and `score` too) are computed on first read (the optimal assignment reads
 * none of them), so read them once outside a loop. Every algorithm of this folder runs on it.
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
  return compileColumns(sides, raw, null, null);
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
 * The compiled instance reads the caller's columns after this call, as validation holds
 * canonical records: columns already in canonical order (ids given sorted, pairs by subject
 * then target, as pairs scored subject by subject over an id-sorted list come) are held, not
 * copied. Pairs grouped by subject in id order, targets in any order within a subject, are
 * held too: the optimal assignment solves on them as they are, and the canonical columns are
 * copied from them on first read. In any other order the target and score columns are copied
 * into canonical order at once. The side scores (`subjectScore`, `targetScore`, which only
 * the stable assignment and the preference lists read) are the caller's columns or copied
 * from them on first read. Whichever the order, the instance reads the columns as they are
 * when it reads them: do not write to them while the compiled instance is in use; pass copies
 * (`score.slice()`, …) to reuse the buffers.
 *
 * @throws As {@link compileAssignment}; {@link OptionError} for columns of unequal length or an
 * index out of range.
 */
export function compileAssignmentColumns(instance: ColumnarAssignmentInstance): CompiledAssignment {
  const sides = encodeSides(instance.subjects, instance.targets);
  const cols = instance.pairs;
  const P = cols.subject.length;
  for (const column of [cols.target, cols.subjectScore, cols.targetScore, cols.score]) {
    if (column.length !== P)
      throw new OptionError('pairs', 'pair columns must all have the same length');
  }
  // Caller's index → canonical (sorted-id) index; null when they are the same (ids given
  // sorted), so the caller's index columns can be read as they are.
  const subjectMap = Int32Array.from(instance.subjects, (id) => sides.subjectIndex.get(id)!);
  const targetMap = Int32Array.from(instance.targets, (t) => sides.targetIndex.get(t.id)!);
  return compileColumns(
    sides,
    cols,
    isIdentity(subjectMap) ? null : subjectMap,
    isIdentity(targetMap) ? null : targetMap,
  );
}

function isIdentity(map: Int32Array): boolean {
  for (let i = 0; i < map.length; i++) if (map[i] !== i) return false;
  return true;
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
 * The pair columns the optimal assignment reads: subject s's pairs are
 * `target[k], score[k]` for k in `subjectStart[s] .. subjectStart[s + 1]` (subjects in
 * canonical order), with canonical target numbers; within a subject the pairs may be in any
 * order (the solver breaks ties by target number, not by position). Pair numbers k are those
 * of these columns, not the canonical ones when the two differ.
 *
 * @internal
 */
export interface SubjectPairs {
  readonly target: Int32Array;
  readonly score: Float64Array;
}

/**
 * The caller's columns an instance holds instead of canonical ones: pairs grouped by subject
 * in canonical subject order, each subject's targets in the caller's order (see
 * {@link subjectPairs}). Keyed by the compiled instance, so a copy of its fields (a spread) is
 * read through its canonical columns like any compiled instance.
 */
const heldPairs = new WeakMap<CompiledAssignment, SubjectPairs>();

/**
 * The pair columns of `c` for the optimal assignment: the caller's own columns when `c` holds
 * them grouped by subject (no canonical copy made), else the canonical `pairTarget` and
 * `score`.
 *
 * @internal
 */
export function subjectPairs(c: CompiledAssignment): SubjectPairs {
  return heldPairs.get(c) ?? canonicalPairs(c);
}

/** The pairs in canonical order (reading them builds the canonical columns of held ones). */
export function canonicalPairs(c: CompiledAssignment): SubjectPairs {
  return { target: c.pairTarget, score: c.score };
}

/**
 * The compiled instance of pair columns numbered by the caller (`subjectMap` / `targetMap`
 * turn a caller's index into the canonical one; null when they agree). Fresh memory is the
 * main cost at a million pairs (every page of a new column is faulted in), so the columns are
 * read once to validate them and learn how far they are in canonical order already, then
 * written only when needed: fully canonical (the usual case for pairs scored subject by
 * subject over an id-sorted catalogue) is kept as it is; grouped by subject (pairs made
 * subject by subject, targets in any order) is held too, as the optimal assignment reads it
 * ({@link subjectPairs}), and copied into canonical order (a small sort per subject) only
 * when a canonical column is first read; anything else is sorted at once (two counting
 * sorts).
 */
function compileColumns(
  sides: EncodedSides,
  raw: PairColumns,
  subjectMap: Int32Array | null,
  targetMap: Int32Array | null,
): CompiledAssignment {
  const { subjectIds, targetIds, capacity } = sides;
  const S = subjectIds.length;
  const T = targetIds.length;
  const P = raw.subject.length;
  const nSubjects = subjectMap ? subjectMap.length : S;
  const nTargets = targetMap ? targetMap.length : T;
  let grouped = true;
  let canonical = true;
  let repeated = false;
  let previousSubject = -1;
  let previousTarget = -1;
  // While grouped: the subject that last listed each target (a repeat within a group is a
  // pair listed twice).
  const listedBy = new Int32Array(T).fill(-1);
  const subjectStart = new Int32Array(S + 1);
  for (let i = 0; i < P; i++) {
    const rs = raw.subject[i]!;
    const rt = raw.target[i]!;
    if (!(rs >= 0 && rs < nSubjects))
      throw new OptionError('pairs', `pair ${i} has subject index ${rs} out of range`);
    if (!(rt >= 0 && rt < nTargets))
      throw new OptionError('pairs', `pair ${i} has target index ${rt} out of range`);
    if (!Number.isFinite(raw.subjectScore[i]!)) throw badScore(i, 'subjectScore');
    if (!Number.isFinite(raw.targetScore[i]!)) throw badScore(i, 'targetScore');
    if (!Number.isFinite(raw.score[i]!)) throw badScore(i, 'score');
    const s = subjectMap ? subjectMap[rs]! : rs;
    subjectStart[s + 1]!++;
    if (grouped) {
      const t = targetMap ? targetMap[rt]! : rt;
      if (s < previousSubject) grouped = canonical = false;
      else {
        if (s === previousSubject && t <= previousTarget) canonical = false;
        if (listedBy[t] === s) repeated = true;
        listedBy[t] = s;
      }
      previousSubject = s;
      previousTarget = t;
    }
  }

  for (let g = 0; g < S; g++) subjectStart[g + 1]! += subjectStart[g]!;
  // Subject numbers by pair: the caller's column when it can be kept as it is, otherwise
  // filled from subjectStart when first read (the optimal assignment never reads it).
  let pairSubject: Int32Array | null = null;
  // Canonical target and score columns, and where each pair comes from (canonical pair k is
  // the caller's pair from[k]; null: the same); null until made when held.
  let sorted: CanonicalColumns | null = null;
  // The side scores: the caller's columns when canonical, otherwise gathered through `from`
  // on first read, as only the stable assignment and the preference lists read them.
  let subjectScore: Float64Array | null = null;
  let targetScore: Float64Array | null = null;
  let held: SubjectPairs | null = null;
  if (canonical) {
    // Strictly increasing (subject, target): no pair is listed twice. The caller's columns
    // are kept as they are (see compileAssignmentColumns: they must not change afterwards).
    if (!subjectMap) pairSubject = raw.subject;
    sorted = {
      target: targetMap ? mapped(raw.target, targetMap) : raw.target,
      score: raw.score,
      from: null,
    };
  } else if (grouped && !repeated) {
    held = { target: mapped(raw.target, targetMap), score: raw.score };
  } else {
    // Not grouped, or a pair listed twice: sorted now, which finds the first repeat in
    // canonical order (the pair the error names).
    sorted = canonicalColumns(raw, subjectMap, targetMap, S, T, grouped);
    const target = sorted.target;
    for (let g = 0; g < S; g++)
      for (let k = subjectStart[g]! + 1; k < subjectStart[g + 1]!; k++)
        if (target[k] === target[k - 1])
          throw duplicatePair(subjectIds[g]!, targetIds[target[k]!]!);
  }
  const sortedOf = (): CanonicalColumns =>
    (sorted ??= canonicalColumns(raw, subjectMap, targetMap, S, T, grouped));
  const subjectScoreOf = (): Float64Array => {
    if (subjectScore) return subjectScore;
    const { from } = sortedOf();
    return (subjectScore = from ? permuted(raw.subjectScore, from) : raw.subjectScore);
  };
  const targetScoreOf = (): Float64Array => {
    if (targetScore) return targetScore;
    const { from } = sortedOf();
    return (targetScore = from ? permuted(raw.targetScore, from) : raw.targetScore);
  };
  const pairSubjectOf = (): Int32Array => {
    if (pairSubject) return pairSubject;
    pairSubject = new Int32Array(P);
    for (let g = 0; g < S; g++) pairSubject.fill(g, subjectStart[g]!, subjectStart[g + 1]!);
    return pairSubject;
  };
  // Group sizes do not depend on the order within subjects: the held columns give them too.
  const targetStart = starts(held ? held.target : sorted!.target, T);

  // Preference lists, each built on first use (the optimal assignment needs none of them,
  // the stable one no subject ranks). Pairs are grouped by owner (already, or by a stable
  // counting sort, so within an owner they stay in the other side's id order), then each
  // group is stably merge-sorted by score desc: equal scores fall back to id order.
  let subjectPrefs: Int32Array | null = null;
  let targetPrefs: Int32Array | null = null;
  let pairSubjectRank: Int32Array | null = null;
  let pairTargetRank: Int32Array | null = null;
  const subjectPrefsOf = (): Int32Array => {
    if (subjectPrefs) return subjectPrefs;
    subjectPrefs = new Int32Array(P);
    sortGroupsByKeyDesc(subjectPrefs, subjectStart, subjectScoreOf(), true);
    return subjectPrefs;
  };
  const targetPrefsOf = (): Int32Array => {
    if (targetPrefs) return targetPrefs;
    const pairTarget = sortedOf().target;
    targetPrefs = new Int32Array(P);
    const next = targetStart.slice(0, T);
    for (let p = 0; p < P; p++) targetPrefs[next[pairTarget[p]!]!++] = p;
    sortGroupsByKeyDesc(targetPrefs, targetStart, targetScoreOf());
    return targetPrefs;
  };

  const compiled: CompiledAssignment = {
    kind: 'compiledAssignment',
    subjectIds,
    targetIds,
    capacity,
    get pairSubject() {
      return pairSubjectOf();
    },
    get pairTarget() {
      return sortedOf().target;
    },
    get subjectScore() {
      return subjectScoreOf();
    },
    get targetScore() {
      return targetScoreOf();
    },
    get score() {
      return sortedOf().score;
    },
    subjectStart,
    get subjectPrefs() {
      return subjectPrefsOf();
    },
    targetStart,
    get targetPrefs() {
      return targetPrefsOf();
    },
    get pairSubjectRank() {
      return (pairSubjectRank ??= positions(subjectPrefsOf(), pairSubjectOf(), subjectStart));
    },
    get pairTargetRank() {
      return (pairTargetRank ??= positions(targetPrefsOf(), sortedOf().target, targetStart));
    },
  };
  if (held) heldPairs.set(compiled, held);
  return compiled;
}

/**
 * The caller's pairs in canonical order: grouped by subject already (runs in canonical
 * subject order) is a copy through a small per-subject sort, anything else two counting
 * sorts. Pairs listed twice end up side by side; the caller checks.
 */
function canonicalColumns(
  raw: PairColumns,
  subjectMap: Int32Array | null,
  targetMap: Int32Array | null,
  S: number,
  T: number,
  grouped: boolean,
): CanonicalColumns {
  const P = raw.subject.length;
  const out: CanonicalColumns & { from: Int32Array } = {
    target: new Int32Array(P),
    score: new Float64Array(P),
    from: new Int32Array(P),
  };
  if (!grouped || !copyGroupsByTarget(raw, targetMap, T, out)) {
    out.from = countingOrder(
      mapped(raw.subject, subjectMap),
      S,
      countingOrder(mapped(raw.target, targetMap), T, null),
    );
    gather(raw, targetMap, out);
  }
  return out;
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
  const { subjectIds, targetIds, subjectStart, targetStart, pairTarget, pairSubject } = c;
  const { subjectPrefs, targetPrefs } = c;
  const subjects: [string, string[]][] = [];
  for (let s = 0; s < subjectIds.length; s++) {
    const list: string[] = [];
    for (let k = subjectStart[s]!; k < subjectStart[s + 1]!; k++)
      list.push(targetIds[pairTarget[subjectPrefs[k]!]!]!);
    subjects.push([subjectIds[s]!, list]);
  }
  const targets: [string, string[]][] = [];
  for (let t = 0; t < targetIds.length; t++) {
    const list: string[] = [];
    for (let k = targetStart[t]!; k < targetStart[t + 1]!; k++)
      list.push(subjectIds[pairSubject[targetPrefs[k]!]!]!);
    targets.push([targetIds[t]!, list]);
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

/** `map[index[i]]` for each i, or `index` itself without a map. */
function mapped(index: Int32Array, map: Int32Array | null): Int32Array {
  if (!map) return index;
  const out = new Int32Array(index.length);
  for (let i = 0; i < index.length; i++) out[i] = map[index[i]!]!;
  return out;
}

/** Stable counting sort of the items `order` (null: 0..n−1) by `key[item]` in [0, buckets). */
function countingOrder(key: Int32Array, buckets: number, order: Int32Array | null): Int32Array {
  const n = order ? order.length : key.length;
  const count = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) count[key[order ? order[i]! : i]! + 1]!++;
  for (let b = 0; b < buckets; b++) count[b + 1]! += count[b]!;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const item = order ? order[i]! : i;
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
 * The pair columns the optimal assignment reads, in canonical order, and where each pair comes
 * from (canonical pair k is the caller's pair `from[k]`): written by {@link copyGroupsByTarget}
 * or {@link gather}.
 */
interface CanonicalColumns {
  target: Int32Array;
  score: Float64Array;
  /** Null when the caller's pairs are canonical already. */
  from: Int32Array | null;
}

/**
 * Copies pairs grouped by subject already (runs of equal `raw.subject`, the runs in canonical
 * subject order) into canonical order, each run sorted by canonical target. A run already in
 * order is copied as it is; otherwise its (target, position) keys, packed into one integer
 * (`target << bits | position`, below 2^31), are sorted. Targets are distinct within a subject
 * unless a pair is repeated, which the caller detects afterwards, so no two keys tie. A run
 * too long to pack (T · 2^bits ≥ 2^31) returns false before anything is copied. Plain loops
 * over the typed arrays, no callbacks: this is most of compiling a million pairs.
 */
function copyGroupsByTarget(
  raw: PairColumns,
  targetMap: Int32Array | null,
  T: number,
  out: CanonicalColumns & { from: Int32Array },
): boolean {
  const rawSubject = raw.subject;
  const rawTarget = raw.target;
  const P = rawSubject.length;
  let longest = 0;
  for (let lo = 0; lo < P;) {
    const s = rawSubject[lo]!;
    let hi = lo + 1;
    while (hi < P && rawSubject[hi] === s) hi++;
    if (hi - lo > longest) longest = hi - lo;
    lo = hi;
  }
  const bits = Math.max(1, Math.ceil(Math.log2(longest)));
  if (T * 2 ** bits >= 2 ** 31) return false;
  const mask = (1 << bits) - 1;
  const keys = new Int32Array(longest);
  const { target, score, from } = out;
  const rawScore = raw.score;
  for (let lo = 0; lo < P;) {
    const s = rawSubject[lo]!;
    let hi = lo;
    let sorted = true;
    let previous = -1;
    // Canonical targets written as they come; a run out of order is rewritten below.
    for (; hi < P && rawSubject[hi] === s; hi++) {
      const t = targetMap ? targetMap[rawTarget[hi]!]! : rawTarget[hi]!;
      if (t <= previous) sorted = false;
      previous = t;
      target[hi] = t;
      keys[hi - lo] = (t << bits) | (hi - lo);
    }
    if (sorted) {
      for (let j = lo; j < hi; j++) {
        score[j] = rawScore[j]!;
        from[j] = j;
      }
    } else {
      const n = hi - lo;
      sortInt32Range(keys, 0, n);
      for (let j = 0; j < n; j++) {
        const key = keys[j]!;
        const i = lo + (key & mask);
        target[lo + j] = key >>> bits;
        score[lo + j] = rawScore[i]!;
        from[lo + j] = i;
      }
    }
    lo = hi;
  }
  return true;
}

/** Writes pair `out.from[k]` of the caller's columns as canonical pair k, for every k. */
function gather(
  raw: PairColumns,
  targetMap: Int32Array | null,
  out: CanonicalColumns & { from: Int32Array },
): void {
  const rawTarget = raw.target;
  const rawScore = raw.score;
  const { target, score, from } = out;
  for (let k = 0; k < from.length; k++) {
    const i = from[k]!;
    target[k] = targetMap ? targetMap[rawTarget[i]!]! : rawTarget[i]!;
    score[k] = rawScore[i]!;
  }
}

/** `column[from[k]]` for each k. */
function permuted(column: Float64Array, from: Int32Array): Float64Array {
  const out = new Float64Array(from.length);
  for (let k = 0; k < from.length; k++) out[k] = column[from[k]!]!;
  return out;
}

function badScore(index: number, key: string): OptionError {
  return new OptionError(key, `pair ${index} has a ${key} that is not a finite number`);
}
