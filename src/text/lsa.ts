/**
 * Latent semantic analysis (LSA): a truncated SVD of the term–document TF–IDF matrix, so texts
 * that use related words (研发贷款 / 科技贷 / 技术改造) land near each other even without a
 * shared token.
 *
 * - **Matrix** A (terms × documents): entry = tf'(t, d) · idf(t) ({@link tfWeight},
 *   {@link smoothIdf}), each document column scaled to unit length so long descriptions do not
 *   dominate the factorisation.
 * - **Factorisation** A ≈ U_k Σ_k V_kᵀ with `ml-matrix` ({@link LsaAlgorithm}). `direct` runs
 *   `SingularValueDecomposition` on A itself: exact, but O(m·n²) and slow beyond a few hundred
 *   documents (24 s for 3,000 terms × 741 documents). `gram` decomposes the smaller Gram matrix
 *   (AᵀA, n × n, or AAᵀ, m × m, built from the sparse columns): its eigenvectors are the right
 *   (left) singular vectors and its eigenvalues the squared singular values; the other side
 *   follows as U = A V Σ⁻¹ (V = Aᵀ U Σ⁻¹). ml-matrix's symmetric eigen-decomposition still takes
 *   2–6 s at n = 741. `randomized` finds only the top k eigenpairs of AᵀA by subspace iteration,
 *   applying AᵀA as Aᵀ(A·X) on the sparse matrix (≈ 0.3 s at n = 741, k = 100; the top
 *   singular values agree with `gram` to 4–5 digits, the last few kept to ≈ 5 %). Squaring the
 *   matrix squares its condition number, so the smallest singular values lose precision, but
 *   those are the ones truncation discards.
 * - **Embeddings**: document d ↦ V_k[d]·Σ_k^p; a new text q (its TF–IDF vector over the
 *   training vocabulary) is folded in as q·U_k·Σ_k⁻¹·Σ_k^p, which maps a training document's
 *   own column exactly onto its embedding. With the default p = 1 the coordinates are weighted
 *   by the singular values (Deerwester et al. 1990). Vectors are L2-normalised `Float32Array`s,
 *   so text fit is a dot product.
 * - **Similarity** = max(0, cos): LSA coordinates can be negative, so the cosine is in [−1, 1];
 *   anti-correlated texts are as unrelated as orthogonal ones for matching, hence the clamp
 *   to [0, 1].
 *
 * The factorisation is fixed once built: {@link LsaModel.add} folds a new document in with the
 * training U, Σ and idf (no refit), which is how LSA indexes are updated between rebuilds.
 *
 * @module
 */
import { lazyRequire } from '../util/lazy-require.js';
import { OptionError, UnknownIdError } from '../errors.js';
import { DEFAULT_CACHE_LIMITS, createTextCache, type CacheStats } from './cache.js';
import {
  cachedSearch,
  createIndexCaches,
  termFrequencies,
  type SearchHit,
  type TextDocument,
  type TextIndexOptions,
} from './corpus.js';
import { DEFAULT_TFIDF_PARAMS, smoothIdf, tfWeight } from './tfidf.js';

type MlMatrixModule = typeof import('ml-matrix');

/** How the truncated SVD is computed; see the module comment. */
export type LsaAlgorithm =
  /**
   * `direct` when the matrix has at most {@link LSA_DIRECT_MAX_SIDE} documents or terms;
   * else `randomized` when k + oversampling is at most half the smaller side; else `gram`.
   */
  | 'auto'
  /** `SingularValueDecomposition` of the term–document matrix. */
  | 'direct'
  /** Complete eigen-decomposition of the smaller Gram matrix. */
  | 'gram'
  /** Top-k eigenpairs of the smaller Gram matrix by randomized subspace iteration ({@link LSA_RANDOMIZED}). */
  | 'randomized';

/** Largest smaller side of the matrix for which `auto` uses the direct SVD. */
export const LSA_DIRECT_MAX_SIDE = 200;

/**
 * Settings of the `randomized` algorithm (Halko, Martinsson & Tropp 2011): extra random
 * directions beyond k, power iterations (each sharpens the separation of the top k from the
 * rest) and the PRNG seed (fits are reproducible).
 */
export const LSA_RANDOMIZED = Object.freeze({ oversampling: 10, powerIterations: 4, seed: 0x5eed });

/** LSA tunables. */
export interface LsaOptions extends TextIndexOptions {
  /**
   * Latent dimensions k kept, ≥ 1. Capped by the matrix's numerical rank. Few dimensions merge
   * topics aggressively; many approach plain TF–IDF. Default 100 (Deerwester et al. used 100;
   * a few hundred products need no more).
   */
  dimensions: number;
  /** Terms found in fewer documents are left out of the vocabulary. Default 1 (keep all). */
  minDocumentFrequency: number;
  /** Exponent p of Σ in the embeddings, ≥ 0: 1 weights latent axes by importance, 0 treats them alike. Default 1. */
  singularValueExponent: number;
  /** SVD algorithm. Default `auto`. */
  algorithm: LsaAlgorithm;
  /** Use 1 + ln(tf). Default `true` (as {@link DEFAULT_TFIDF_PARAMS}). */
  sublinearTf: boolean;
}

/** Defaults of {@link LsaOptions}. */
export const DEFAULT_LSA_OPTIONS = Object.freeze({
  dimensions: 100,
  minDocumentFrequency: 1,
  singularValueExponent: 1,
  algorithm: 'auto',
  sublinearTf: DEFAULT_TFIDF_PARAMS.sublinearTf,
} satisfies Omit<LsaOptions, keyof TextIndexOptions>);

/** Cache statistics of an LSA model. */
export interface LsaCacheStats {
  /** Tokenised texts. */
  tokens: CacheStats;
  /** Folded-in texts (the factorisation is fixed, so never invalidated). */
  embeddings: CacheStats;
  /** Search results; cleared when a document is added or removed. */
  queries: CacheStats;
}

/** A fitted LSA model and the index of its documents' embeddings. */
export interface LsaModel {
  /** Latent dimensions actually kept (≤ the `dimensions` option). */
  readonly dimensions: number;
  /** The kept singular values, descending. */
  readonly singularValues: Float64Array;
  /** Training vocabulary size (rows of the matrix). */
  readonly vocabularySize: number;
  /** Live documents. */
  readonly size: number;
  has(id: string): boolean;
  /** The model's tokenizer, cached. */
  tokens(text: string): readonly string[];
  /** Unit-length embedding of a text (all zeros when it shares no term with the vocabulary). Cached. */
  embed(text: string): Float32Array;
  /** Unit-length embedding of a token list (not cached). */
  embedTokens(tokens: readonly string[]): Float32Array;
  /** The stored embedding of a document; throws for an unknown id. */
  embedding(docId: string): Float32Array;
  /** max(0, cos) of a text's embedding and a document's, in [0, 1]. */
  similarity(text: string, docId: string): number;
  /** The `k` most similar documents (similarity > 0), best first, ties by id. Cached. */
  search(query: string, k: number): SearchHit[];
  /** Folds a document in (no refit); clears the search cache. Throws on a duplicate id. */
  add(doc: TextDocument): void;
  /** Removes a document; clears the search cache. */
  remove(id: string): boolean;
  /**
   * ‖A − U_k Σ_k V_kᵀ‖_F on the training matrix: how much of the TF–IDF matrix the kept
   * dimensions explain. Costs O(terms · documents · k); meant for tuning and tests.
   */
  reconstructionError(): number;
  cacheStats(): LsaCacheStats;
}

/**
 * a·b of two embeddings, summed in float64 over the Float32 components for i = 0..n−1: the
 * order the fast path's `VectorHook` contract fixes, so a factor scoring through it and the
 * columnar loop give the same bits.
 */
export function embeddingDot(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}

/**
 * The text fit of a cosine: max(0, cos), capped at 1 (Float32 rounding can put the cosine of
 * two unit vectors a hair above 1). In [0, 1]. This is the `map` of the text factor's vector
 * hook.
 */
export function cosineFit(cosine: number): number {
  return cosine > 0 ? Math.min(1, cosine) : 0;
}

/** max(0, a·b) of two unit vectors: the text similarity used everywhere in finmatch, in [0, 1]. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  return cosineFit(embeddingDot(a, b));
}

const loadMlMatrix = lazyRequire<MlMatrixModule>('ml-matrix');

/** A sparse column of the term–document matrix: parallel term indices and weights. */
interface SparseColumn {
  rows: number[];
  values: number[];
}

/**
 * Fits an LSA model on `docs` (the training corpus, usually the target catalogue).
 *
 * @example
 * const lsa = createLsaModel(products, { dimensions: 50 });
 * lsa.similarity(enterprise.text, 'p1'); // in [0, 1]
 */
export function createLsaModel(
  docs: readonly TextDocument[],
  options: Partial<LsaOptions> = {},
): LsaModel {
  const o = resolveLsaOptions(options);
  const caches = createIndexCaches<SearchHit[]>(o, (hits) => hits.length);
  const limits = { ...DEFAULT_CACHE_LIMITS, ...o.cache };

  // Vocabulary and idf of the training corpus.
  const docTerms = docs.map((doc) => termFrequencies(caches.tokens(doc.text)));
  const documentFrequency = new Map<string, number>();
  for (const terms of docTerms)
    for (const term of terms.keys())
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const vocabulary = new Map<string, number>();
  const idf: number[] = [];
  for (const [term, df] of [...documentFrequency].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    if (df < o.minDocumentFrequency) continue;
    vocabulary.set(term, vocabulary.size);
    idf.push(smoothIdf(docs.length, df));
  }
  const columnOf = (terms: ReadonlyMap<string, number>): SparseColumn => {
    const column: SparseColumn = { rows: [], values: [] };
    let sumOfSquares = 0;
    for (const [term, tf] of terms) {
      const row = vocabulary.get(term);
      if (row === undefined) continue;
      const value = tfWeight(tf, o.sublinearTf) * (idf[row] as number);
      column.rows.push(row);
      column.values.push(value);
      sumOfSquares += value * value;
    }
    const norm = Math.sqrt(sumOfSquares);
    if (norm > 0)
      for (let i = 0; i < column.values.length; i++)
        column.values[i] = (column.values[i] as number) / norm;
    return column;
  };
  const columns = docTerms.map(columnOf);

  const svd = truncatedSvd(columns, vocabulary.size, o);
  const k = svd.sigma.length;
  const foldScale = new Float64Array(k);
  for (let j = 0; j < k; j++)
    foldScale[j] = (svd.sigma[j] as number) ** (o.singularValueExponent - 1);

  const normalize = (vector: Float64Array): Float32Array => {
    let sumOfSquares = 0;
    for (const x of vector) sumOfSquares += x * x;
    const norm = Math.sqrt(sumOfSquares);
    const out = new Float32Array(vector.length);
    if (norm > 0) for (let i = 0; i < vector.length; i++) out[i] = (vector[i] as number) / norm;
    return out;
  };
  const embedTokens = (tokens: readonly string[]): Float32Array => {
    const column = columnOf(termFrequencies(tokens));
    const folded = new Float64Array(k);
    for (let i = 0; i < column.rows.length; i++) {
      const offset = (column.rows[i] as number) * k;
      const value = column.values[i] as number;
      for (let j = 0; j < k; j++)
        folded[j] = (folded[j] as number) + value * (svd.u[offset + j] as number);
    }
    for (let j = 0; j < k; j++) folded[j] = (folded[j] as number) * (foldScale[j] as number);
    return normalize(folded);
  };

  const embeddings = new Map<string, Float32Array>();
  docs.forEach((doc, d) => {
    if (embeddings.has(doc.id))
      throw new OptionError('docs', `duplicate document id ${JSON.stringify(doc.id)}`);
    const row = new Float64Array(k);
    for (let j = 0; j < k; j++)
      row[j] = (svd.v[d * k + j] as number) * (svd.sigma[j] as number) ** o.singularValueExponent;
    embeddings.set(doc.id, normalize(row));
  });

  const embedCache = createTextCache<Float32Array>({ ...limits, sizeOf: (v) => v.length });
  const embed = (text: string): Float32Array =>
    embedCache.get(text, () => embedTokens(caches.tokens(text)));
  const embedding = (docId: string): Float32Array => {
    const vector = embeddings.get(docId);
    if (!vector)
      throw new UnknownIdError(docId, `document ${JSON.stringify(docId)} is not in the LSA index`);
    return vector;
  };

  return {
    dimensions: k,
    singularValues: Float64Array.from(svd.sigma),
    vocabularySize: vocabulary.size,
    get size() {
      return embeddings.size;
    },
    has: (id) => embeddings.has(id),
    tokens: caches.tokens,
    embed,
    embedTokens,
    embedding,
    similarity: (text, docId) => cosineSimilarity(embed(text), embedding(docId)),
    search(query, k) {
      return cachedSearch(caches, query, k, () => {
        const q = embed(query);
        const all: SearchHit[] = [];
        for (const [id, vector] of embeddings) {
          const score = cosineSimilarity(q, vector);
          if (score > 0) all.push({ id, score });
        }
        return all;
      });
    },
    add(doc) {
      if (embeddings.has(doc.id))
        throw new OptionError('docs', `duplicate document id ${JSON.stringify(doc.id)}`);
      embeddings.set(doc.id, embedTokens(caches.tokens(doc.text)));
      caches.queryCache.clear();
    },
    remove(id) {
      const removed = embeddings.delete(id);
      if (removed) caches.queryCache.clear();
      return removed;
    },
    reconstructionError() {
      let sumOfSquares = 0;
      columns.forEach((column, d) => {
        const dense = new Float64Array(vocabulary.size);
        for (let i = 0; i < column.rows.length; i++)
          dense[column.rows[i] as number] = column.values[i] as number;
        for (let t = 0; t < vocabulary.size; t++) {
          let approx = 0;
          for (let j = 0; j < k; j++)
            approx +=
              (svd.u[t * k + j] as number) *
              (svd.sigma[j] as number) *
              (svd.v[d * k + j] as number);
          sumOfSquares += ((dense[t] as number) - approx) ** 2;
        }
      });
      return Math.sqrt(sumOfSquares);
    },
    cacheStats: () => ({
      tokens: caches.tokenCache.stats(),
      embeddings: embedCache.stats(),
      queries: caches.queryCache.stats(),
    }),
  };
}

function resolveLsaOptions(options: Partial<LsaOptions>): LsaOptions {
  const o: LsaOptions = { ...DEFAULT_LSA_OPTIONS, ...options };
  if (!(Number.isInteger(o.dimensions) && o.dimensions >= 1))
    throw new OptionError(
      'dimensions',
      `dimensions must be a positive integer, received ${o.dimensions}`,
    );
  if (!(Number.isInteger(o.minDocumentFrequency) && o.minDocumentFrequency >= 1))
    throw new OptionError(
      'minDocumentFrequency',
      `minDocumentFrequency must be a positive integer, received ${o.minDocumentFrequency}`,
    );
  if (!(Number.isFinite(o.singularValueExponent) && o.singularValueExponent >= 0))
    throw new OptionError(
      'singularValueExponent',
      `singularValueExponent must be ≥ 0, received ${o.singularValueExponent}`,
    );
  if (!['auto', 'direct', 'gram', 'randomized'].includes(o.algorithm))
    throw new OptionError(
      'algorithm',
      `algorithm must be 'auto', 'direct', 'gram' or 'randomized', received ${JSON.stringify(o.algorithm)}`,
    );
  return o;
}

/** U (terms × k, row-major), σ (k, descending, > 0) and V (documents × k, row-major). */
interface TruncatedSvd {
  u: Float64Array;
  sigma: number[];
  v: Float64Array;
}

/** Relative threshold below which a singular value counts as zero (numerical rank). */
const RANK_TOLERANCE = 1e-9;

function truncatedSvd(
  columns: readonly SparseColumn[],
  termCount: number,
  o: LsaOptions,
): TruncatedSvd {
  const docCount = columns.length;
  if (docCount === 0 || termCount === 0)
    return { u: new Float64Array(0), sigma: [], v: new Float64Array(0) };
  const { Matrix, SingularValueDecomposition } = loadMlMatrix();
  const smallerSide = Math.min(docCount, termCount);
  const algorithm =
    o.algorithm !== 'auto'
      ? o.algorithm
      : smallerSide <= LSA_DIRECT_MAX_SIDE
        ? 'direct'
        : 2 * (o.dimensions + LSA_RANDOMIZED.oversampling) <= smallerSide
          ? 'randomized'
          : 'gram';

  let sigmaAll: number[];
  let left: (t: number, j: number) => number;
  let right: (d: number, j: number) => number;
  let order: number[];
  if (algorithm === 'direct') {
    const a = Matrix.zeros(termCount, docCount);
    columns.forEach((column, d) =>
      column.rows.forEach((t, i) => a.set(t, d, column.values[i] as number)),
    );
    const svd = new SingularValueDecomposition(a, { autoTranspose: true });
    sigmaAll = svd.diagonal;
    const u = svd.leftSingularVectors;
    const v = svd.rightSingularVectors;
    left = (t, j) => u.get(t, j);
    right = (d, j) => v.get(d, j);
    order = sigmaAll.map((_, j) => j);
  } else if (algorithm === 'randomized') {
    // AᵀA (documents × documents) = V Σ² Vᵀ, applied without forming it.
    const eigen = randomizedEigen(docCount, Math.min(o.dimensions, termCount), (x, l) =>
      gramTimes(columns, termCount, x, l),
    );
    sigmaAll = eigen.values.map((lambda) => Math.sqrt(Math.max(0, lambda)));
    right = eigen.vector;
    left = () => 0; // filled below as A V Σ⁻¹
    order = [];
  } else if (docCount <= termCount) {
    // AᵀA (documents × documents) = V Σ² Vᵀ.
    const dense = new Float64Array(docCount * docCount);
    const rowsOfTerm: { docs: number[]; values: number[] }[] = Array.from(
      { length: termCount },
      () => ({
        docs: [],
        values: [],
      }),
    );
    columns.forEach((column, d) =>
      column.rows.forEach((t, i) => {
        const row = rowsOfTerm[t] as { docs: number[]; values: number[] };
        row.docs.push(d);
        row.values.push(column.values[i] as number);
      }),
    );
    for (const { docs, values } of rowsOfTerm)
      for (let x = 0; x < docs.length; x++) {
        const offset = (docs[x] as number) * docCount;
        const vx = values[x] as number;
        for (let y = 0; y < docs.length; y++) {
          const at = offset + (docs[y] as number);
          dense[at] = (dense[at] as number) + vx * (values[y] as number);
        }
      }
    const eigen = completeEigen(dense, docCount);
    sigmaAll = eigen.values.map((lambda) => Math.sqrt(Math.max(0, lambda)));
    right = eigen.vector;
    left = () => 0; // filled below as A V Σ⁻¹
    order = [];
  } else {
    // AAᵀ (terms × terms) = U Σ² Uᵀ.
    const dense = new Float64Array(termCount * termCount);
    for (const { rows, values } of columns)
      for (let x = 0; x < rows.length; x++) {
        const offset = (rows[x] as number) * termCount;
        const vx = values[x] as number;
        for (let y = 0; y < rows.length; y++) {
          const at = offset + (rows[y] as number);
          dense[at] = (dense[at] as number) + vx * (values[y] as number);
        }
      }
    const eigen = completeEigen(dense, termCount);
    sigmaAll = eigen.values.map((lambda) => Math.sqrt(Math.max(0, lambda)));
    left = eigen.vector;
    right = () => 0; // filled below as Aᵀ U Σ⁻¹
    order = [];
  }
  if (order.length === 0)
    order = sigmaAll
      .map((_, j) => j)
      .sort((a, b) => (sigmaAll[b] as number) - (sigmaAll[a] as number));
  const largest = sigmaAll[order[0] as number] ?? 0;
  const kept = order
    .filter((j) => (sigmaAll[j] as number) > largest * RANK_TOLERANCE)
    .slice(0, o.dimensions);
  const k = kept.length;
  const sigma = kept.map((j) => sigmaAll[j] as number);
  const u = new Float64Array(termCount * k);
  const v = new Float64Array(docCount * k);

  if (algorithm === 'randomized' || (algorithm === 'gram' && docCount <= termCount)) {
    kept.forEach((j, c) => {
      for (let d = 0; d < docCount; d++) v[d * k + c] = right(d, j);
      const s = sigma[c] as number;
      columns.forEach((column, d) => {
        const vd = right(d, j) / s;
        column.rows.forEach(
          (t, i) => (u[t * k + c] = (u[t * k + c] as number) + (column.values[i] as number) * vd),
        );
      });
    });
  } else if (algorithm === 'gram') {
    kept.forEach((j, c) => {
      for (let t = 0; t < termCount; t++) u[t * k + c] = left(t, j);
      const s = sigma[c] as number;
      columns.forEach((column, d) => {
        let dot = 0;
        column.rows.forEach((t, i) => (dot += (column.values[i] as number) * left(t, j)));
        v[d * k + c] = dot / s;
      });
    });
  } else {
    kept.forEach((j, c) => {
      for (let t = 0; t < termCount; t++) u[t * k + c] = left(t, j);
      for (let d = 0; d < docCount; d++) v[d * k + c] = right(d, j);
    });
  }
  return { u, sigma, v };
}

/** Eigenvalues (any order) and eigenvector entries (row i, eigenvector j) of a symmetric matrix. */
interface SymmetricEigen {
  values: number[];
  vector: (i: number, j: number) => number;
}

/** Complete eigen-decomposition of a dense symmetric matrix (row-major `size × size`) with ml-matrix. */
function completeEigen(dense: Float64Array, size: number): SymmetricEigen {
  const { Matrix, EigenvalueDecomposition } = loadMlMatrix();
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(size, size, dense), {
    assumeSymmetric: true,
  });
  const vectors = evd.eigenvectorMatrix;
  return { values: evd.realEigenvalues, vector: (i, j) => vectors.get(i, j) };
}

/**
 * Top `k` eigenpairs of a symmetric PSD matrix G (`size × size`) given only X ↦ G·X, by
 * randomized subspace iteration (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.3): Q
 * spans the top eigenvectors after a few power iterations; the small l × l matrix QᵀGQ is then
 * decomposed exactly. With G = AᵀA applied as Aᵀ(A·X) on the sparse matrix, the cost is
 * O(nnz(A) · l) per iteration instead of O(n² · l).
 */
function randomizedEigen(
  size: number,
  k: number,
  multiply: (x: Float64Array, l: number) => Float64Array,
): SymmetricEigen {
  const { Matrix, EigenvalueDecomposition } = loadMlMatrix();
  const l = Math.min(size, k + LSA_RANDOMIZED.oversampling);
  const random = mulberry32(LSA_RANDOMIZED.seed);
  let q: Float64Array = new Float64Array(size * l);
  for (let i = 0; i < q.length; i++) q[i] = random() - 0.5;
  orthonormalizeColumns(q, size, l);
  for (let iteration = 0; iteration < LSA_RANDOMIZED.powerIterations; iteration++) {
    q = multiply(q, l);
    orthonormalizeColumns(q, size, l);
  }
  const gq = multiply(q, l);
  const small = new Float64Array(l * l);
  for (let a = 0; a < l; a++)
    for (let b = a; b < l; b++) {
      let sum = 0;
      for (let i = 0; i < size; i++) sum += (q[i * l + a] as number) * (gq[i * l + b] as number);
      // QᵀGQ is symmetric; fill both halves from one so rounding cannot break the symmetry.
      small[a * l + b] = sum;
      small[b * l + a] = sum;
    }
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(l, l, small), {
    assumeSymmetric: true,
  });
  const w = evd.eigenvectorMatrix;
  const basis = q;
  return {
    values: evd.realEigenvalues,
    vector: (i, j) => {
      let sum = 0;
      for (let c = 0; c < l; c++) sum += (basis[i * l + c] as number) * w.get(c, j);
      return sum;
    },
  };
}

/** AᵀA·X for the sparse columns of A (terms × documents) and X (documents × l), row-major. */
function gramTimes(
  columns: readonly SparseColumn[],
  termCount: number,
  x: Float64Array,
  l: number,
): Float64Array {
  const ax = new Float64Array(termCount * l);
  columns.forEach(({ rows, values }, d) => {
    for (let i = 0; i < rows.length; i++) {
      const offset = (rows[i] as number) * l;
      const value = values[i] as number;
      for (let c = 0; c < l; c++)
        ax[offset + c] = (ax[offset + c] as number) + value * (x[d * l + c] as number);
    }
  });
  const out = new Float64Array(columns.length * l);
  columns.forEach(({ rows, values }, d) => {
    for (let i = 0; i < rows.length; i++) {
      const offset = (rows[i] as number) * l;
      const value = values[i] as number;
      for (let c = 0; c < l; c++)
        out[d * l + c] = (out[d * l + c] as number) + value * (ax[offset + c] as number);
    }
  });
  return out;
}

/** Modified Gram–Schmidt on the columns of a row-major `rows × cols` matrix, in place. */
function orthonormalizeColumns(x: Float64Array, rows: number, cols: number): void {
  for (let c = 0; c < cols; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let i = 0; i < rows; i++)
        dot += (x[i * cols + c] as number) * (x[i * cols + p] as number);
      for (let i = 0; i < rows; i++)
        x[i * cols + c] = (x[i * cols + c] as number) - dot * (x[i * cols + p] as number);
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += (x[i * cols + c] as number) ** 2;
    norm = Math.sqrt(norm);
    // A column in the span of the previous ones (rank-deficient matrix) becomes zero.
    for (let i = 0; i < rows; i++)
      x[i * cols + c] = norm > 1e-12 ? (x[i * cols + c] as number) / norm : 0;
  }
}

/** Mulberry32: a small seeded PRNG, so randomized fits are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
