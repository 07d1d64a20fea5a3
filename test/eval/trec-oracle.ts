/**
 * A test oracle: a line-by-line port of trec_eval 9's loops (usnistgov/trec_eval:
 * `form_res_rels.c`, `m_P.c`, `m_recall.c`, `m_success.c`, `m_recip_rank.c`, `m_map.c`,
 * `m_map_cut.c`, `m_ndcg_cut.c`, the query loop of `trec_eval.c` and `meas_avg.c`),
 * kept deliberately close to the C (variable names, index arithmetic, the level-walking
 * ideal DCG) so it shares no code or shortcut with src/eval. Used only to check
 * `evaluate` against trec_eval's definitions on random inputs.
 *
 * Inputs it does not cover, because trec_eval itself fails or reads uninitialised memory
 * on them: duplicate documents, and a query whose judgments are all negative.
 */

interface DocnoInfo {
  docno: string;
  sim: number;
  rank: number;
  rel: number;
}

interface ResRels {
  results_rel_list: number[];
  num_ret: number;
  num_rel: number;
  rel_levels: number[];
  num_rel_levels: number;
}

const RELVALUE_NONPOOL = -1;
const RELVALUE_UNJUDGED = -2;

/** C's strcmp on the UTF-8 bytes. */
function strcmp(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return Buffer.compare(x, y);
}

function formResRels(
  results: Record<string, number>,
  qrels: Record<string, number>,
  relevanceLevel: number,
  maxDocs: number,
): ResRels {
  const docno_info: DocnoInfo[] = Object.keys(results).map((docno) => ({
    docno,
    sim: results[docno]!,
    rank: 0,
    rel: 0,
  }));
  docno_info.sort((p1, p2) =>
    p1.sim > p2.sim ? -1 : p1.sim < p2.sim ? 1 : strcmp(p2.docno, p1.docno),
  );
  let num_results = docno_info.length;
  if (num_results > maxDocs) num_results = maxDocs;
  for (let i = 0; i < num_results; i++) docno_info[i]!.rank = i + 1;
  const top = docno_info.slice(0, num_results).sort((a, b) => strcmp(a.docno, b.docno));
  const text_qrels = Object.keys(qrels)
    .map((docno) => ({ docno, rel: qrels[docno]! }))
    .sort((a, b) => strcmp(a.docno, b.docno));
  let max_rel = text_qrels[0]!.rel;
  for (const q of text_qrels) if (max_rel < q.rel) max_rel = q.rel;
  const rel_levels = new Array<number>(max_rel + 1).fill(0);
  let qp = 0;
  for (let i = 0; i < num_results; i++) {
    while (qp < text_qrels.length && strcmp(text_qrels[qp]!.docno, top[i]!.docno) < 0) {
      if (text_qrels[qp]!.rel >= 0) rel_levels[text_qrels[qp]!.rel]!++;
      qp++;
    }
    if (qp >= text_qrels.length || strcmp(text_qrels[qp]!.docno, top[i]!.docno) > 0) {
      top[i]!.rel = RELVALUE_NONPOOL;
    } else {
      top[i]!.rel = text_qrels[qp]!.rel < 0 ? RELVALUE_UNJUDGED : text_qrels[qp]!.rel;
      if (text_qrels[qp]!.rel >= 0) rel_levels[text_qrels[qp]!.rel]!++;
      qp++;
    }
  }
  while (qp < text_qrels.length) {
    if (text_qrels[qp]!.rel >= 0) rel_levels[text_qrels[qp]!.rel]!++;
    qp++;
  }
  const results_rel_list = new Array<number>(num_results).fill(0);
  for (let i = 0; i < num_results; i++) results_rel_list[top[i]!.rank - 1] = top[i]!.rel;
  let num_rel = 0;
  let num_rel_levels = 0;
  for (let i = 0; i <= max_rel; i++) {
    if (rel_levels[i]) {
      num_rel_levels = i + 1;
      if (i >= relevanceLevel) num_rel += rel_levels[i]!;
    }
  }
  return { results_rel_list, num_ret: num_results, num_rel, rel_levels, num_rel_levels };
}

type Calc = (rr: ResRels, level: number) => number;

function cutMeasure(
  cutoff: number,
  atCut: (relSoFar: number, i: number, rr: ResRels) => number,
  zeroWithoutRel: boolean,
): Calc {
  return (rr, level) => {
    if (zeroWithoutRel && rr.num_rel === 0) return 0;
    let rel_so_far = 0;
    for (let i = 0; i < rr.num_ret; i++) {
      if (i === cutoff) return atCut(rel_so_far, i, rr);
      if (rr.results_rel_list[i]! >= level) rel_so_far++;
    }
    return atCut(rel_so_far, cutoff, rr);
  };
}

const P = (k: number): Calc => cutMeasure(k, (rel) => rel / k, false);
const recall = (k: number): Calc => cutMeasure(k, (rel, _i, rr) => rel / rr.num_rel, true);
const success = (k: number): Calc => cutMeasure(k, (rel) => (rel ? 1 : 0), false);

const recipRank: Calc = (rr, level) => {
  let i;
  for (i = 0; i < rr.num_ret; i++) if (rr.results_rel_list[i]! >= level) break;
  return i < rr.num_ret ? 1 / (i + 1) : 0;
};

const map: Calc = (rr, level) => {
  let rel_so_far = 0;
  let sum = 0;
  for (let i = 0; i < rr.num_ret; i++) {
    if (rr.results_rel_list[i]! >= level) {
      rel_so_far++;
      sum += rel_so_far / (i + 1);
    }
  }
  return rel_so_far ? sum / rr.num_rel : 0;
};

const mapCut =
  (cutoff: number): Calc =>
  (rr, level) => {
    if (rr.num_rel === 0) return 0;
    let rel_so_far = 0;
    let sum = 0;
    for (let i = 0; i < rr.num_ret; i++) {
      if (i === cutoff) return sum / rr.num_rel;
      if (rr.results_rel_list[i]! >= level) {
        rel_so_far++;
        sum += rel_so_far / (i + 1);
      }
    }
    return sum / rr.num_rel;
  };

const ndcgCut =
  (cutoff: number): Calc =>
  (rr) => {
    let value = 0;
    let sum = 0;
    let reached = false;
    for (let i = 0; i < rr.num_ret; i++) {
      if (i === cutoff) {
        value = sum;
        reached = true;
        break;
      }
      const gain = rr.results_rel_list[i]!;
      if (gain > 0) sum += gain / Math.log2(i + 2);
    }
    if (!reached) value = sum;
    let cur_lvl = rr.num_rel_levels - 1;
    let lvl_count = 0;
    let ideal_dcg = 0;
    for (let i = 0; ; i++) {
      lvl_count++;
      while (cur_lvl > 0 && lvl_count > rr.rel_levels[cur_lvl]!) {
        cur_lvl--;
        lvl_count = 1;
      }
      if (cur_lvl <= 0) break;
      if (i === cutoff) break;
      ideal_dcg += cur_lvl / Math.log2(i + 2);
    }
    return ideal_dcg > 0 ? value / ideal_dcg : value;
  };

/** Measures of the oracle, keyed by finmatch's canonical names. */
export function oracleMeasure(name: string): Calc {
  const m = /^([a-z]+)(?:@(\d+))?$/.exec(name);
  if (!m) throw new Error(name);
  const k = m[2] === undefined ? Number.MAX_SAFE_INTEGER : Number(m[2]);
  switch (m[1]) {
    case 'p':
      return P(k);
    case 'recall':
      return recall(k);
    case 'hit':
      return success(k);
    case 'mrr':
      return recipRank;
    case 'map':
      return m[2] === undefined ? map : mapCut(k);
    case 'ndcg':
      return ndcgCut(k);
    default:
      throw new Error(name);
  }
}

/** trec_eval's main loop: per-query values and means (`-c` via `complete`). */
export function oracleEvaluate(
  run: Record<string, Record<string, number>>,
  qrels: Record<string, Record<string, number>>,
  measures: readonly string[],
  options: { relevanceLevel?: number; complete?: boolean; maxDocs?: number } = {},
): { means: Record<string, number>; perQuery: Record<string, Record<string, number>> } {
  const level = options.relevanceLevel ?? 1;
  const qids = Object.keys(qrels).sort(strcmp);
  const perQuery: Record<string, Record<string, number>> = {};
  const sums: Record<string, number> = Object.fromEntries(measures.map((m) => [m, 0]));
  let num_queries = 0;
  for (const qid of qids) {
    let results = run[qid];
    if (results === undefined) {
      if (!options.complete) continue;
      results = {};
    }
    const rr = formResRels(results, qrels[qid]!, level, options.maxDocs ?? Number.MAX_SAFE_INTEGER);
    perQuery[qid] = {};
    for (const m of measures) {
      const v = oracleMeasure(m)(rr, level);
      perQuery[qid]![m] = v;
      sums[m]! += v;
    }
    num_queries++;
  }
  const divisor = options.complete ? qids.length : num_queries;
  const means = Object.fromEntries(measures.map((m) => [m, sums[m]! / divisor]));
  return { means, perQuery };
}
