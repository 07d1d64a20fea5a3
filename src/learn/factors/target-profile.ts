/**
 * The `targetProfile` factor: how typical the subject is of the partners the target actually
 * financed, learned from outcomes (see `src/learn/history/model.ts`).
 *
 * @module
 */
import type { PairContext, SparseVector, VectorHook } from '../../engine/types.js';
import { EXPLAIN_TOP_FEATURES } from '../history/defaults.js';
import { describeFeatureValue, type HistorySubject } from '../history/features.js';
import type { OutcomeModel } from '../history/model.js';
import { targetInfo, type HistoryTarget, type LearnedFactorOptions } from '../history/prepare.js';
import { defineLearnedFactor, type LearnedBinding, type LearnedFactor } from './learned-factor.js';
import { natsToValue } from './value-map.js';

const LABEL = { zh: '历史合作画像', en: 'past-partner profile' };
const DESCRIPTION = {
  zh: '该机构过去实际资助的对象在行业、地区、阶段、规模等特征上与本主体的相似程度（按结果加权、分层平滑）',
  en: 'how typical the subject is of the partners the target actually financed (sector, region, stage, size…; outcome-weighted, hierarchically smoothed)',
};

/**
 * Creates the `targetProfile` factor. Before `prepare`, or when `prepare` is given no positive
 * outcome history with known subject records, it abstains on every pair. After `prepare` its
 * value is `natsToValue(Σ_f θ_f · log(P_target(x_f) / P_everyone(x_f)))`: 0.5 when the subject
 * is as typical of the target's past partners as of everyone's, higher when more typical.
 * Values are comparable across targets and subjects (a fixed map of a log-likelihood ratio).
 * A brand-new subject is scored from its features; a target without history backs off to its
 * institution, then its product type (investor kind), then everyone (0.5).
 *
 * Fast path: a {@link VectorHook} — the subject vector marks its leaves (1 at the finest known
 * level of each feature), the target vector holds per cell the θ-weighted log-lift summed over
 * its path, so one component per feature gives the feature's whole lift; `score` sums the same
 * Float32 components in the same order, so both paths give the same bits.
 *
 * @example
 * const f = targetProfileFactor().prepare!({ targets: products, subjects: pastEnterprises, interactions, reference: {}, asOf });
 */
export function targetProfileFactor<S extends HistorySubject, T extends HistoryTarget>(
  options: LearnedFactorOptions = {},
): LearnedFactor<S, T> {
  return defineLearnedFactor<S, T>(
    {
      name: 'targetProfile',
      label: LABEL,
      description: DESCRIPTION,
      side: 'both',
      // It needs the features of at least some history subjects.
      usable: (model) => model.vocabulary.values.length > 0,
      bind: (model) => bindProfile<S, T>(model),
    },
    options,
  );
}

function bindProfile<S extends HistorySubject, T extends HistoryTarget>(
  model: OutcomeModel,
): LearnedBinding<S, T> {
  const V = model.vocabulary.values.length;
  const zero = new Float32Array(V);
  const encoded = new WeakMap<object, { vector: SparseVector | null; leaves: Int32Array }>();
  // Sparse: a subject has one leaf per feature out of the whole vocabulary.
  const vectorOf = (leaves: Int32Array): SparseVector | null =>
    leaves.length > 0 ? { indices: leaves, values: onesOf(leaves.length) } : null;
  const encode = (subject: S) => {
    let e = encoded.get(subject);
    if (!e) {
      const leaves = model.leavesOf(subject);
      encoded.set(subject, (e = { vector: vectorOf(leaves), leaves }));
    }
    return e;
  };
  const targetVector = (target: T): Float32Array =>
    model.pathLiftVector(targetInfo(target)) ?? zero;
  const vectors: VectorHook<S, T, SparseVector> = {
    dimension: V,
    // Encoded once per subject by the fast paths (an index's build, each ranking), so not
    // remembered: a WeakMap entry per enterprise of an index is garbage-collector work for
    // nothing. What the reference path remembered is used.
    subjectVector: (subject) => {
      const e = encoded.get(subject);
      return e ? e.vector : vectorOf(model.leavesOf(subject));
    },
    targetVector: (target) => targetVector(target),
    map: natsToValue,
  };
  return {
    vectors,
    score({ subject, target }: PairContext<S, T>) {
      const { leaves } = encode(subject);
      if (leaves.length === 0) return null;
      const tv = targetVector(target);
      // The fast path's sparse dot product (1 × each leaf's Float32 path lift, ascending).
      let z = 0;
      for (let i = 0; i < leaves.length; i++) z += tv[leaves[i]!]!;
      return natsToValue(z);
    },
    reasons({ subject, target, locale }: PairContext<S, T>): string[] {
      const { leaves } = encode(subject);
      if (leaves.length === 0) return [];
      const tv = targetVector(target);
      const { featureOf, features, values } = model.vocabulary;
      // Each feature's total log-lift (its leaf's path sum) and its finest known value.
      const byFeature = new Map<number, { lift: number; cell: number }>();
      for (const c of leaves) byFeature.set(featureOf[c]!, { lift: tv[c]!, cell: c });
      const evidence = model.evidence(target.id);
      const en = locale === 'en';
      const ranked = [...byFeature.entries()]
        .filter(([, x]) => Math.abs(x.lift) >= 0.05)
        .sort((a, b) => Math.abs(b[1].lift) - Math.abs(a[1].lift) || a[0] - b[0])
        .slice(0, EXPLAIN_TOP_FEATURES);
      return ranked.map(([f, { lift, cell }]) => {
        const value = describeFeatureValue(values[cell]!, locale);
        const factor = Math.exp(lift);
        const times = factor >= 1 ? factor.toFixed(1) : (1 / factor).toFixed(1);
        const count = evidence ? evidence.cell(cell) : 0;
        const total = evidence ? evidence.pairs : 0;
        const past = evidence
          ? en
            ? `${count} of its ${total} past partners had ${value}`
            : `过去 ${total} 个合作对象中有 ${count} 个${value}`
          : en
            ? `no own history; from similar ${features[f]} history of its institution or type`
            : `无自身记录，参照同机构或同类产品的历史`;
        return en
          ? `${past}: ${factor >= 1 ? `${times}× more` : `${times}× less`} typical than for all targets (${lift >= 0 ? '+' : ''}${lift.toFixed(2)} nats)`
          : `${past}：比全部机构平均${factor >= 1 ? `高 ${times} 倍` : `低 ${times} 倍`}（${lift >= 0 ? '+' : ''}${lift.toFixed(2)} nats）`;
      });
    },
  };
}

const ONES = new Map<number, Float32Array>();
/** A shared read-only Float32Array of `n` ones. */
function onesOf(n: number): Float32Array {
  let v = ONES.get(n);
  if (!v) ONES.set(n, (v = new Float32Array(n).fill(1)));
  return v;
}
