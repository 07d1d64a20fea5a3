/**
 * The `volumePrior` factor: how much the target has actually financed, time-decayed.
 *
 * @module
 */
import type { PairContext, VectorHook } from '../../engine/types.js';
import type { HistorySubject } from '../history/features.js';
import type { HistoryTarget, LearnedFactorOptions } from '../history/prepare.js';
import { defineLearnedFactor, type LearnedFactor } from './learned-factor.js';
import { natsToValue, UNIT_VECTOR } from './value-map.js';

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
 * Fast path: a one-component {@link VectorHook} (subject [1], target [prior term]).
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
        const vectors: VectorHook<S, T> = {
          dimension: 1,
          subjectVector: () => UNIT_VECTOR,
          targetVector: (target) => Float32Array.of(model.priorTerm(target.id)),
          map: natsToValue,
        };
        return {
          vectors,
          score({ target }: PairContext<S, T>) {
            // 1 × the Float32 prior term: the fast path's arithmetic.
            return natsToValue(Math.fround(model.priorTerm(target.id)));
          },
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
