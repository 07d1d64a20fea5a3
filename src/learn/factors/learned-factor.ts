/**
 * What the three outcome-learned factors share: validated options, one fitted model per
 * prepare context, abstention (with a constant fast-path key) before `prepare` or without
 * history, and the bound factor built from the model. Each factor file supplies only its name,
 * texts and `bind` — the arithmetic of its value, its fast-path hook and its reasons.
 *
 * @module
 */
import type {
  Factor,
  FactorSide,
  PairContext,
  PrepareContext,
  SubjectKey,
  SubjectVector,
  TargetContext,
  VectorHook,
} from '../../engine/types.js';
import type { LocalizedText } from '../../i18n/locale.js';
import type { HistorySubject } from '../history/features.js';
import type { OutcomeModel } from '../history/model.js';
import {
  outcomeModelFor,
  validateLearnedOptions,
  type HistoryTarget,
  type LearnedFactorOptions,
} from '../history/prepare.js';
import { CONSTANT_KEY } from './value-map.js';
import { specField } from '../../engine/part-spec.js';

/** A learned factor; after `prepare`, its fitted model is readable. */
export interface LearnedFactor<S, T> extends Factor<S, T> {
  /** The fitted outcome model, or `undefined` before `prepare` or without history. */
  readonly model: OutcomeModel | undefined;
}

/**
 * What a learned factor computes once it has a model: its value, its reasons and its fast-path
 * hook — a vector hook, or a key with the value every subject gets (a factor of the target
 * alone).
 */
export type LearnedBinding<S, T> = {
  score(ctx: PairContext<S, T>): number | null;
  reasons(ctx: PairContext<S, T>): string[];
} & (
  | { vectors: VectorHook<S, T, SubjectVector> }
  | { key: SubjectKey<S>; uniformValue(ctx: TargetContext<T>): number | null }
);

/** The definition of one learned factor. */
export interface LearnedFactorDefinition<S, T> {
  name: string;
  label: LocalizedText;
  description: LocalizedText;
  side: FactorSide;
  /** Whether a fitted model can serve this factor (default: any model with history). */
  usable?(model: OutcomeModel): boolean;
  bind(model: OutcomeModel): LearnedBinding<S, T>;
}

/** Builds a learned factor from its definition and (validated) options. */
export function defineLearnedFactor<S extends HistorySubject, T extends HistoryTarget>(
  definition: LearnedFactorDefinition<S, T>,
  options: LearnedFactorOptions,
): LearnedFactor<S, T> {
  const checked = validateLearnedOptions(options);
  const make = (model: OutcomeModel | undefined): LearnedFactor<S, T> => {
    const base = {
      name: definition.name,
      ...specField(definition.name, options),
      label: definition.label,
      description: definition.description,
      side: definition.side,
      model,
      prepare(ctx: PrepareContext<S, T>): Factor<S, T> {
        const fitted = outcomeModelFor(
          ctx as PrepareContext<HistorySubject, HistoryTarget>,
          checked,
        );
        return make(fitted && (definition.usable?.(fitted) ?? true) ? fitted : undefined);
      },
    };
    // Without history it abstains on every pair: a constant key keeps it on the fast path.
    if (!model) return { ...base, key: CONSTANT_KEY, score: () => null };
    return { ...base, ...definition.bind(model) };
  };
  return make(undefined);
}
