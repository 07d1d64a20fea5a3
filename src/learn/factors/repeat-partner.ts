/**
 * The `repeatPartner` factor: the subject's own past deals with the target (relationship
 * lending, returning co-investors), exact and time-decayed.
 *
 * @module
 */
import type { PairContext, SparseVector, VectorHook } from '../../engine/types.js';
import type { HistorySubject } from '../history/features.js';
import type { OutcomeModel } from '../history/model.js';
import type { HistoryTarget, LearnedFactorOptions } from '../history/prepare.js';
import { defineLearnedFactor, type LearnedBinding, type LearnedFactor } from './learned-factor.js';
import { natsToValue } from './value-map.js';

const LABEL = { zh: '既往合作关系', en: 'repeat partner' };
const DESCRIPTION = {
  zh: '本主体过去是否获得过该机构的资金（按时间衰减）',
  en: 'whether the subject was financed by the target before (time-decayed)',
};

/**
 * Creates the `repeatPartner` factor: `natsToValue(θ_repeat · log(1 + decayed past positive
 * outcomes of this subject with this target))` — 0.5 for a target the subject has not dealt
 * with, more for its past partners. Abstains for a subject without history (a new enterprise
 * is ranked by the other factors), before `prepare` and without history.
 *
 * Fast path: a {@link VectorHook} over the targets with history — the subject vector holds the
 * θ-weighted log(1 + deals) per target, the target vector is its one-hot column; `score` adds
 * the same single Float32 term.
 */
export function repeatPartnerFactor<S extends HistorySubject, T extends HistoryTarget>(
  options: LearnedFactorOptions = {},
): LearnedFactor<S, T> {
  return defineLearnedFactor<S, T>(
    {
      name: 'repeatPartner',
      label: LABEL,
      description: DESCRIPTION,
      side: 'both',
      bind: (model) => bindRepeat<S, T>(model),
    },
    options,
  );
}

function bindRepeat<S extends HistorySubject, T extends HistoryTarget>(
  model: OutcomeModel,
): LearnedBinding<S, T> {
  const T = model.targetIndex.size;
  const weight = model.fit.repeatWeight;
  const zero = new Float32Array(T);
  const term = (deals: number) => Math.fround(weight * Math.log1p(deals));
  // Not remembered per subject: the fast paths encode a subject once (an index's build, each
  // ranking), and most subjects have no past partner (one map lookup).
  const subjectVector = (subject: S): SparseVector | null => {
    const partners = model.partnersOf(subject);
    let v: SparseVector | null = null;
    if (partners) {
      const entries = [...partners]
        .map(([targetId, deals]) => [model.targetIndex.get(targetId), deals] as const)
        .filter((e): e is readonly [number, number] => e[0] !== undefined)
        .sort((a, b) => a[0] - b[0]);
      v = {
        indices: Int32Array.from(entries.map((e) => e[0])),
        values: Float32Array.from(entries.map((e) => term(e[1]))),
      };
    }
    return v;
  };
  const targetVectors = new Map<string, Float32Array>();
  const vectors: VectorHook<S, T, SparseVector> = {
    dimension: T,
    subjectVector,
    targetVector(target) {
      const i = model.targetIndex.get(target.id);
      if (i === undefined) return zero;
      let v = targetVectors.get(target.id);
      if (!v) {
        v = new Float32Array(T);
        v[i] = 1;
        targetVectors.set(target.id, v);
      }
      return v;
    },
    map: natsToValue,
  };
  return {
    vectors,
    score({ subject, target }: PairContext<S, T>) {
      const partners = model.partnersOf(subject);
      if (!partners) return null;
      const deals = partners.get(target.id);
      return natsToValue(deals === undefined ? 0 : term(deals));
    },
    reasons({ subject, target, locale }: PairContext<S, T>): string[] {
      const partners = model.partnersOf(subject);
      if (!partners) return [];
      const deals = partners.get(target.id);
      if (deals === undefined)
        return [
          locale === 'en'
            ? `the subject has ${partners.size} past partner${partners.size === 1 ? '' : 's'}, not this one`
            : `本主体有 ${partners.size} 个既往合作机构，不含该机构`,
        ];
      return [
        locale === 'en'
          ? `dealt with this subject before (outcome-weighted, decayed: ${deals.toFixed(2)}; funded = 1, applied = 0.3, viewed = 0.05)`
          : `与本主体有过往来（按结果加权并衰减：${deals.toFixed(2)}；放款 = 1，申请 = 0.3，浏览 = 0.05）`,
      ];
    },
  };
}
