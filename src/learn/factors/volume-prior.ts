/**
 * The `volumePrior` factor: how much the target has actually financed, time-decayed.
 *
 * @module
 */
import type { PairContext, TargetContext } from '../../engine/types.js';
import type { HistorySubject } from '../history/features.js';
import type { HistoryTarget, LearnedFactorOptions } from '../history/prepare.js';
import { defineLearnedFactor, type LearnedFactor } from './learned-factor.js';
import { CONSTANT_KEY, natsToValue } from './value-map.js';

const LABEL = { zh: '历史业务量', en: 'track record' };
const DESCRIPTION = {
  zh: '该机构过去获批/放款（投资）的数量，按时间衰减取对数',
  en: 'how much the target has approved or funded, time-decayed, on a log scale',
};

/**
 * Creates the `volumePrior` factor: `natsToValue(θ_prior · (log(volume + ½) − mean over
 * targets))`, where volume is the target's time-decayed weight of positive outcomes. It depends
 * on the target only, so it orders targets for every subject alike (popularity, learned from
 * outcomes and decayed). Abstains before `prepare` and without positive history; a target with
 * no history of its own gets the lowest prior.
 *
 * Fast path: a constant key with `uniformValue`: the value every subject gets with a target,
 * so prospecting keeps no table and no per-subject value for it, and bounds candidates with
 * the exact value.
 */
export function volumePriorFactor<S extends HistorySubject, T extends HistoryTarget>(
  options: LearnedFactorOptions = {},
): LearnedFactor<S, T> {
  return defineLearnedFactor<S, T>(
    {
      name: 'volumePrior',
      label: LABEL,
      description: DESCRIPTION,
      side: 'both',
      bind(model) {
        // The prior term as Float32, as when it was a one-component vector: the same values.
        const value = (target: T) => natsToValue(Math.fround(model.priorTerm(target.id)));
        return {
          key: CONSTANT_KEY,
          uniformValue: ({ target }: TargetContext<T>) => value(target),
          score: ({ target }: PairContext<S, T>) => value(target),
          reasons({ target, locale }: PairContext<S, T>): string[] {
            const evidence = model.evidence(target.id);
            const n = evidence?.pairs ?? 0;
            const halfLife = model.fit.halfLifeDays;
            const decay =
              locale === 'en'
                ? Number.isFinite(halfLife)
                  ? `, weighted by recency (half-life ${Math.round(halfLife)} days)`
                  : ''
                : Number.isFinite(halfLife)
                  ? `，按时间衰减（半衰期 ${Math.round(halfLife)} 天）`
                  : '';
            return [
              locale === 'en'
                ? `${n} funded or approved deal${n === 1 ? '' : 's'} before ${model.asOf}${decay}`
                : `${model.asOf} 前有 ${n} 笔获批/放款记录${decay}`,
            ];
          },
        };
      },
    },
    options,
  );
}
