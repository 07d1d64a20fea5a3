/**
 * Weight tuning by grid, random or coordinate-ascent search with k-fold cross-validation over
 * queries. The caller supplies the objective (e.g. mean nDCG@10 of a profile with the given
 * weights over some queries); `tuneWeights` only searches, so it works for any profile,
 * strategy parameter or metric.
 *
 * Cross-validation: for each fold, the search runs on the other folds' queries and the chosen
 * weights are scored on the held-out fold; the mean of those held-out scores is the honest
 * estimate (`cvScore`). The returned `best` weights come from a final search on all the given
 * queries. Queries are query ids, not subject ids (a subject may be several queries); the
 * objective is only ever called with the given ids, so a caller that passes its training
 * split (`splitQueries` in `finmatch/eval`) keeps held-out judgments out of the search.
 *
 * @module
 */
import { OptionError } from '../errors.js';
import { describeValue } from '../util/describe.js';
import {
  booleanOption,
  enumOption,
  functionOption,
  integerOption,
  readOptions,
  stringArrayOption,
} from '../util/options.js';
import { createRandom } from '../util/random.js';
import { TUNE_DEFAULTS } from './defaults.js';

/** Weights by factor (or parameter) name. */
export type Weights = Record<string, number>;

/** The objective: the mean metric of `weights` over `queries` (higher is better). */
export type Objective = (weights: Weights, queries: readonly string[]) => number;

/** Options of {@link tuneWeights}. */
export interface TuneOptions {
  /** Starting weights; also fixes which names are tuned. */
  initial: Weights;
  /**
   * The query ids the search may look at — the training queries only: pass held-out queries
   * here and their judgments shape the weights. Folds are drawn from these with the seed.
   */
  queries: readonly string[];
  objective: Objective;
  method?: 'grid' | 'random' | 'coordinate';
  folds?: number;
  trials?: number;
  seed?: number;
  /** Called after each evaluation of the final search. */
  onTrial?: (trial: TuneTrial) => void;
  /**
   * Also compute the k-fold cross-validated estimate (default `true`). A caller that holds out
   * its own test queries (e.g. an outer cross-validation) can skip it.
   */
  crossValidate?: boolean;
}

/** One evaluated configuration. */
export interface TuneTrial {
  index: number;
  weights: Weights;
  score: number;
}

/** Result of {@link tuneWeights}. */
export interface TuneResult {
  method: 'grid' | 'random' | 'coordinate';
  best: TuneTrial;
  initial: TuneTrial;
  /** Every configuration the final search tried, in order. */
  trials: TuneTrial[];
  /** Held-out score per fold and their mean (the CV estimate); absent with `crossValidate: false`. */
  foldScores: number[];
  cvScore?: number;
}

/** The keys {@link TuneOptions} may have; any other key is an OptionError. */
const TUNE_OPTION_KEYS = [
  'initial',
  'queries',
  'objective',
  'method',
  'folds',
  'trials',
  'seed',
  'onTrial',
  'crossValidate',
] as const;

/**
 * Largest weight `tuneWeights` starts from: the profile bound (`MAX_FACTOR_WEIGHT`, 1e6), so the
 * tuned weights can be put back into a profile.
 */
export const MAX_TUNE_WEIGHT = 1_000_000;

/** Largest `trials` and `folds` accepted (each trial is one objective call). */
export const MAX_TUNE_TRIALS = 1_000_000;

/**
 * Searches weights that maximise the objective. Deterministic for a seed.
 *
 * @throws `OptionError` naming the option: an unknown key (with a did-you-mean), `initial`
 * without weights or with a weight that is not a finite number in [0, {@link MAX_TUNE_WEIGHT}]
 * (`initial.collateralFit`), `queries` not an array of strings or too few for the folds,
 * `objective` or `onTrial` not a function, an unknown `method`, `folds` not an integer from 2,
 * `trials` not an integer from 1, a non-integer `seed`, a non-boolean `crossValidate`.
 */
export function tuneWeights(tuneOptions: TuneOptions): TuneResult {
  const o = readOptions(tuneOptions, TUNE_OPTION_KEYS);
  const method = enumOption<'grid' | 'random' | 'coordinate'>(
    o.method,
    'method',
    ['grid', 'random', 'coordinate'],
    TUNE_DEFAULTS.method,
  );
  const folds = integerOption(o.folds, 'folds', {
    min: 2,
    max: MAX_TUNE_TRIALS,
    default: TUNE_DEFAULTS.folds,
  });
  const trials = integerOption(o.trials, 'trials', {
    min: 1,
    max: MAX_TUNE_TRIALS,
    default: TUNE_DEFAULTS.trials,
  });
  const seed = integerOption(o.seed, 'seed', {
    min: Number.MIN_SAFE_INTEGER,
    max: Number.MAX_SAFE_INTEGER,
    default: TUNE_DEFAULTS.seed,
  });
  const objective = functionOption<Objective>(o.objective, 'objective');
  if (objective === undefined) throw new OptionError('objective', 'objective is required');
  const onTrial = functionOption<(trial: TuneTrial) => void>(o.onTrial, 'onTrial');
  const crossValidate = booleanOption(o.crossValidate, 'crossValidate', true);
  const initial = readWeights(o.initial);
  const names = Object.keys(initial).sort();
  if (names.length === 0) throw new OptionError('initial', 'no weights to tune');
  const queries = [...new Set(stringArrayOption(o.queries, 'queries'))].sort();
  if (queries.length === 0) throw new OptionError('queries', 'no queries to tune on');
  if (crossValidate && queries.length < folds)
    throw new OptionError(
      'queries',
      `need at least ${folds} queries for ${folds}-fold cross-validation, got ${queries.length}`,
    );
  const options: TuneOptions = {
    initial,
    queries,
    objective,
    method,
    folds,
    trials,
    seed,
    crossValidate,
    ...(onTrial ? { onTrial } : {}),
  };

  const shuffled = createRandom(`${seed}:folds`).shuffle(queries);
  const foldOf = new Map(shuffled.map((q, i) => [q, i % folds]));
  const foldScores: number[] = [];
  for (let f = 0; f < (crossValidate ? folds : 0); f++) {
    const train = queries.filter((q) => foldOf.get(q) !== f);
    const test = queries.filter((q) => foldOf.get(q) === f);
    const { best } = search(method, names, options, train, seed);
    foldScores.push(checked(options.objective(best.weights, test)));
  }
  const final = search(method, names, options, queries, seed, options.onTrial);
  return {
    method,
    best: final.best,
    initial: final.trials[0]!,
    trials: final.trials,
    foldScores,
    ...(foldScores.length > 0
      ? { cvScore: foldScores.reduce((s, v) => s + v, 0) / foldScores.length }
      : {}),
  };
}

/** `initial`: a plain object of weights, each finite in [0, MAX_TUNE_WEIGHT]. */
function readWeights(value: unknown): Weights {
  if (value === undefined) throw new OptionError('initial', 'initial is required');
  let entries: [string, unknown][];
  try {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new OptionError(
        'initial',
        `initial must be an object of weights by name, received ${describeValue(value)}`,
      );
    entries = Object.entries(value);
  } catch (error) {
    if (error instanceof OptionError) throw error;
    throw new OptionError('initial', 'initial could not be read: reading it threw');
  }
  const out: Weights = {};
  for (const [n, w] of entries) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > MAX_TUNE_WEIGHT)
      throw new OptionError(
        `initial.${n}`,
        `weight ${n} (initial.${n}) must be a finite number in [0, ${MAX_TUNE_WEIGHT}], received ${describeValue(w)}`,
      );
    Object.defineProperty(out, n, {
      value: w,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function search(
  method: 'grid' | 'random' | 'coordinate',
  names: string[],
  options: TuneOptions,
  queries: readonly string[],
  seed: number,
  onTrial?: (t: TuneTrial) => void,
): { best: TuneTrial; trials: TuneTrial[] } {
  const trials: TuneTrial[] = [];
  const seen = new Map<string, number>();
  const evaluate = (weights: Weights): TuneTrial => {
    const key = names.map((n) => weights[n]).join(',');
    const cached = seen.get(key);
    if (cached !== undefined) return trials[cached]!;
    const trial = {
      index: trials.length,
      weights: { ...weights },
      score: checked(options.objective(weights, queries)),
    };
    seen.set(key, trials.length);
    trials.push(trial);
    onTrial?.(trial);
    return trial;
  };
  const valid = (w: Weights) => names.some((n) => w[n]! > 0);
  let best = evaluate(pickWeights(names, options.initial));
  const better = (t: TuneTrial) => t.score > best.score + TUNE_DEFAULTS.minImprovement;

  if (method === 'grid') {
    const grid = TUNE_DEFAULTS.grid;
    const total = grid.length ** names.length;
    if (total > 100_000)
      throw new OptionError(
        'method',
        `grid over ${names.length} weights has ${total} points; use coordinate or random search`,
      );
    for (let i = 0; i < total; i++) {
      const w: Weights = {};
      let r = i;
      for (const n of names) {
        w[n] = grid[r % grid.length]!;
        r = Math.floor(r / grid.length);
      }
      if (!valid(w)) continue;
      const t = evaluate(w);
      if (better(t)) best = t;
    }
  } else if (method === 'random') {
    const rng = createRandom(`${seed}:random`);
    const [lo, hi] = TUNE_DEFAULTS.randomRange;
    const trialsWanted = options.trials ?? TUNE_DEFAULTS.trials;
    for (let i = 0; i < trialsWanted; i++) {
      const w: Weights = {};
      for (const n of names)
        w[n] =
          rng.next() < TUNE_DEFAULTS.zeroProbability
            ? 0
            : round(Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo))));
      if (!valid(w)) continue;
      const t = evaluate(w);
      if (better(t)) best = t;
    }
  } else {
    for (let round = 0; round < TUNE_DEFAULTS.rounds; round++) {
      let improved = false;
      for (const n of names) {
        const current = best.weights[n]!;
        const candidates = TUNE_DEFAULTS.multipliers.map((m) =>
          round4(m === 0 ? 0 : (current === 0 ? 1 : current) * m),
        );
        for (const value of candidates) {
          if (value === current) continue;
          const w = { ...best.weights, [n]: value };
          if (!valid(w)) continue;
          const t = evaluate(w);
          if (better(t)) {
            best = t;
            improved = true;
          }
        }
      }
      if (!improved) break;
    }
  }
  return { best, trials };
}

function pickWeights(names: string[], w: Weights): Weights {
  const out: Weights = {};
  for (const n of names) out[n] = w[n]!;
  return out;
}

function checked(score: number): number {
  if (!Number.isFinite(score))
    throw new OptionError(
      'objective',
      `the objective returned ${score}; it must return a finite number`,
    );
  return score;
}

function round(v: number): number {
  return Number(v.toPrecision(3));
}
function round4(v: number): number {
  return Number(v.toPrecision(4));
}
