/**
 * A sweep's per-enterprise work, done on every sweeping thread: the calling thread and the
 * workers. A {@link SweepRanker} is given the catalogue and the profile as a spec once, then
 * chunks of enterprises — records as the caller gave them (structured-cloned to a worker) or a
 * byte range of a JSON Lines file it reads itself — which it
 *
 * 1. **loads** ({@link SweepRanker.load}): reads and parses (a file range), validates (unless the
 *    caller's records were validated already), encodes into the chunk's own code and number
 *    columns with its own key dictionaries, and answers the chunk's ids, so the calling thread
 *    can check order and uniqueness before any result goes out;
 * 2. **ranks** ({@link SweepRanker.rank}) the catalogue for every row of a loaded chunk into
 *    typed arrays ({@link RankedChunk}): product row numbers, scores, contributions when asked.
 *
 * A chunk loaded on one thread can be ranked on another ({@link SweepRanker.take},
 * {@link SweepRanker.adopt}): its columns go as transferred typed arrays, with the key
 * representatives the loading thread's dictionaries gained since it last sent that thread
 * any ({@link SweepRanker.repsSince}), so the receiving ranker's dictionaries give every key
 * the loader's id. A ranker that loads its own chunks keeps its own dictionaries: a key's values
 * are computed on one representative enterprise with that key, so rankers whose dictionaries
 * map the same keys to different ids rank exactly alike.
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { EncodingError } from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import type { Enterprise, FinancialProduct, IndustrialChain, SpecialZone } from '../model/types.js';
import { parseBatch } from '../model/parse.js';
import { JsonlChunkReader } from '../io/read.js';
import type { ParsedRecords } from '../io/types.js';
import { profileFromSpec, type ProfileSpec } from '../engine/profiles/spec.js';
import type { Profile } from '../engine/types.js';
import { CatalogueEngine } from '../compile/catalogue.js';
import { KeyDictionary } from '../compile/columns.js';
import { factorScoresOf, planProfile, type FastPlan } from '../compile/plan.js';
import { shardOf } from './shard.js';
import { JsonlRenderer } from './sweep-output.js';
import { fileVersionOf, sameVersion, type FileVersion } from './sweep-file.js';
import { referenceIssues, type ReferenceCheck } from '../engine/matchers/options.js';

/** What every ranker is given once (structured-clone friendly). */
export interface SweepSetup {
  spec: ProfileSpec;
  asOf: string;
  locale: Locale;
  chains: IndustrialChain[];
  zones: SpecialZone[];
  /** Sorted by id. */
  products: FinancialProduct[];
  k: number;
  /** Also compute each match's factor contributions (the strategy's explanation arithmetic). */
  contributions: boolean;
  /** Only the enterprises of this shard are ranked (all are still read and checked). */
  shard?: { index: number; count: number };
  /** Also write each ranked chunk's JSON lines (the `jsonl` output of `finmatch sweep`). */
  renderJsonl?: boolean;
}

/**
 * Where a chunk's enterprises come from: records (as given, or already validated by finmatch:
 * `trusted`), or the bytes [start, end) of a UTF-8 JSON Lines file, starting at a line
 * (`first`: at the start of the file, where a byte-order mark may stand).
 */
export type ChunkSource =
  | { records: readonly unknown[]; trusted: boolean }
  | { path: string; start: number; end: number; first: boolean; version: FileVersion };

/** A chunk loaded: its ids, or why it cannot be swept on this path. */
export interface LoadedChunk {
  chunk: number;
  /** Ids of every record of the chunk, in its order (all valid when `problem` is absent). */
  ids: string[];
  /** With a shard: positions (in `ids`) of the rows ranked; otherwise every row is. */
  kept?: Uint32Array;
  /** The ids are strictly ascending (so the calling thread checks only the chunks' ends). */
  ascending?: boolean;
  /**
   * Set when the chunk has a record this path does not sweep (a line that is not JSON, a
   * record that fails validation, an id used twice, or bytes that are not UTF-8): the caller
   * then reads the input the reference way, which reports every such record exactly.
   */
  problem?: string;
  /**
   * Set when the chunk's byte range was read from another version of the file than the one
   * split (moved over, written in place, truncated): no result of the sweep can be trusted to
   * come from one file, so it fails (a `FileError`) rather than mix or lose records.
   */
  changed?: true;
}

/**
 * The ranked rows of one chunk: row `i` (in the chunk's kept order) has `counts[i]` matches,
 * best first, stored consecutively in `products` (catalogue row numbers) and `scores`.
 */
export interface RankedChunk {
  chunk: number;
  counts: Uint32Array;
  products: Int32Array;
  scores: Float64Array;
  /** When asked: per match, one contribution per factor (profile order). */
  contributions?: Float64Array;
  /** When asked ({@link SweepSetup.renderJsonl}): the rows' JSON lines, one per row. */
  jsonl?: Uint8Array;
  /** With `jsonl`: the byte where each row's line ends. */
  lineEnds?: Uint32Array;
}

/**
 * Representatives of one key, for a ranker on another thread: those of the key's ids `from`,
 * `from + 1`, … of the sending ranker's dictionary.
 */
export interface KeyReps {
  from: number;
  reps: Enterprise[];
}

/** The profile of a setup, rebuilt from its spec, and its plan. */
export function planOf(
  setup: Pick<SweepSetup, 'spec' | 'asOf' | 'locale' | 'chains' | 'zones'>,
): FastPlan<Enterprise, FinancialProduct> {
  const reference = {
    chains: new Map(setup.chains.map((c) => [c.id, c])),
    zones: new Map(setup.zones.map((z) => [z.id, z])),
  };
  const profile = profileFromSpec(setup.spec, { market: 'enterpriseProduct' }) as Profile<
    Enterprise,
    FinancialProduct
  >;
  const plan = planProfile(profile, { asOf: setup.asOf, locale: setup.locale, reference });
  if (!plan) throw new Error('sweep: the profile has a part without fast-path hooks');
  return plan;
}

/**
 * A loaded chunk's rows in columns: one Uint32 code column per key (codes of the loading
 * ranker's dictionaries), one Float64 per numeric column.
 */
export interface EncodedChunk {
  rows: number;
  /** The rows' ids (read only to render lines: empty when a chunk is sent without them). */
  ids: readonly string[];
  codes: Uint32Array[];
  numbers: Float64Array[];
}

/** What {@link readRange} answers for a range of another version of the file than the one split. */
const FILE_CHANGED = Symbol('file changed');

/**
 * The records of a JSON Lines byte range, or why the reference reader must read it, or
 * {@link FILE_CHANGED} when the file is no longer the version split (it cannot be opened, is
 * shorter than the range, or has another {@link FileVersion} after the read): exactly
 * the rows `readRecordsFile` reads from those lines when none of them is reported — read by
 * the same {@link JsonlChunkReader}, its first line taken as the file's line 1 only for the
 * range at the file's start (the only place a byte-order mark is dropped).
 */
function readRange(
  source: Extract<ChunkSource, { path: string }>,
): unknown[] | string | typeof FILE_CHANGED {
  const length = source.end - source.start;
  const bytes = Buffer.allocUnsafe(length);
  let fd: number;
  try {
    fd = openSync(source.path, 'r');
  } catch {
    // It was opened to be split: gone since (moved away, deleted) or no longer readable.
    return FILE_CHANGED;
  }
  try {
    let at = 0;
    while (at < length) {
      const n = readSync(fd, bytes, at, length - at, source.start + at);
      if (n === 0) return FILE_CHANGED;
      at += n;
    }
    // Compared after the read: a write before or during it shows in the modification time.
    if (!sameVersion(fileVersionOf(fstatSync(fd)), source.version)) return FILE_CHANGED;
  } finally {
    closeSync(fd);
  }
  const reader = new JsonlChunkReader('utf8', source.path, source.first ? 1 : 2);
  let parsed: ParsedRecords;
  try {
    reader.push(bytes);
    parsed = reader.end();
  } catch (error) {
    if (error instanceof EncodingError) return 'bytes that are not UTF-8';
    throw error;
  }
  if (parsed.parseErrors.some((e) => e.code === 'invalid_encoding'))
    return 'bytes that are not UTF-8';
  if (parsed.parseErrors.length > 0) return 'a line that is not a JSON value';
  return parsed.rows;
}

/**
 * A worker's (or the calling thread's) share of a sweep: loads chunks into its own columns and
 * ranks them against the catalogue.
 */
export class SweepRanker {
  private readonly plan: FastPlan<Enterprise, FinancialProduct>;
  private readonly dicts: KeyDictionary<Enterprise>[];
  private readonly engine: CatalogueEngine<Enterprise, FinancialProduct>;
  private readonly loaded = new Map<number, EncodedChunk>();
  private readonly rowCodes: Uint32Array;
  private readonly rowNumbers: Float64Array;
  private readonly topRows: Int32Array;
  private readonly topScores: Float64Array;
  private readonly renderer: JsonlRenderer | undefined;
  /** The reference data and date every enterprise is checked against, as `rankProducts` does. */
  private readonly references: ReferenceCheck;

  constructor(private readonly setup: SweepSetup) {
    this.plan = planOf(setup);
    // The reference data the plan was made with.
    const { asOf, locale, reference } = this.plan.env;
    this.references = { market: 'enterpriseProduct', asOf, locale, ...reference };
    this.dicts = this.plan.keys.map((fn) => new KeyDictionary<Enterprise>(fn));
    this.engine = new CatalogueEngine(this.plan, setup.products, this.dicts);
    this.rowCodes = new Uint32Array(this.plan.keys.length);
    this.rowNumbers = new Float64Array(this.plan.columns.length);
    this.topRows = new Int32Array(setup.k);
    this.topScores = new Float64Array(setup.k);
    this.renderer = setup.renderJsonl
      ? new JsonlRenderer(
          setup.products.map((p) => p.id),
          this.plan.factorNames,
          setup.contributions,
        )
      : undefined;
  }

  /** Reads, validates and encodes chunk `chunk`, keeping its columns until it is ranked. */
  load(chunk: number, source: ChunkSource): LoadedChunk {
    let records: readonly unknown[];
    let trusted = false;
    if ('path' in source) {
      const read = readRange(source);
      if (read === FILE_CHANGED) return { chunk, ids: [], changed: true };
      if (typeof read === 'string') return { chunk, ids: [], problem: read };
      records = read;
    } else {
      records = source.records;
      trusted = source.trusted;
    }
    let subjects: Enterprise[];
    if (trusted) subjects = records as Enterprise[];
    else {
      const { records: valid, errors } = parseBatch('enterprise', records, {
        locale: this.setup.locale,
      });
      if (errors.length > 0) return { chunk, ids: [], problem: 'a record that is not valid' };
      subjects = valid;
    }
    let unreferenced = false;
    referenceIssues(this.references, { subjects }, () => (unreferenced = true));
    if (unreferenced)
      return {
        chunk,
        ids: [],
        problem: 'a record naming reference data not given, or dated after asOf',
      };
    const ids = subjects.map((s) => s.id);
    let ascending = true;
    for (let i = 1; i < ids.length && ascending; i++) ascending = ids[i - 1]! < ids[i]!;
    const { shard } = this.setup;
    let kept: Uint32Array | undefined;
    if (shard) {
      const positions: number[] = [];
      for (let i = 0; i < ids.length; i++)
        if (shardOf(ids[i]!, shard.count) === shard.index) positions.push(i);
      kept = Uint32Array.from(positions);
      subjects = positions.map((i) => subjects[i]!);
    }
    this.loaded.set(chunk, { ...this.encode(subjects), ids: subjects.map((s) => s.id) });
    return { chunk, ids, ascending, ...(kept ? { kept } : {}) };
  }

  /** Encodes rows: one key call per key and enterprise, one column call per numeric column. */
  private encode(subjects: readonly Enterprise[]): Omit<EncodedChunk, 'ids'> {
    const { env, columns } = this.plan;
    const { dicts } = this;
    const n = subjects.length;
    const codes = dicts.map(() => new Uint32Array(n));
    const numbers = columns.map(() => new Float64Array(n));
    for (let row = 0; row < n; row++) {
      const subject = subjects[row]!;
      for (let k = 0; k < dicts.length; k++) codes[k]![row] = dicts[k]!.intern(subject, env);
      for (let c = 0; c < columns.length; c++) numbers[c]![row] = columns[c]!.column(subject, env);
    }
    return { rows: n, codes, numbers };
  }

  /**
   * Loaded chunk `chunk`'s columns, forgotten here: for a ranker on another thread
   * ({@link SweepRanker.adopt}), with the representatives {@link SweepRanker.repsSince} gives.
   */
  take(chunk: number): EncodedChunk {
    const encoded = this.loaded.get(chunk);
    if (!encoded) throw new Error(`sweep: chunk ${chunk} was not loaded here`);
    this.loaded.delete(chunk);
    return encoded;
  }

  /**
   * Per key, the representatives of the keys this ranker's dictionaries gained since `counts`
   * (per key, how many the receiver already has), in id order; `counts` is brought up to date.
   */
  repsSince(counts: number[]): KeyReps[] {
    return this.dicts.map((dict, k) => {
      const from = counts[k] ?? 0;
      counts[k] = dict.size;
      return { from, reps: dict.reps.slice(from) };
    });
  }

  /**
   * Takes in a chunk another ranker loaded (its {@link SweepRanker.take}) to rank here as
   * `chunk`, with `keys` from its {@link SweepRanker.repsSince}: interned in the order given,
   * each representative gets the id it has there, so the chunk's codes mean here what they
   * meant there. A ranker that adopts chunks loads none itself (its ids would not be the
   * loader's).
   *
   * @throws when a representative would not get its loader's id (the two are out of step)
   */
  adopt(chunk: number, encoded: EncodedChunk, keys: readonly KeyReps[]): void {
    const { env } = this.plan;
    keys.forEach(({ from, reps }, k) => {
      const dict = this.dicts[k]!;
      for (let i = 0; i < reps.length; i++)
        if (dict.size !== from + i || dict.intern(reps[i]!, env) !== from + i)
          throw new Error(`sweep: key ${k}'s dictionary is out of step with the loading thread's`);
    });
    this.loaded.set(chunk, encoded);
  }

  /** Forgets every chunk loaded or adopted and not yet ranked (a sweep's leftovers). */
  forgetChunks(): void {
    this.loaded.clear();
  }

  /** Ranks every row of loaded chunk `chunk` (and forgets its columns). */
  rank(chunk: number): RankedChunk {
    const encoded = this.take(chunk);
    const { engine, plan, rowCodes, rowNumbers, topRows, topScores } = this;
    const { codes, numbers, rows } = encoded;
    const { k } = this.setup;
    const nF = plan.factorNames.length;
    const columnar = plan.strategy !== null;
    const counts = new Uint32Array(rows);
    // At most k matches per row: the arrays are sized once and trimmed at the end.
    const capacity = rows * k;
    const products = new Int32Array(capacity);
    const scores = new Float64Array(capacity);
    const contributions = this.setup.contributions ? new Float64Array(capacity * nF) : undefined;
    let p = 0;
    for (let row = 0; row < rows; row++) {
      for (let c = 0; c < codes.length; c++) rowCodes[c] = codes[c]![row]!;
      for (let c = 0; c < numbers.length; c++) rowNumbers[c] = numbers[c]![row]!;
      let count: number;
      if (columnar) {
        count = engine.rankInto(rowCodes, rowNumbers, [], k, topRows, topScores);
      } else {
        const ranked = engine.rank(rowCodes, rowNumbers, [], k);
        count = ranked ? ranked.length : -1;
        ranked?.forEach((r, i) => {
          topRows[i] = r.row;
          topScores[i] = r.score;
        });
      }
      if (count < 0) throw new Error('sweep: a factor returned an invalid value');
      counts[row] = count;
      for (let i = 0; i < count; i++, p++) {
        products[p] = topRows[i]!;
        scores[p] = topScores[i]!;
        if (contributions) {
          const values = engine.factorValues(rowCodes, rowNumbers, [], topRows[i]!);
          const c = plan.profile.strategy.combine({ factors: factorScoresOf(plan, values) });
          for (let f = 0; f < nF; f++)
            contributions[p * nF + f] = c.contributions[plan.factorNames[f]!] ?? 0;
        }
      }
    }
    const result: RankedChunk = {
      chunk,
      counts,
      products: p === capacity ? products : products.slice(0, p),
      scores: p === capacity ? scores : scores.slice(0, p),
      ...(contributions ? { contributions: contributions.slice(0, p * nF) } : {}),
    };
    if (this.renderer) {
      const offsets = new Uint32Array(rows + 1);
      for (let i = 0; i < rows; i++) offsets[i + 1] = offsets[i]! + counts[i]!;
      result.lineEnds = new Uint32Array(rows);
      result.jsonl = this.renderer.render(
        rows,
        (i) => encoded.ids[i]!,
        offsets,
        result.products,
        result.scores,
        result.contributions,
        result.lineEnds,
      );
    }
    return result;
  }
}

/**
 * One task for a sweeping thread: load a chunk, rank a chunk loaded there, both at once (a
 * chunk taken over from a busier thread), or rank the columns of a chunk the calling thread
 * loaded (`columns`, with the key representatives new to this thread: see
 * {@link SweepRanker.adopt}).
 */
export type SweepTask =
  | { load: number; source: ChunkSource }
  | { rank: number }
  | { full: number; source: ChunkSource }
  | { columns: number; encoded: EncodedChunk; keys: KeyReps[] };

/** What a thread answers to a {@link SweepTask}: the chunk loaded (or its problem), or ranked. */
export type SweepAnswer =
  { loaded: LoadedChunk; ranked?: never } | { ranked: RankedChunk; loaded?: never };

/**
 * A thread's rankers: one for the chunks it loads itself, one for the chunks loaded on the
 * calling thread (whose dictionaries follow the calling thread's), each made when first needed.
 */
export class SweepRankers {
  private ownRanker: SweepRanker | undefined;
  private adoptingRanker: SweepRanker | undefined;

  constructor(private readonly setup: SweepSetup) {}

  /** The ranker of the chunks this thread loads. */
  get own(): SweepRanker {
    return (this.ownRanker ??= new SweepRanker(this.setup));
  }

  /** The ranker of the chunks another thread loaded. */
  get adopting(): SweepRanker {
    return (this.adoptingRanker ??= new SweepRanker(this.setup));
  }

  /**
   * Readies the rankers for another sweep of the same setup: the chunks of the last one are
   * forgotten; the dictionaries and the catalogue's filled tables stay.
   */
  reset(): void {
    this.ownRanker?.forgetChunks();
    this.adoptingRanker?.forgetChunks();
  }
}

/** Runs `task` on `rankers` — the same on a worker and on the calling thread. */
export function runTask(rankers: SweepRankers, task: SweepTask): SweepAnswer {
  if ('columns' in task) {
    const ranker = rankers.adopting;
    ranker.adopt(task.columns, task.encoded, task.keys);
    return { ranked: ranker.rank(task.columns) };
  }
  const ranker = rankers.own;
  if ('load' in task) return { loaded: ranker.load(task.load, task.source) };
  if ('rank' in task) return { ranked: ranker.rank(task.rank) };
  const loaded = ranker.load(task.full, task.source);
  return loaded.problem ? { loaded } : { ranked: ranker.rank(task.full) };
}

/** An error's stack (or message): how a thread's failure is said, on a worker or this thread. */
export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
