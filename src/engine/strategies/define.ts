/**
 * `defineStrategy`: a ranking strategy from its kernel alone. The per-pair `combine` (with
 * contributions and the weights really used) is derived here from the same kernel the
 * columnar loop runs, so the two paths and the explanation cannot disagree.
 *
 * @module
 */
import type { LocalizedText } from '../../i18n/locale.js';
import { OptionError } from '../../errors.js';
import { describeValue } from '../../util/describe.js';
import { namedRecords, type NamedRecords } from '../../util/named-records.js';
import { functionOption, readOptions, stringOption } from '../../util/options.js';
import type {
  CombineContext,
  CombinedScore,
  KernelOutput,
  PartSpec,
  RankingStrategy,
  StrategyKernel,
} from '../types.js';

/** What {@link defineStrategy} is given. */
export interface StrategyDefinition {
  name: string;
  description: LocalizedText;
  /** How to rebuild the strategy from data (shipped strategies set it). */
  spec?: PartSpec;
  /** Binds the strategy to a profile's factor names: see {@link RankingStrategy.compile}. */
  compile(factorNames: readonly string[]): StrategyKernel;
}

/** Side codes of the kernel's `sides` array. */
const SIDE_CODE = { subject: 0, target: 1, both: 2 } as const;

/** A fresh {@link KernelOutput} for `n` factors and `sortKeyLength` sort-key entries. */
export function kernelOutput(n: number, sortKeyLength: number): KernelOutput {
  return {
    contributions: new Float64Array(n),
    weights: new Float64Array(n),
    sortKey: new Float64Array(sortKeyLength),
    sides: new Float64Array(2),
  };
}

/** The `combine` of each strategy {@link defineStrategy} made, to the `compile` it runs. */
const kernelCombines = new WeakMap<object, StrategyDefinition['compile']>();

/**
 * Whether `strategy.combine` is the one {@link defineStrategy} made for `strategy.compile`, so
 * that the kernel's per-pair form gives exactly what `combine` gives: false for a strategy
 * object whose `combine` or `compile` was replaced since (its `combine` is then called).
 */
export function combinesByKernel(strategy: RankingStrategy): boolean {
  const compile = kernelCombines.get(strategy.combine);
  return compile !== undefined && compile === strategy.compile;
}

/**
 * A {@link RankingStrategy} whose `combine` runs `compile(names)`'s kernel: the score, each
 * factor's contribution and the weight it used, the sort key and side scores all come from
 * one implementation. The kernel of the last factor list seen is reused.
 *
 * @throws `OptionError` on an unknown key, an empty name, a description without `zh` and `en`,
 * or a `compile` that is not a function.
 */
export function defineStrategy(definition: StrategyDefinition): RankingStrategy {
  const o = readOptions(definition, ['name', 'description', 'spec', 'compile'], 'definition');
  const name = stringOption(o.name, 'definition.name');
  const description = o.description as LocalizedText;
  if (
    description === null ||
    typeof description !== 'object' ||
    typeof description.zh !== 'string' ||
    typeof description.en !== 'string'
  )
    throw new OptionError(
      'definition.description',
      `description must be { zh, en } strings, received ${describeValue(description)}`,
    );
  const compile = functionOption<StrategyDefinition['compile']>(o.compile, 'definition.compile');
  if (!compile)
    throw new OptionError('definition.compile', 'a strategy needs compile(factorNames) → kernel');
  const spec = o.spec as PartSpec | undefined;
  // The kernel of the last factor list seen, with its scratch arrays: `combine` runs once per
  // ranked pair, so it allocates only the records it returns (built by generated literals).
  // Kernels of the last few lists are kept, by their names (a strategy shared by profiles
  // with different factors, alternating, binds each list once).
  let bound: Bound | null = null;
  const bounds = new Map<string, Bound>();
  const strategy: RankingStrategy = {
    name,
    description,
    ...(spec ? { spec } : {}),
    compile,
    combine({ factors, weights: withWeights = true }: CombineContext): CombinedScore {
      if (!bound || !sameNames(bound.names, factors)) bound = boundFor(bounds, compile, factors);
      // Read once: a kernel calling back into this strategy may bind another list meanwhile.
      const { names, kernel, values, nominal, sides, out, records } = bound;
      const n = names.length;
      for (let i = 0; i < n; i++) {
        const f = factors[i]!;
        values[i] = f.value === null ? NaN : f.value;
        nominal[i] = f.weight;
        sides[i] = SIDE_CODE[f.side];
      }
      const score = kernel.score(values, kernel.weights(nominal), sides, out);
      // Keys in this order: score, contributions, weights, sortKey, sides.
      const combined: CombinedScore = {
        score,
        contributions: records.contributions(out.contributions),
      };
      if (withWeights) combined.weights = records.contributions(out.weights);
      if (kernel.sortKeyLength > 0) combined.sortKey = Array.from(out.sortKey);
      if (kernel.twoSided) combined.sides = { subject: out.sides[0]!, target: out.sides[1]! };
      return combined;
    },
  };
  kernelCombines.set(strategy.combine, compile);
  return strategy;
}

/** A kernel bound to one factor list, with reusable scratch arrays. */
interface Bound {
  names: readonly string[];
  kernel: StrategyKernel;
  values: Float64Array;
  nominal: Float64Array;
  sides: Uint8Array;
  out: KernelOutput;
  /** Builds the records keyed by `names` (contributions, weights). */
  records: NamedRecords;
}

/** Factor lists a strategy keeps a bound kernel for (the least recently bound dropped). */
export const BOUND_FACTOR_LISTS = 8;

/** The bound kernel of `factors`' names: kept in `bounds`, or bound now and kept. */
function boundFor(
  bounds: Map<string, Bound>,
  compile: StrategyDefinition['compile'],
  factors: CombineContext['factors'],
): Bound {
  const key = JSON.stringify(factors.map((f) => f.name));
  let found = bounds.get(key);
  if (found === undefined) {
    found = bind(compile, factors);
    if (bounds.size >= BOUND_FACTOR_LISTS) bounds.delete(bounds.keys().next().value!);
  } else bounds.delete(key);
  bounds.set(key, found);
  return found;
}

function bind(compile: StrategyDefinition['compile'], factors: CombineContext['factors']): Bound {
  const names = factors.map((f) => f.name);
  const kernel = compile(names);
  const n = names.length;
  return {
    names,
    kernel,
    values: new Float64Array(n),
    nominal: new Float64Array(n),
    sides: new Uint8Array(n),
    out: kernelOutput(n, kernel.sortKeyLength),
    records: namedRecords(names),
  };
}

function sameNames(names: readonly string[], factors: CombineContext['factors']): boolean {
  if (names.length !== factors.length) return false;
  for (let i = 0; i < names.length; i++) if (names[i] !== factors[i]!.name) return false;
  return true;
}

/** The identity weight map of kernels that use the profile's weights as given. */
export const nominalWeights = (nominal: Float64Array): Float64Array => nominal;
