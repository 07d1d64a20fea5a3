/**
 * The `collaborative` factor: "enterprises like this one were funded by this product". It
 * fits a collaborative model on the platform's interactions in `prepare` and scores a pair by
 * the model's normalised preference.
 *
 * @module
 */
import { describeValue } from '../util/describe.js';
import { enumOption, readOptions } from '../util/options.js';
import type {
  Factor,
  MarketKind,
  PairContext,
  PrepareContext,
  VectorHook,
} from '../engine/types.js';
import type { Interaction } from '../model/types.js';
import { OptionError } from '../errors.js';
import { specField } from '../engine/part-spec.js';
import { embeddingDot, embeddingFit, fitAls, type AlsModel, type AlsOptions } from './als.js';
import { fitCooccurrence, type CooccurrenceOptions } from './cooccurrence.js';
import type { CollaborativeMethod, CollaborativeModel } from './types.js';

/**
 * The default method: implicit-feedback ALS, chosen by leave-one-out quality (hide each
 * subject's latest positive item, rank every item it has not used; `bench/collab.bench.mjs`,
 * default options of both methods, HR@10 / nDCG@10):
 *
 * | data (held-out subjects) | popularity | co-occurrence | ALS |
 * |---|---|---|---|
 * | Crunchbase 2013 US, latest round held out (3,015) | .048 / .024 | .057 / .034 | **.099 / .053** |
 * | Crunchbase 2013 US, latest pair held out (7,553) | .043 / .022 | .071 / .042 | **.076** / .042 |
 * | generated small, enterprise → product (367) | **.114 / .053** | .049 / .024 | .071 / .038 |
 * | generated small, project → investor (225) | .178 / .075 | **.307 / .151** | .227 / .122 |
 *
 * ALS wins on the real data, clearly so under the stricter protocol (the rest of the round is
 * hidden too, so co-investors of the same round cannot give the answer away). Co-occurrence
 * wins on the small generated investor market, fits 50–100× faster and updates exactly; pick
 * it with `method: 'cooccurrence'` when fit time or exact incremental updates matter more.
 */
export const DEFAULT_COLLABORATIVE_METHOD: CollaborativeMethod = 'als';

/** Options of {@link collaborativeFactor}. */
export interface CollaborativeFactorOptions {
  /** Which model `prepare` fits. Default {@link DEFAULT_COLLABORATIVE_METHOD}. */
  method?: CollaborativeMethod;
  /** Options of ALS (with `method: 'als'`). */
  als?: AlsOptions;
  /** Options of co-occurrence (with `method: 'cooccurrence'`). */
  cooccurrence?: CooccurrenceOptions;
  /**
   * Which market's interactions to learn from. Default: inferred in `prepare` as the item kind
   * (`product` or `investor`) whose interactions name the most of the targets' ids — or, when
   * `prepare` is given no targets (an index over subjects), of the subjects' ids; `product` on
   * a tie.
   */
  market?: MarketKind;
  /**
   * An already fitted model (kept up to date with `addInteractions`): `prepare` binds it
   * instead of fitting. Its items and subjects must be of this factor's market.
   */
  model?: CollaborativeModel;
}

/** The collaborative factor after `prepare`: the bound model is readable for updates. */
export interface CollaborativeFactor<
  S extends { id: string },
  T extends { id: string },
> extends Factor<S, T> {
  /** The fitted model, or `undefined` before `prepare`. */
  readonly model: CollaborativeModel | undefined;
  /**
   * Fast-path hook, when the bound model is ALS: subject vector = the subject's latent vector
   * pre-scaled by its normalisation ({@link AlsModel.subjectEmbedding}), target vector = the
   * item's, map = {@link embeddingFit}; `null` (abstain) for a subject or item without history.
   * `score` computes exactly this, so both paths give the same bits. Co-occurrence is not a dot
   * product of fixed vectors and declares no hook.
   *
   * Vectors are read when an index or catalogue is built: after `model.addInteractions`, build
   * it again (`score` sees the update at once).
   */
  readonly vectors: VectorHook<S, T> | undefined;
}

const ITEM_KIND: Record<MarketKind, Interaction['itemKind']> = {
  enterpriseProduct: 'product',
  projectInvestor: 'investor',
};

/**
 * Creates the `collaborative` factor. Before `prepare` (no history) it abstains on every pair.
 * After `prepare`, `score` is the model's preference in [0, 1] (per-subject max normalisation
 * by default: the subject's best item over the whole catalogue the model knows scores 1, so the
 * value does not depend on which targets are being ranked). It abstains (`null`) for a subject
 * or an item without history, so a new enterprise is ranked by its attributes alone.
 *
 * With ALS (the default) the value is the normalised score computed from Float32 vectors
 * ({@link AlsModel.subjectEmbedding}), the arithmetic of its fast-path `vectors` hook; it
 * differs from `model.score` (float64) by a few 1e-7 at most.
 *
 * `prepare` needs no targets: the model learns from every interaction of the market and
 * normalises over every item it knows, so an index over subjects (prepared once with no
 * targets) scores products it has never been shown.
 *
 * @example
 * const profile = { factors: [{ factor: collaborativeFactor(), weight: 0.2 }, …], … };
 * const bound = collaborativeFactor().prepare!({ targets: products, subjects, interactions, reference: {} });
 * bound.score({ subject, target, asOf, locale, reference }); // in [0, 1] or null
 */
export function collaborativeFactor<S extends { id: string }, T extends { id: string }>(
  factorOptions?: CollaborativeFactorOptions,
): CollaborativeFactor<S, T> {
  // A plain copy: the options are also the factor's spec.
  const options = {
    ...readOptions(factorOptions, ['method', 'als', 'cooccurrence', 'market', 'model']),
  } as CollaborativeFactorOptions;
  const method = enumOption<CollaborativeMethod>(
    options.method,
    'method',
    ['als', 'cooccurrence'],
    DEFAULT_COLLABORATIVE_METHOD,
  );
  if (options.market !== undefined)
    enumOption<MarketKind>(options.market, 'market', ['enterpriseProduct', 'projectInvestor']);
  for (const key of ['als', 'cooccurrence', 'model'] as const) {
    const v = options[key];
    if (v !== undefined && (v === null || typeof v !== 'object'))
      throw new OptionError(key, `${key} must be an object, received ${describeValue(v)}`);
  }
  return bind<S, T>(options, method, options.model);
}

function bind<S extends { id: string }, T extends { id: string }>(
  options: CollaborativeFactorOptions,
  method: CollaborativeMethod,
  model: CollaborativeModel | undefined,
): CollaborativeFactor<S, T> {
  const als = model && isAlsModel(model) ? model : undefined;
  const vectors: VectorHook<S, T> | undefined = als && {
    dimension: als.factors,
    subjectVector: (subject) => als.subjectEmbedding(subject.id),
    targetVector: (target) => als.itemEmbedding(target.id),
    map: embeddingFit,
  };
  return {
    name: 'collaborative',
    ...specField('collaborative', options),
    description: {
      zh: '协同信号：与该主体相似的企业/项目曾申请、获批或获得该产品/投资方的资金',
      en: 'collaborative signal: similar enterprises/projects applied for, were approved or funded by this target',
    },
    side: 'both',
    model,
    vectors,
    score(ctx: PairContext<S, T>) {
      if (als) {
        // The hook's arithmetic: map(dot) of the same Float32 vectors.
        const subject = als.subjectEmbedding(ctx.subject.id);
        const item = subject && als.itemEmbedding(ctx.target.id);
        return subject && item ? embeddingFit(embeddingDot(subject, item)) : null;
      }
      return model ? model.score(ctx.subject.id, ctx.target.id) : null;
    },
    prepare(ctx: PrepareContext<S, T>) {
      if (options.model) return bind<S, T>(options, method, options.model);
      const interactions = marketInteractions(ctx, options.market);
      const fitted =
        method === 'als'
          ? fitAls({ interactions, ...(options.als ? { options: options.als } : {}) })
          : fitCooccurrence({
              interactions,
              ...(options.cooccurrence ? { options: options.cooccurrence } : {}),
            });
      return bind<S, T>(options, method, fitted);
    },
  };
}

/** An ALS model with the Float32 embeddings (a hand-written model may claim `als` without them). */
function isAlsModel(model: CollaborativeModel): model is AlsModel {
  const candidate = model as Partial<AlsModel>;
  return (
    model.method === 'als' &&
    typeof candidate.factors === 'number' &&
    typeof candidate.subjectEmbedding === 'function' &&
    typeof candidate.itemEmbedding === 'function'
  );
}

/**
 * Keeps the interactions of one market: given, or inferred from the targets' ids (items), or,
 * without targets, from the subjects' ids.
 */
function marketInteractions<S extends { id: string }, T extends { id: string }>(
  ctx: PrepareContext<S, T>,
  market: MarketKind | undefined,
): Interaction[] {
  const interactions = ctx.interactions ?? [];
  let kind: Interaction['itemKind'];
  if (market) kind = ITEM_KIND[market];
  else {
    const byItem = ctx.targets.length > 0;
    const ids = new Set((byItem ? ctx.targets : (ctx.subjects ?? [])).map((e) => e.id));
    let products = 0;
    let investors = 0;
    for (const i of interactions) {
      if (!ids.has(byItem ? i.itemId : i.subjectId)) continue;
      if (i.itemKind === 'product') products++;
      else investors++;
    }
    kind = investors > products ? 'investor' : 'product';
  }
  return interactions.filter((i) => i.itemKind === kind);
}
