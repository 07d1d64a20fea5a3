/**
 * Builds the engine's matchers from loaded inputs: the matcher options (`asOf`, `locale`,
 * reference data, interactions, `--profile`) are the same for every matching command.
 *
 * @module
 */
import type { MatcherOptions } from '../../engine/api.js';
import type { LocalizedText } from '../../i18n/locale.js';
import type { Profile } from '../../engine/types.js';
import type { TableColumn } from '../table.js';
import type { CliContext } from '../types.js';
import type { LoadedInputs } from './inputs.js';
import type { Enterprise, FinancialProduct, Investor, Project } from '../../model/types.js';

/**
 * Matcher options from the loaded reference files and `--profile`. The caller passes the
 * evaluation date it resolved (so it can print where it came from), and has skipped the
 * records the matchers would refuse for their references or dates (`skipUnreferenced`, when it
 * loaded them), so one such record does not stop the whole command.
 */
export function matcherOptions<S, T>(
  ctx: CliContext,
  inputs: LoadedInputs,
  asOf: string,
  profile: Profile<S, T> | undefined,
): MatcherOptions<Profile<S, T>> {
  return {
    asOf,
    locale: ctx.locale,
    ...(profile ? { profile } : {}),
    ...(inputs.chains ? { chains: inputs.chains.records } : {}),
    ...(inputs.zones ? { zones: inputs.zones.records } : {}),
    ...(inputs.institutions ? { institutions: inputs.institutions.records } : {}),
    ...(inputs.interactions ? { interactions: inputs.interactions.records } : {}),
    ...historyRecords(inputs, profile?.market),
  };
}

/**
 * With interactions, the loaded subjects and targets of the interactions' market are the
 * history the learned factors read (`subjects`, and `targets` for the indexes).
 */
function historyRecords(
  inputs: LoadedInputs,
  market: Profile<unknown, unknown>['market'] | undefined,
): {
  subjects?: readonly (Enterprise | Project)[];
  targets?: readonly (FinancialProduct | Investor)[];
} {
  const interactions = inputs.interactions?.records;
  if (!interactions || interactions.length === 0) return {};
  // The command's market decides; without a profile, the market most of the history is in.
  const investors = interactions.filter((i) => i.itemKind === 'investor').length;
  const projectInvestor =
    market !== undefined ? market === 'projectInvestor' : investors * 2 > interactions.length;
  const subjects = projectInvestor ? inputs.projects?.records : inputs.enterprises?.records;
  const targets = projectInvestor ? inputs.investors?.records : inputs.products?.records;
  return { ...(subjects ? { subjects } : {}), ...(targets ? { targets } : {}) };
}

/**
 * Runs `each` over `items`, with a progress report on stderr when there are more than one.
 * Yields to the event loop between items now and then so progress and output stream out.
 */
export async function forEachWithProgress<T>(
  ctx: CliContext,
  label: LocalizedText,
  items: readonly T[],
  each: (item: T) => void,
): Promise<void> {
  const progress = items.length > 1 ? ctx.progress(label, items.length) : undefined;
  let i = 0;
  for (const item of items) {
    each(item);
    progress?.update(++i);
    if (i % STREAM_YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  progress?.done();
}

/** What a ranking command prints for one subject in table format. */
export interface SubjectTable {
  /** The line above the table. */
  title: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly string[])[];
  /** Lines below the table (before the blank line that ends every subject). */
  footer?: readonly string[];
}

/** How a ranking command prints what it computed for a subject: a JSON line or a table. */
export interface SubjectPrinter<T, R> {
  /** The value of the JSON line (`--format json`). */
  json(subject: T, result: R): unknown;
  /** The titled table (`--format table`). */
  table(subject: T, result: R): SubjectTable;
  /**
   * The TREC run lines (`--format trec`, ranking commands only): the query id (the subject's
   * id) and the ranked documents.
   */
  trec?(subject: T, result: R): TrecQuery;
}

/** One query of a TREC run: its id and its ranked documents, best first. */
export interface TrecQuery {
  qid: string;
  results: readonly { docid: string; rank: number; score: number }[];
}

/**
 * The TREC run lines of one query, `qid Q0 docid rank score runtag` (trec_eval's format, read
 * by `finmatch evaluate --run`). Scores are written in full (`String(score)`), so evaluation
 * sees the same order; trec_eval orders tied scores by docid descending, not by our rank.
 */
export function trecLines(query: TrecQuery, runTag: string): string {
  return query.results
    .map((r) => `${query.qid} Q0 ${r.docid} ${r.rank} ${String(r.score)} ${runTag}\n`)
    .join('');
}

/**
 * For each subject, with progress (see {@link forEachWithProgress}): computes its result, then
 * prints it as one JSON line, or as a title line, a table, any footer lines and a blank line.
 */
export async function printEachSubject<T, R>(
  ctx: CliContext,
  label: LocalizedText,
  subjects: readonly T[],
  compute: (subject: T) => R,
  printer: SubjectPrinter<T, R>,
): Promise<void> {
  await forEachWithProgress(ctx, label, subjects, (subject) => {
    const result = compute(subject);
    if (ctx.format === 'trec' && printer.trec) {
      ctx.stdout.write(trecLines(printer.trec(subject, result), runTag(ctx)));
      return;
    }
    if (ctx.format === 'json') {
      ctx.printJsonLine(printer.json(subject, result));
      return;
    }
    const table = printer.table(subject, result);
    ctx.println(table.title);
    ctx.printTable(table.columns, table.rows);
    for (const line of table.footer ?? []) ctx.println(line);
    ctx.println();
  });
}

/** Subjects ranked between two yields to the event loop while streaming. */
const STREAM_YIELD_EVERY = 64;

/** `--run-tag`, checked: one TREC column, so no whitespace (exit 2 otherwise). */
function runTag(ctx: CliContext): string {
  const tag = ctx.string('run-tag') ?? 'finmatch';
  if (!/^\S+$/.test(tag))
    ctx.usageError(
      ctx.locale === 'en'
        ? `--run-tag must be one word without spaces, got ${JSON.stringify(tag)}`
        : `--run-tag 须为不含空白的单个词，收到 ${JSON.stringify(tag)}`,
    );
  return tag;
}
