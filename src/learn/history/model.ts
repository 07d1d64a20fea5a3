/**
 * The outcome model behind the learned factors: who financed whom, learned from interactions
 * weighted by outcome and time.
 *
 * For each target it counts how its past partners were distributed over the subject features
 * ({@link subjectFeatures}) and smooths the counts twice hierarchically: along each feature's
 * hierarchy (class → group → division → section, district → prefecture → province, fine →
 * coarse size bucket) and along the target's (target → institution → product type / investor
 * kind → everyone), with Dirichlet pseudo-counts. A subject's **profile lift** for a target is
 * Σ_f θ_f · log(P_target(x_f) / P_everyone(x_f)): how much more typical the subject is of the
 * target's past partners than of everyone's. Beside it, a **volume prior** (time-decayed log
 * volume of positive outcomes) and a **repeat** signal (the subject's own decayed past deals
 * with the target).
 *
 * The smoothing strength, the half-life of the time decay and the weights θ (one per feature,
 * one for the prior, one for repeat partners) are chosen on the training interactions only:
 * the latest {@link VALIDATION_SHARE} of outcome pairs are held out, the tables counted on the
 * rest, and θ fitted by maximising the sampled-softmax likelihood of the held-out partners.
 * The final tables are then counted on every pair.
 *
 * Everything is deterministic: pairs are sorted, ties broken by id, samples seeded.
 *
 * @module
 */
import type { Interaction } from '../../model/types.js';
import { createRandom, hashString } from '../../util/random.js';
import {
  DECLINE_LIFT_WEIGHT,
  DEFAULT_HALF_LIFE_DAYS,
  FINANCED_WEIGHT,
  DEFAULT_SMOOTHING,
  HALF_LIFE_CANDIDATES_DAYS,
  MAX_SIGNAL_WEIGHT,
  MAX_VALIDATION_PAIRS,
  MIN_VALIDATION_PAIRS,
  OUTCOME_WEIGHTS,
  SMOOTHING_CANDIDATES,
  VALIDATION_NEGATIVES,
  VALIDATION_SHARE,
  VOLUME_PSEUDO_COUNT,
  WEIGHT_FIT_L2,
  WEIGHT_FIT_LEARNING_RATE,
  WEIGHT_FIT_STEPS,
} from './defaults.js';
import { CellEncoder } from './cells.js';
import {
  featureValues,
  forEachFeature,
  isProject,
  yearOf,
  type FeatureKey,
  type HistorySubject,
} from './features.js';

/** One subject–target pair's outcome evidence (its strongest interaction). */
export interface OutcomePair {
  subjectId: string;
  targetId: string;
  /** Outcome weight ({@link OUTCOME_WEIGHTS}); negative for a declined pair. */
  weight: number;
  /** Date of the pair's strongest outcome (its latest occurrence), YYYY-MM-DD. */
  date: string;
}

/**
 * The pairs of interactions of `itemKind` dated on or before `asOf`: one per (subject,
 * target), with its strongest positive outcome, or its declined weight when it has no
 * positive one, dated by that outcome. Sorted by date, subject, target.
 */
export function collectPairs(
  interactions: readonly Interaction[],
  itemKind: Interaction['itemKind'],
  asOf: string,
): OutcomePair[] {
  const byPair = new Map<string, OutcomePair>();
  for (const i of interactions) {
    if (i.itemKind !== itemKind || i.date > asOf) continue;
    const key = `${i.subjectId}\u0000${i.itemId}`;
    const w = OUTCOME_WEIGHTS[i.kind];
    const prev = byPair.get(key);
    if (!prev) {
      byPair.set(key, { subjectId: i.subjectId, targetId: i.itemId, weight: w, date: i.date });
      continue;
    }
    // The pair takes its strongest outcome and that outcome's date (the latest, when it
    // happened more than once): a view years after a funding does not make the funding recent.
    const stronger =
      w > 0 ? w > prev.weight || prev.weight < 0 : prev.weight < 0 && w < prev.weight;
    if (stronger) {
      prev.weight = w;
      prev.date = i.date;
    } else if (w === prev.weight && i.date > prev.date) prev.date = i.date;
  }
  return [...byPair.values()].sort(comparePairs);
}

function comparePairs(a: OutcomePair, b: OutcomePair): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.subjectId !== b.subjectId) return a.subjectId < b.subjectId ? -1 : 1;
  return a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0;
}

/**
 * Who a subject is for repeat partners: a project's owner enterprise when it names one (the
 * rounds of one company are its projects), else the record's own id.
 */
export function identityOf(subject: HistorySubject | undefined, id: string): string {
  const owner = subject && isProject(subject) ? subject.ownerEnterpriseId : undefined;
  return owner !== undefined ? `owner:${owner}` : id;
}

/** The cells (feature values at every level) the model knows, with their hierarchy. */
export interface Vocabulary {
  /** Feature names, sorted. */
  readonly features: readonly string[];
  /** Cell value (`sector=C39`) → index. */
  readonly index: ReadonlyMap<string, number>;
  /** Per cell: its value, feature index and parent cell (−1 at the top level). */
  readonly values: readonly string[];
  readonly featureOf: Int32Array;
  readonly parentOf: Int32Array;
}

/** The fitted hyper-parameters and weights. */
export interface OutcomeFit {
  /** Dirichlet pseudo-count toward the parent distribution. */
  smoothing: number;
  /** Half-life of the time decay of the profile counts and the volume prior, days (Infinity = none). */
  halfLifeDays: number;
  /**
   * Half-life of the repeat-partner signal, days (Infinity = none), chosen separately: a
   * relationship may outlast a target's changing market.
   */
  repeatHalfLifeDays: number;
  /** Weight of each feature's log-lift, by feature name. */
  featureWeights: Record<string, number>;
  /** Weight of the log-volume prior. */
  priorWeight: number;
  /** Weight of log(1 + the subject's decayed past deals with the target). */
  repeatWeight: number;
  /** How the values were chosen. */
  method: 'validated' | 'defaults';
  /** Held-out pairs used to choose them (0 with defaults). */
  validationPairs: number;
  /** Mean held-out log-likelihood per pair of the chosen configuration (sampled softmax). */
  validationLogLikelihood?: number;
}

/** Options of {@link fitOutcomeModel}. */
export interface OutcomeModelOptions {
  /** Fix the smoothing instead of validating it. */
  smoothing?: number;
  /** Fix the half-life (days; Infinity = no decay) instead of validating it. */
  halfLifeDays?: number;
  /** Skip the weight fit: every weight 1. */
  unitWeights?: boolean;
  /** Seed of the negative sampling. Default 1. */
  seed?: number;
}

/** What the model needs of a target: its id and the groups it backs off to, finest first. */
export interface TargetInfo {
  id: string;
  groups: readonly string[];
}

/** Counts of one node (a target or a group) over the vocabulary. */
interface NodeCounts {
  cells: Float64Array;
  /** Per feature: total positive mass of pairs whose subject has that feature. */
  roots: Float64Array;
  /** Decayed positive volume. */
  volume: number;
  /** Number of financed (funded or approved) pairs, undecayed, for explanations. */
  pairs: number;
  /**
   * Per cell: number of financed pairs (undecayed), for explanations; kept only for the
   * final model's targets (null elsewhere: a fit's candidate tables, groups, declines).
   */
  pairCells: Float64Array | null;
}

/** A fitted outcome model. */
export interface OutcomeModel {
  readonly vocabulary: Vocabulary;
  readonly fit: OutcomeFit;
  /** The evaluation date the decay is measured to. */
  readonly asOf: string;
  /** True when there was at least one positive pair. */
  readonly hasHistory: boolean;
  /**
   * Leaves of a subject's features, ascending: per feature, the last cell of its path's known
   * prefix (its finest value the vocabulary knows). A view shared between calls: read it,
   * never write it.
   */
  leavesOf(subject: HistorySubject): Int32Array;
  /**
   * Per cell, for a target, the θ-weighted log-lift summed over the cell's path (the cell and
   * its ancestors), Float32: a subject's profile lift is the sum of its leaves' values. Null
   * for a target whose every back-off level is empty (lift 0 everywhere).
   */
  pathLiftVector(target: TargetInfo): Float32Array | null;
  /** θ-weighted log volume of the target, centred on the mean over targets with history. */
  priorTerm(targetId: string): number;
  /** The subject's decayed past deals by target, or null when it has none. */
  partnersOf(subject: HistorySubject): ReadonlyMap<string, number> | null;
  /** Index of each target with history (for dense repeat vectors), in id order. */
  readonly targetIndex: ReadonlyMap<string, number>;
  /** Undecayed evidence of a target for explanations: pairs in total and per cell. */
  evidence(targetId: string): { pairs: number; cell(c: number): number } | null;
}

/** What {@link fitOutcomeModel} is given. */
export interface OutcomeModelInput {
  pairs: readonly OutcomePair[];
  subjects: ReadonlyMap<string, HistorySubject>;
  /** Groups of the targets known at fitting time (history targets without a record: none). */
  targetGroups: ReadonlyMap<string, readonly string[]>;
  asOf: string;
}

/**
 * Fits the model: validates the hyper-parameters and weights on the latest training pairs
 * (unless fixed by `options`), then counts the final tables on every pair.
 */
export function fitOutcomeModel(
  input: OutcomeModelInput,
  options: OutcomeModelOptions = {},
): OutcomeModel {
  // Pairs whose subject record is unknown still count for the volume prior and repeat
  // partners; only known subjects' features are counted.
  const fit = chooseFit(input.pairs, input, options);
  return buildModel(input.pairs, input, fit, input.asOf);
}

// ---------------------------------------------------------------------------------------------
// Counting

interface Tables {
  vocabulary: Vocabulary;
  nodes: Map<string, NodeCounts>;
  global: NodeCounts;
  /** Per target: the features of the subjects it declined (decayed). */
  declined: Map<string, NodeCounts>;
  /** Children count per cell (and per feature root at index V + f). */
  partners: Map<string, Map<string, number>>;
  subjectCells: Map<string, Int32Array>;
  encoder: CellEncoder;
  asOf: string;
}

/**
 * The cells of the features of the subjects with a positive pair. Each feature's path is
 * read once per key (subjects sharing a sector code share its path).
 */
function buildVocabulary(
  pairs: readonly OutcomePair[],
  subjects: ReadonlyMap<string, HistorySubject>,
  asOf: string,
): Vocabulary {
  const names = new Set<string>();
  const cells = new Map<string, { feature: string; parent: string | null }>();
  const seen = new Set<string>();
  /** By reader slot: the keys whose paths were added. */
  const keysSeen = new Map<number | string, Set<FeatureKey>>();
  const year = yearOf(asOf);
  for (const p of pairs) {
    if (p.weight <= 0 || seen.has(p.subjectId)) continue;
    seen.add(p.subjectId);
    const subject = subjects.get(p.subjectId);
    if (!subject) continue;
    forEachFeature(subject, year, (reader, slot, key) => {
      let keys = keysSeen.get(slot);
      if (!keys) keysSeen.set(slot, (keys = new Set()));
      if (keys.has(key)) return; // its path's values (and its feature's name) are in
      keys.add(key);
      const values = featureValues(reader, key);
      if (values.length === 0) return;
      const name = reader.name;
      names.add(name);
      let parent: string | null = null;
      for (const value of values) {
        if (!cells.has(value)) cells.set(value, { feature: name, parent });
        parent = value;
      }
    });
  }
  const features = [...names].sort();
  const fIndex = new Map(features.map((n, i) => [n, i]));
  const values = [...cells.keys()].sort();
  const index = new Map(values.map((v, i) => [v, i]));
  const featureOf = new Int32Array(values.length);
  const parentOf = new Int32Array(values.length);
  values.forEach((v, i) => {
    const c = cells.get(v)!;
    featureOf[i] = fIndex.get(c.feature)!;
    parentOf[i] = c.parent === null ? -1 : index.get(c.parent)!;
  });
  return { features, index, values, featureOf, parentOf };
}

function newNode(v: number, f: number, evidence = false): NodeCounts {
  return {
    cells: new Float64Array(v),
    roots: new Float64Array(f),
    volume: 0,
    pairs: 0,
    pairCells: evidence ? new Float64Array(v) : null,
  };
}

/** Pairs encoded once (cells, nodes, age) so that counting per half-life is a tight loop. */
interface EncodedPairs {
  vocabulary: Vocabulary;
  nodeKeys: string[];
  /** Per pair: its subject's cells, the nodes it counts in (target, then its groups). */
  cells: Int32Array[];
  nodes: Int32Array[];
  /** Per pair: days before the reference date, outcome weight. */
  days: Float64Array;
  weights: Float64Array;
  identities: string[];
  targetIds: string[];
  subjectCells: Map<string, Int32Array>;
  /** Encodes any subject over {@link EncodedPairs.vocabulary}. */
  encoder: CellEncoder;
}

const NO_CELLS = new Int32Array(0);

/**
 * The cells of the subject `id` (none without its record), encoded once and remembered in
 * `at.subjectCells`.
 */
function cellsById(
  at: { subjectCells: Map<string, Int32Array>; encoder: CellEncoder },
  subjects: ReadonlyMap<string, HistorySubject>,
  id: string,
): Int32Array {
  let cells = at.subjectCells.get(id);
  if (!cells) {
    const subject = subjects.get(id);
    at.subjectCells.set(id, (cells = subject ? at.encoder.cells(subject) : NO_CELLS));
  }
  return cells;
}

function encodePairs(
  pairs: readonly OutcomePair[],
  input: OutcomeModelInput,
  reference: string,
): EncodedPairs {
  const vocabulary = buildVocabulary(pairs, input.subjects, input.asOf);
  const encoder = new CellEncoder(vocabulary, input.asOf);
  const subjectCells = new Map<string, Int32Array>();
  const nodeIndex = new Map<string, number>();
  const nodeKeys: string[] = [];
  const nodeOf = (key: string) => {
    let i = nodeIndex.get(key);
    if (i === undefined) {
      i = nodeKeys.length;
      nodeIndex.set(key, i);
      nodeKeys.push(key);
    }
    return i;
  };
  const targetNodes = new Map<string, Int32Array>();
  const refMs = Date.parse(`${reference}T00:00:00Z`);
  const n = pairs.length;
  const out: EncodedPairs = {
    vocabulary,
    nodeKeys,
    cells: new Array<Int32Array>(n),
    nodes: new Array<Int32Array>(n),
    days: new Float64Array(n),
    weights: new Float64Array(n),
    identities: new Array<string>(n),
    targetIds: new Array<string>(n),
    subjectCells,
    encoder,
  };
  for (let i = 0; i < n; i++) {
    const p = pairs[i]!;
    const cells = cellsById(out, input.subjects, p.subjectId);
    let nodes = targetNodes.get(p.targetId);
    if (!nodes) {
      const keys = [`t:${p.targetId}`, ...(input.targetGroups.get(p.targetId) ?? [])];
      targetNodes.set(p.targetId, (nodes = Int32Array.from(keys.map(nodeOf))));
    }
    out.cells[i] = cells;
    out.nodes[i] = nodes;
    const d = (refMs - Date.parse(`${p.date}T00:00:00Z`)) / 86_400_000;
    out.days[i] = d > 0 ? d : 0;
    out.weights[i] = p.weight;
    out.identities[i] = identityOf(input.subjects.get(p.subjectId), p.subjectId);
    out.targetIds[i] = p.targetId;
  }
  return out;
}

/** Each subject's decayed positive deals per target (repeat partners). */
function countPartners(
  enc: EncodedPairs,
  halfLifeDays: number,
  into: Map<string, Map<string, number>> = new Map(),
): Map<string, Map<string, number>> {
  const decayed = Number.isFinite(halfLifeDays);
  for (let i = 0; i < enc.weights.length; i++) {
    const w = enc.weights[i]! * (decayed ? 2 ** (-enc.days[i]! / halfLifeDays) : 1);
    if (!(w > 0)) continue;
    const who = enc.identities[i]!;
    let m = into.get(who);
    if (!m) into.set(who, (m = new Map()));
    const t = enc.targetIds[i]!;
    m.set(t, (m.get(t) ?? 0) + w);
  }
  return into;
}

/**
 * Counts the tables of `enc` at one half-life. With `evidence` (the final model), target
 * nodes also count financed pairs per cell for explanations.
 */
function countTables(
  enc: EncodedPairs,
  halfLifeDays: number,
  asOf: string,
  repeatHalfLifeDays: number = halfLifeDays,
  evidence = false,
): Tables {
  const { vocabulary } = enc;
  const { parentOf, featureOf } = vocabulary;
  const V = vocabulary.values.length;
  const F = vocabulary.features.length;
  const counts = enc.nodeKeys.map((key) => newNode(V, F, evidence && key.startsWith('t:')));
  const global = newNode(V, F);
  const partners = new Map<string, Map<string, number>>();
  const decayed = Number.isFinite(halfLifeDays);
  // `financed`: the pair was funded or approved — what explanations count as past partners.
  const add = (node: NodeCounts, cells: Int32Array, w: number, financed: boolean) => {
    const pairCells = financed ? node.pairCells : null;
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j]!;
      node.cells[c]! += w;
      if (parentOf[c] === -1) node.roots[featureOf[c]!]! += w;
      if (pairCells !== null) pairCells[c]! += 1;
    }
    node.volume += w;
    if (financed) node.pairs += 1;
  };
  // Declines are counted apart (never subtracted from the financed counts, which would make
  // the smoothed distributions improper): per target, the features of the subjects it declined.
  const declined = new Map<string, NodeCounts>();
  for (let i = 0; i < enc.weights.length; i++) {
    const w = enc.weights[i]! * (decayed ? 2 ** (-enc.days[i]! / halfLifeDays) : 1);
    const cells = enc.cells[i]!;
    const nodes = enc.nodes[i]!;
    const financed = enc.weights[i]! >= FINANCED_WEIGHT;
    if (w > 0) {
      for (let k = 0; k < nodes.length; k++) add(counts[nodes[k]!]!, cells, w, financed);
      add(global, cells, w, financed);
    } else if (w < 0) {
      counts[nodes[0]!]!.volume += w; // a decline lowers the target's volume (never below 0)
      const t = enc.targetIds[i]!;
      let d = declined.get(t);
      if (!d) declined.set(t, (d = newNode(V, F)));
      add(d, cells, -w, false);
    }
  }
  countPartners(enc, repeatHalfLifeDays, partners);
  for (const n of counts) if (n.volume < 0) n.volume = 0;
  const nodes = new Map(enc.nodeKeys.map((k, i) => [k, counts[i]!]));
  return {
    vocabulary,
    nodes,
    global,
    declined,
    partners,
    subjectCells: enc.subjectCells,
    encoder: enc.encoder,
    asOf,
  };
}

/**
 * Per-cell conditional probabilities P(cell | parent cell) of one node, smoothed, into `out`
 * (a new array by default).
 */
function conditionals(
  tables: Tables,
  counts: NodeCounts | undefined,
  parent: Float64Array,
  smoothing: number,
  out: Float64Array = new Float64Array(parent.length),
): Float64Array {
  const { parentOf, featureOf } = tables.vocabulary;
  const V = parentOf.length;
  if (!counts) {
    out.set(parent);
    return out;
  }
  for (let c = 0; c < V; c++) {
    const p = parentOf[c]!;
    const total = p === -1 ? counts.roots[featureOf[c]!]! : counts.cells[p]!;
    out[c] = (counts.cells[c]! + smoothing * parent[c]!) / (total + smoothing);
  }
  return out;
}

/** Everyone's conditionals: Laplace over each parent's known children plus one unseen. */
function globalConditionals(tables: Tables): Float64Array {
  const { parentOf, featureOf, features } = tables.vocabulary;
  const V = parentOf.length;
  const children = new Float64Array(V + features.length);
  for (let c = 0; c < V; c++) {
    const p = parentOf[c]!;
    children[p === -1 ? V + featureOf[c]! : p]! += 1;
  }
  const g = tables.global;
  const out = new Float64Array(V);
  for (let c = 0; c < V; c++) {
    const p = parentOf[c]!;
    const k = p === -1 ? V + featureOf[c]! : p;
    const total = p === -1 ? g.roots[featureOf[c]!]! : g.cells[p]!;
    out[c] = (g.cells[c]! + 1) / (total + children[k]! + 1);
  }
  return out;
}

/**
 * Scorer over one set of tables: log-lift per feature, prior and repeat per pair. The
 * conditionals of the groups' chains are kept (targets share them); a target's own level and
 * its lift are computed into scratch arrays, so scoring every target allocates no table per
 * target (a fit tries several scorers on one history).
 */
class TableScorer {
  readonly global: Float64Array;
  private readonly logGlobal: Float64Array;
  private readonly memo = new Map<string, Float64Array>();
  /** Scratch of {@link TableScorer.lift}: a target's conditionals and its declines'. */
  private readonly own: Float64Array;
  private readonly declines: Float64Array;
  readonly meanLogVolume: number;

  constructor(
    readonly tables: Tables,
    readonly smoothing: number,
  ) {
    this.global = globalConditionals(tables);
    this.logGlobal = this.global.map(Math.log);
    this.own = new Float64Array(this.global.length);
    this.declines = new Float64Array(this.global.length);
    let s = 0;
    let n = 0;
    for (const [key, node] of tables.nodes) {
      if (!key.startsWith('t:')) continue;
      s += Math.log(node.volume + VOLUME_PSEUDO_COUNT);
      n += 1;
    }
    this.meanLogVolume = n > 0 ? s / n : 0;
  }

  /** Conditionals of a node chain (finest first), memoised per node. */
  private chain(keys: readonly string[]): Float64Array {
    if (keys.length === 0) return this.global;
    // Memoised by the whole chain: one institution's products may back off to different types.
    const key = keys.join('\u0000');
    let out = this.memo.get(key);
    if (!out) {
      const parent = this.chain(keys.slice(1));
      out = conditionals(this.tables, this.tables.nodes.get(keys[0]!), parent, this.smoothing);
      this.memo.set(key, out);
    }
    return out;
  }

  /**
   * log P_target(cell|parent) − log P_everyone(cell|parent) into `out` (one value per cell);
   * false, `out` untouched, when no level has data.
   */
  lift(target: TargetInfo, out: Float64Array): boolean {
    const own = `t:${target.id}`;
    const keys = [own, ...target.groups].filter((k) => this.tables.nodes.has(k));
    if (keys.length === 0) return false;
    // The target's own level into scratch; its groups' chain is shared and kept.
    const p =
      keys[0] === own
        ? conditionals(
            this.tables,
            this.tables.nodes.get(own),
            this.chain(keys.slice(1)),
            this.smoothing,
            this.own,
          )
        : this.chain(keys);
    for (let c = 0; c < p.length; c++) out[c] = Math.log(p[c]!) - this.logGlobal[c]!;
    // Declines: the declined subjects' distribution, smoothed toward the financed one, against
    // it — features the target declined more often than it financed count against a subject.
    const d = this.tables.declined.get(target.id);
    if (d) {
      const q = conditionals(this.tables, d, p, this.smoothing, this.declines);
      for (let c = 0; c < p.length; c++)
        out[c]! -= DECLINE_LIFT_WEIGHT * (Math.log(q[c]!) - Math.log(p[c]!));
    }
    return true;
  }

  private readonly logVolumes = new Map<string, number>();

  logVolume(targetId: string): number {
    let v = this.logVolumes.get(targetId);
    if (v === undefined) {
      const node = this.tables.nodes.get(`t:${targetId}`);
      v = Math.log((node?.volume ?? 0) + VOLUME_PSEUDO_COUNT) - this.meanLogVolume;
      this.logVolumes.set(targetId, v);
    }
    return v;
  }

  repeat(identity: string, targetId: string): number {
    return Math.log1p(this.tables.partners.get(identity)?.get(targetId) ?? 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Choosing smoothing, half-life and weights on held-out training pairs

function chooseFit(
  pairs: readonly OutcomePair[],
  input: OutcomeModelInput,
  options: OutcomeModelOptions,
): OutcomeFit {
  const positives = pairs.filter((p) => p.weight > 0);
  const defaults: OutcomeFit = {
    smoothing: options.smoothing ?? DEFAULT_SMOOTHING,
    halfLifeDays: options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS,
    repeatHalfLifeDays: options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS,
    featureWeights: {},
    priorWeight: 1,
    repeatWeight: 1,
    method: 'defaults',
    validationPairs: 0,
  };
  const split = holdOut(pairs, positives);
  if (!split) return defaults;
  const { fitPairs, validation, cutDate } = split;
  // Candidates are the targets with history, whatever catalogue the matcher was given, so a
  // matcher and an index fit the same model on the same history.
  const targetIds = [...new Set(pairs.map((p) => p.targetId))].sort();
  const smoothings = options.smoothing !== undefined ? [options.smoothing] : SMOOTHING_CANDIDATES;
  const halfLives =
    options.halfLifeDays !== undefined ? [options.halfLifeDays] : HALF_LIFE_CANDIDATES_DAYS;
  const seed = options.seed ?? 1;
  const examples = sampleExamples(validation, targetIds, seed);
  // Coordinate search with unit weights: the smoothing at the default half-life, then the
  // half-life at that smoothing (tables are counted once per half-life).
  const tablesByHalfLife = new Map<number, Tables>();
  const encoded = encodePairs(fitPairs, input, cutDate);
  const tablesFor = (halfLife: number) => {
    let t = tablesByHalfLife.get(halfLife);
    if (!t) tablesByHalfLife.set(halfLife, (t = countTables(encoded, halfLife, cutDate)));
    return t;
  };
  let best: { smoothing: number; halfLife: number; ll: number; data: ExampleData } | undefined;
  const tryOne = (smoothing: number, halfLife: number) => {
    const data = exampleFeatures(new TableScorer(tablesFor(halfLife), smoothing), examples, input);
    const ll = logLikelihood(data, new Float64Array(data.dims).fill(1));
    if (!best || ll > best.ll) best = { smoothing, halfLife, ll, data };
  };
  const firstHalfLife = halfLives.includes(DEFAULT_HALF_LIFE_DAYS)
    ? DEFAULT_HALF_LIFE_DAYS
    : halfLives[0]!;
  for (const smoothing of smoothings) tryOne(smoothing, firstHalfLife);
  const smoothing = best!.smoothing;
  for (const halfLife of halfLives) if (halfLife !== firstHalfLife) tryOne(smoothing, halfLife);
  const chosen = best!;
  // Then the repeat-partner half-life: only the repeat column changes.
  let repeatHalfLife = chosen.halfLife;
  let repeatLl = chosen.ll;
  const repeatColumn = chosen.data.dims - 1;
  for (const halfLife of halfLives) {
    if (halfLife === chosen.halfLife) continue;
    const partners = countPartners(encoded, halfLife);
    const data = withRepeatColumn(chosen.data, examples, input, partners, repeatColumn);
    const ll = logLikelihood(data, new Float64Array(data.dims).fill(1));
    if (ll > repeatLl) {
      repeatLl = ll;
      repeatHalfLife = halfLife;
      chosen.data = data;
    }
  }
  const theta = options.unitWeights
    ? new Float64Array(chosen.data.dims).fill(1)
    : fitWeights(chosen.data);
  const features = chosen.data.features;
  const featureWeights: Record<string, number> = {};
  features.forEach((f, i) => (featureWeights[f] = round6(theta[i]!)));
  return {
    smoothing: chosen.smoothing,
    halfLifeDays: chosen.halfLife,
    repeatHalfLifeDays: repeatHalfLife,
    featureWeights,
    priorWeight: round6(theta[features.length]!),
    repeatWeight: round6(theta[features.length + 1]!),
    method: 'validated',
    validationPairs: examples.length,
    validationLogLikelihood: round6(logLikelihood(chosen.data, theta)),
  };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The latest pairs by date are held out; when every pair has one date, a hash of the subject. */
function holdOut(
  pairs: readonly OutcomePair[],
  positives: readonly OutcomePair[],
): { fitPairs: OutcomePair[]; validation: OutcomePair[]; cutDate: string } | undefined {
  if (positives.length * VALIDATION_SHARE < MIN_VALIDATION_PAIRS) return undefined;
  const cutDate = positives[Math.floor(positives.length * (1 - VALIDATION_SHARE))]!.date;
  let fitPairs = pairs.filter((p) => p.date < cutDate);
  let validation = positives.filter((p) => p.date >= cutDate);
  if (
    fitPairs.filter((p) => p.weight > 0).length < MIN_VALIDATION_PAIRS ||
    validation.length < MIN_VALIDATION_PAIRS
  ) {
    const held = (p: OutcomePair) =>
      hashString(`validation\u0000${p.subjectId}`) / 2 ** 32 < VALIDATION_SHARE;
    fitPairs = pairs.filter((p) => !held(p));
    validation = positives.filter(held);
    if (validation.length < MIN_VALIDATION_PAIRS) return undefined;
    return { fitPairs, validation, cutDate: positives[positives.length - 1]!.date };
  }
  return { fitPairs, validation, cutDate };
}

interface Example {
  subjectId: string;
  /** Candidates: the partner first, then sampled non-partners. */
  targets: string[];
}

function sampleExamples(validation: readonly OutcomePair[], targetIds: string[], seed: number) {
  const partnersOf = new Map<string, Set<string>>();
  for (const p of validation) {
    let s = partnersOf.get(p.subjectId);
    if (!s) partnersOf.set(p.subjectId, (s = new Set()));
    s.add(p.targetId);
  }
  let chosen = [...validation];
  if (chosen.length > MAX_VALIDATION_PAIRS) {
    const rnd = createRandom(`outcome-validation\u0000${seed}`);
    chosen = rnd.shuffle(chosen).slice(0, MAX_VALIDATION_PAIRS).sort(comparePairs);
  }
  const out: Example[] = [];
  for (const p of chosen) {
    const own = partnersOf.get(p.subjectId)!;
    const pool = targetIds.filter((t) => !own.has(t));
    let negatives: string[];
    if (pool.length <= VALIDATION_NEGATIVES) negatives = pool;
    else {
      const rnd = createRandom(
        `outcome-negatives\u0000${seed}\u0000${p.subjectId}\u0000${p.targetId}`,
      );
      const picked = new Set<number>();
      while (picked.size < VALIDATION_NEGATIVES) picked.add(rnd.int(pool.length));
      negatives = [...picked].sort((a, b) => a - b).map((i) => pool[i]!);
    }
    out.push({ subjectId: p.subjectId, targets: [p.targetId, ...negatives] });
  }
  return out;
}

interface ExampleData {
  features: readonly string[];
  dims: number;
  /** Per example, per candidate, `dims` values (row-major). */
  rows: Float64Array[];
}

function exampleFeatures(
  scorer: TableScorer,
  examples: readonly Example[],
  input: OutcomeModelInput,
): ExampleData {
  const { vocabulary } = scorer.tables;
  const { featureOf } = vocabulary;
  const F = vocabulary.features.length;
  const dims = F + 2;
  const cells = examples.map((ex) => cellsById(scorer.tables, input.subjects, ex.subjectId));
  const identities = examples.map((ex) =>
    identityOf(input.subjects.get(ex.subjectId), ex.subjectId),
  );
  const rows = examples.map((ex) => new Float64Array(ex.targets.length * dims));
  // Target by target (a candidate's values depend on its target alone), so one target's lift
  // is held at a time: per target, its (example, candidate) places.
  const places = new Map<string, number[]>();
  examples.forEach((ex, e) =>
    ex.targets.forEach((t, j) => {
      let list = places.get(t);
      if (!list) places.set(t, (list = []));
      list.push(e, j);
    }),
  );
  const lift = new Float64Array(vocabulary.values.length);
  for (const [t, list] of places) {
    const lifted = scorer.lift({ id: t, groups: input.targetGroups.get(t) ?? [] }, lift);
    const logVolume = scorer.logVolume(t);
    for (let i = 0; i < list.length; i += 2) {
      const e = list[i]!;
      const row = rows[e]!;
      const base = list[i + 1]! * dims;
      if (lifted) for (const c of cells[e]!) row[base + featureOf[c]!]! += lift[c]!;
      row[base + F] = logVolume;
      row[base + F + 1] = scorer.repeat(identities[e]!, t);
    }
  }
  return { features: vocabulary.features, dims, rows };
}

/** A copy of the example data with the repeat column recomputed from other partner counts. */
function withRepeatColumn(
  data: ExampleData,
  examples: readonly Example[],
  input: OutcomeModelInput,
  partners: ReadonlyMap<string, ReadonlyMap<string, number>>,
  column: number,
): ExampleData {
  const rows = data.rows.map((row, e) => {
    const ex = examples[e]!;
    const out = Float64Array.from(row);
    const mine = partners.get(identityOf(input.subjects.get(ex.subjectId), ex.subjectId));
    ex.targets.forEach((t, j) => {
      out[j * data.dims + column] = Math.log1p(mine?.get(t) ?? 0);
    });
    return out;
  });
  return { ...data, rows };
}

/** Mean log softmax probability of the partner (candidate 0) under weights θ. */
function logLikelihood(data: ExampleData, theta: Float64Array): number {
  let total = 0;
  let s = new Float64Array(0);
  for (const row of data.rows) {
    const n = row.length / data.dims;
    let max = -Infinity;
    if (s.length < n) s = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let z = 0;
      for (let d = 0; d < data.dims; d++) z += theta[d]! * row[j * data.dims + d]!;
      s[j] = z;
      if (z > max) max = z;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(s[j]! - max);
    total += s[0]! - max - Math.log(sum);
  }
  return data.rows.length > 0 ? total / data.rows.length : 0;
}

/** Non-negative weights maximising the held-out likelihood (projected Adam, L2 toward 1). */
function fitWeights(data: ExampleData): Float64Array {
  const D = data.dims;
  const theta = new Float64Array(D).fill(1);
  const m = new Float64Array(D);
  const v = new Float64Array(D);
  const grad = new Float64Array(D);
  const b1 = 0.9;
  const b2 = 0.999;
  const N = data.rows.length;
  let buffer = new Float64Array(0);
  for (let step = 1; step <= WEIGHT_FIT_STEPS; step++) {
    grad.fill(0);
    for (const row of data.rows) {
      const n = row.length / D;
      if (buffer.length < n) buffer = new Float64Array(n);
      const s = buffer;
      let max = -Infinity;
      for (let j = 0; j < n; j++) {
        let z = 0;
        for (let d = 0; d < D; d++) z += theta[d]! * row[j * D + d]!;
        s[j] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let j = 0; j < n; j++) sum += s[j] = Math.exp(s[j]! - max);
      for (let j = 0; j < n; j++) {
        const p = s[j]! / sum;
        const coef = (j === 0 ? 1 : 0) - p;
        if (coef === 0) continue;
        for (let d = 0; d < D; d++) grad[d]! += coef * row[j * D + d]!;
      }
    }
    for (let d = 0; d < D; d++) {
      const g = grad[d]! / N - 2 * WEIGHT_FIT_L2 * (theta[d]! - 1);
      m[d] = b1 * m[d]! + (1 - b1) * g;
      v[d] = b2 * v[d]! + (1 - b2) * g * g;
      const mh = m[d]! / (1 - b1 ** step);
      const vh = v[d]! / (1 - b2 ** step);
      theta[d] = Math.min(
        MAX_SIGNAL_WEIGHT,
        Math.max(0, theta[d]! + (WEIGHT_FIT_LEARNING_RATE * mh) / (Math.sqrt(vh) + 1e-8)),
      );
    }
  }
  return theta;
}

// ---------------------------------------------------------------------------------------------
// The final model

/**
 * Targets' path-lift vectors a model remembers (a vocabulary-sized Float32Array each: ≈ 9 KB at
 * seed scale) before it forgets them all and computes them again as asked.
 */
export const LIFT_VECTORS_KEPT = 4096;

/** The vocabulary's cells ordered so that every cell comes after its parent (by depth). */
function cellsParentsFirst(parentOf: Int32Array): Int32Array {
  const depth = new Int32Array(parentOf.length).fill(-1);
  const depthOf = (c: number): number => {
    if (depth[c]! < 0) depth[c] = parentOf[c] === -1 ? 0 : depthOf(parentOf[c]!) + 1;
    return depth[c]!;
  };
  const order = Array.from(parentOf, (_, c) => c);
  order.forEach(depthOf);
  return Int32Array.from(order.sort((a, b) => depth[a]! - depth[b]! || a - b));
}

function buildModel(
  pairs: readonly OutcomePair[],
  input: OutcomeModelInput,
  fit: OutcomeFit,
  asOf: string,
): OutcomeModel {
  const tables = countTables(
    encodePairs(pairs, input, asOf),
    fit.halfLifeDays,
    asOf,
    fit.repeatHalfLifeDays,
    true,
  );
  const scorer = new TableScorer(tables, fit.smoothing);
  const { vocabulary } = tables;
  const theta = vocabulary.features.map((f) => fit.featureWeights[f] ?? 1);
  const hasHistory = tables.global.volume > 0;
  const targetIds = [...tables.nodes.keys()]
    .filter((k) => k.startsWith('t:'))
    .map((k) => k.slice(2))
    .sort();
  const targetIndex = new Map(targetIds.map((t, i) => [t, i]));
  const vectors = new Map<string, Float32Array | null>();
  /** Scratch of `pathLiftVector`: a target's lift before its weights, then its path sums. */
  const lift = new Float64Array(vocabulary.values.length);
  const sums = new Float64Array(vocabulary.values.length);
  const parentsFirst = cellsParentsFirst(vocabulary.parentOf);
  const leaves = new CellEncoder(vocabulary, asOf, true);
  return {
    vocabulary,
    // Frozen: matchers of one history share the model, and its weights are read per call.
    fit: Object.freeze({ ...fit, featureWeights: Object.freeze({ ...fit.featureWeights }) }),
    asOf,
    hasHistory,
    targetIndex,
    leavesOf(subject) {
      return leaves.cells(subject);
    },
    pathLiftVector(target) {
      const key = `${target.id}\u0000${target.groups.join('\u0000')}`;
      if (vectors.has(key)) return vectors.get(key)!;
      let out: Float32Array | null = null;
      if (scorer.lift(target, lift)) {
        const { featureOf, parentOf } = vocabulary;
        out = new Float32Array(lift.length);
        for (let i = 0; i < parentsFirst.length; i++) {
          const c = parentsFirst[i]!;
          const p = parentOf[c]!;
          sums[c] = theta[featureOf[c]!]! * lift[c]! + (p === -1 ? 0 : sums[p]!);
          out[c] = sums[c]!;
        }
      }
      // A model outlives a matcher (matchers of one history share it): its catalogues' targets
      // are remembered up to a bound, then forgotten together.
      if (vectors.size >= LIFT_VECTORS_KEPT) vectors.clear();
      vectors.set(key, out);
      return out;
    },
    priorTerm(targetId) {
      return fit.priorWeight * scorer.logVolume(targetId);
    },
    partnersOf(subject) {
      return tables.partners.get(identityOf(subject, subject.id)) ?? null;
    },
    evidence(targetId) {
      const node = tables.nodes.get(`t:${targetId}`);
      if (!node) return null;
      const pairCells = node.pairCells!;
      return { pairs: node.pairs, cell: (c) => pairCells[c] ?? 0 };
    },
  };
}
