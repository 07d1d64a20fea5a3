/**
 * Reading the data files of a matching command: every file is validated, bad records are
 * reported on stderr (file, line, id, field path, message) and skipped, and the good ones are
 * returned. Also resolves `--k`, `--as-of` and the ids named with `--id`.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { ValidationError, type ValidationIssue } from '../../errors.js';
import { referenceIssues } from '../../engine/matchers/options.js';
import { pick, type Locale } from '../../i18n/locale.js';
import { describeValue } from '../../util/describe.js';
import { UsageError } from '../usage-error.js';
import { basename, dirname, join } from 'node:path';
import type { LoadError } from '../../io/load.js';
import type { RecordByKind } from '../../model/types.js';
import type { CliContext } from '../types.js';
import { DATA_FILE_KINDS, DEFAULT_CLI_K, type DataFileOption } from './options.js';
import { isStdin, loadRecordsWithProgress } from '../stdin.js';
import { DATE_EXPECTED, isCalendarDate, todayUtc } from '../../util/dates.js';

/** Name of the manifest `finmatch generate` writes beside the data files. */
const MANIFEST_FILE = 'manifest.json';

/** Bad records listed one by one per file; the rest are counted. */
export const MAX_BAD_RECORDS_REPORTED = 20;

/** The records of one data file after validation. */
export interface LoadedFile<T> {
  /** The path given on the command line. */
  path: string;
  /** Valid records, in file order. */
  records: T[];
  /** The line each record starts on, parallel to `records`. */
  lines: number[];
  /** Invalid lines, reported and skipped. */
  errors: LoadError[];
  /** The run's locale, for messages about the file. */
  locale: Locale;
  /**
   * The file was read for the records `--id` names only (see {@link idLookup}): `records`
   * and `errors` are those records' and their lines', not the whole file's.
   */
  lookup?: boolean;
}

/** Ids to read a data file for, by option: the file's other records are not read. */
export type IdLookups = Partial<Record<DataFileOption, readonly string[]>>;

/**
 * The lookup of a command whose `--id` names records of `option`'s file (`rank`, `bundles`:
 * enterprises; `prospect`: products; `match`: projects, investors with `--reverse`;
 * `explain`: its subject): that file is read for them only — in JSON Lines, the other lines
 * are not even parsed, and their problems not reported — unless the command reads all of it
 * anyway: without `--id`, and with `--interactions`, whose history is the file's every
 * record. A lookup that does not find an id reads the whole file (see {@link loadInputs}).
 */
export function idLookup(
  ctx: CliContext,
  option: DataFileOption,
  ids = ctx.strings('id'),
): IdLookups {
  // An empty id names no record: the whole file is read, and lookupIds says so.
  if (ids.length === 0 || ids.includes('') || ctx.string('interactions') !== undefined) return {};
  return { [option]: ids };
}

/** Records read from the data files, by option name; absent when the option was not given. */
export type LoadedInputs = {
  [O in DataFileOption]?: LoadedFile<RecordByKind[(typeof DATA_FILE_KINDS)[O]]>;
};

/**
 * Reads and validates the files named by `options` (those given on the command line), in
 * order, with progress on stderr. Every bad record is reported on stderr and skipped. A file
 * in `lookups` is read for the records with those ids (and their problems) only; if one of
 * them is neither among its valid records nor reported invalid, the whole file is read
 * instead, so that the error naming it says what the whole file holds.
 */
export async function loadInputs(
  ctx: CliContext,
  options: readonly DataFileOption[],
  lookups: IdLookups = {},
): Promise<LoadedInputs> {
  const out: LoadedInputs = {};
  for (const option of options) {
    const path = ctx.string(option);
    if (path === undefined) continue;
    const kind = DATA_FILE_KINDS[option];
    const load = (ids: readonly string[] | undefined) =>
      loadRecordsWithProgress(
        ctx,
        kind,
        path,
        { zh: `校验 --${option}`, en: `validating --${option}` },
        ids !== undefined ? { ids } : {},
      );
    // Standard input is read whole (it is parsed by this command, once).
    const ids = isStdin(path) ? undefined : lookups[option];
    let result = await load(ids);
    let lookup = ids !== undefined;
    // An id the lookup found neither valid nor invalid: the whole file is read, so the error
    // says why as it always has (the wrong file, a record on an unreadable line…).
    if (ids !== undefined && !foundAll(result, ids)) {
      result = await load(undefined);
      lookup = false;
    }
    reportBadRecords(ctx, path, result.errors);
    // Each branch assigns the loaded file under its own option; the kinds match by construction.
    (out as Record<string, LoadedFile<unknown>>)[option] = {
      path,
      records: result.records,
      lines: result.lines,
      errors: result.errors,
      locale: ctx.locale,
      ...(lookup ? { lookup } : {}),
    };
  }
  return out;
}

/** Whether every id in `ids` is a record of `result`, valid or reported invalid. */
function foundAll(
  result: { records: readonly { id: string }[]; errors: readonly LoadError[] },
  ids: readonly string[],
): boolean {
  const found = new Set<string>();
  for (const r of result.records) found.add(r.id);
  for (const e of result.errors) if (e.id !== undefined) found.add(e.id);
  return ids.every((id) => found.has(id));
}

/** Writes each bad record of `path` on stderr: `file:line id path: message (skipped)`. */
export function reportBadRecords(
  ctx: CliContext,
  path: string,
  errors: readonly LoadError[],
): void {
  if (errors.length === 0) return;
  ctx.skipped(errors.length);
  const en = ctx.locale === 'en';
  const file = isStdin(path) ? ctx.t('<标准输入>', '<stdin>') : basename(path);
  for (const error of errors.slice(0, MAX_BAD_RECORDS_REPORTED)) {
    // One line per issue: an id that is empty or holds a line break or tab is shown quoted
    // and escaped (JSON), so it cannot split the report or vanish from it.
    const id =
      error.id === undefined
        ? '—'
        : /^$|[\t\n\r]/.test(error.id)
          ? JSON.stringify(error.id)
          : error.id;
    for (const issue of error.issues) {
      ctx.stderr.write(
        `${file}:${error.line} ${id} ${issue.path || '—'}: ${issue.message}${en ? ' (skipped)' : '（已跳过）'}\n`,
      );
    }
  }
  const more = errors.length - MAX_BAD_RECORDS_REPORTED;
  if (more > 0) {
    ctx.stderr.write(
      en ? `${file}: … and ${more} more bad records\n` : `${file}：另有 ${more} 条无效记录\n`,
    );
  }
  ctx.stderr.write(
    en
      ? `${file}: ${errors.length} bad record${errors.length === 1 ? '' : 's'} skipped; the valid ones are used.\n`
      : `${file}：跳过 ${errors.length} 条无效记录，其余有效记录照常处理。\n`,
  );
}

/** Which of {@link skipUnreferenced}'s checks a command needs. */
export interface ReferenceChecks {
  /**
   * The products are a matcher's catalogue: each `combinesWith` must name one of them (a
   * product matcher checks it; prospecting, which ranks one product at a time, does not).
   * Default true.
   */
  catalogue?: boolean;
  /**
   * The interactions are all history, none dated after `asOf` (default true); `tune` scores
   * its judgments on the later ones and checks its history itself.
   */
  interactions?: boolean;
}

/**
 * Reports every loaded record that names reference data the loaded files do not hold, or is
 * dated after `asOf` — what the matchers refuse (`referenceIssues`): an enterprise founded or
 * certified after `asOf` or naming an unknown chain or zone, a project naming an unknown chain,
 * a product naming an unknown institution, chain, zone or (with `catalogue`) combined product,
 * an interaction dated after `asOf` — on stderr as bad records are reported, and removes it
 * from `inputs`: the command goes on with the others, and exits 1. A check needs its reference
 * file: without `--chains`, chains are not checked. Skipping a product may leave another
 * combining with it: the check repeats until nothing more is skipped, so running it again
 * finds nothing. Call it once `asOf` is known, before reading the records.
 */
export function skipUnreferenced(
  ctx: CliContext,
  inputs: LoadedInputs,
  asOf: string,
  checks: ReferenceChecks = {},
): void {
  while (skipUnreferencedOnce(ctx, inputs, asOf, checks));
}

/** One pass of {@link skipUnreferenced}; whether it skipped any record. */
function skipUnreferencedOnce(
  ctx: CliContext,
  inputs: LoadedInputs,
  asOf: string,
  checks: ReferenceChecks,
): boolean {
  const { catalogue = true, interactions = true } = checks;
  const map = <R extends { id: string }>(file: LoadedFile<R> | undefined) =>
    file ? new Map(file.records.map((r) => [r.id, r])) : undefined;
  const reference = {
    asOf,
    locale: ctx.locale,
    chains: map(inputs.chains),
    zones: map(inputs.zones),
    institutions: map(inputs.institutions),
  };
  // Issues by file and record.
  const found = new Map<LoadedFile<{ id: string }>, Map<string, ValidationIssue[]>>();
  const fileOf: Record<string, LoadedFile<{ id: string }> | undefined> = {
    enterprise: inputs.enterprises,
    project: inputs.projects,
    product: inputs.products,
    interaction: inputs.interactions,
  };
  const report = (kind: string, issue: ValidationIssue) => {
    const file = fileOf[kind];
    if (!file || issue.recordId === undefined) return;
    const byRecord = found.get(file) ?? new Map<string, ValidationIssue[]>();
    found.set(file, byRecord);
    byRecord.set(issue.recordId, [...(byRecord.get(issue.recordId) ?? []), issue]);
  };
  const products = inputs.products;
  referenceIssues(
    { ...reference, market: 'enterpriseProduct' },
    {
      subjects: inputs.enterprises?.records ?? [],
      targets: products?.records ?? [],
      // A product's combined products are looked up in the whole catalogue only.
      ...(catalogue && products && !products.lookup ? { catalogue: products.records } : {}),
      ...(interactions ? { interactions: inputs.interactions?.records ?? [] } : {}),
    },
    report,
  );
  referenceIssues(
    { ...reference, market: 'projectInvestor' },
    { subjects: inputs.projects?.records ?? [] },
    report,
  );
  for (const [file, byRecord] of found) {
    const errors: LoadError[] = [];
    const keep: number[] = [];
    file.records.forEach((r, i) => {
      const issues = byRecord.get(r.id);
      if (issues) errors.push({ line: file.lines[i]!, id: r.id, issues });
      else keep.push(i);
    });
    reportBadRecords(ctx, file.path, errors);
    file.records = keep.map((i) => file.records[i]!);
    file.lines = keep.map((i) => file.lines[i]!);
    // Among the file's bad lines, so an --id naming one says it was skipped and why.
    file.errors = [...file.errors, ...errors].sort((a, b) => a.line - b.line);
  }
  return found.size > 0;
}

/** Where the evaluation date came from. */
export type AsOfSource = 'option' | 'manifest' | 'today';

/**
 * The evaluation date: `--as-of` when given; otherwise the `asOf` of a `manifest.json` in the
 * directory of the first data file that has one (what `finmatch generate` wrote, so rankings of
 * a generated market are reproducible); otherwise today (UTC).
 */
export async function resolveAsOf(
  ctx: CliContext,
  options: readonly DataFileOption[],
): Promise<{ asOf: string; source: AsOfSource }> {
  const given = ctx.string('as-of');
  if (given !== undefined) return { asOf: given, source: 'option' };
  const seen = new Set<string>();
  for (const option of options) {
    const path = ctx.string(option);
    if (path === undefined || isStdin(path)) continue;
    const dir = dirname(path);
    if (seen.has(dir)) continue;
    seen.add(dir);
    const asOf = await manifestAsOf(ctx, join(dir, MANIFEST_FILE));
    if (asOf !== undefined) return { asOf, source: 'manifest' };
  }
  return { asOf: todayUtc(), source: 'today' };
}

/**
 * The `asOf` of the manifest at `path`; `undefined` when there is none. A manifest that is
 * there but unreadable, not JSON or without a real date is an error: silently ranking as of
 * today instead would change every result.
 */
async function manifestAsOf(ctx: CliContext, path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    const code = (error as { code?: unknown }).code;
    throw new UsageError(
      ctx.t(
        `无法读取 ${path}（${String(code ?? '')}）；请修正该文件或指定 --as-of`,
        `${path} cannot be read (${String(code ?? (error as Error).message)}); fix it or pass --as-of`,
      ),
    );
  }
  let asOf: unknown;
  try {
    asOf = (JSON.parse(text) as { asOf?: unknown } | null)?.asOf;
  } catch (error) {
    throw new UsageError(
      ctx.t(
        `${path} 不是有效的 JSON（${(error as Error).message}）；请修正该文件或指定 --as-of`,
        `${path} is not valid JSON (${(error as Error).message}); fix it or pass --as-of`,
      ),
    );
  }
  if (asOf === undefined) return undefined;
  if (typeof asOf !== 'string' || !isCalendarDate(asOf))
    throw new UsageError(
      ctx.t(
        `${path}：asOf 须为${DATE_EXPECTED.zh}，收到 ${describeValue(asOf)}；请修正该文件或指定 --as-of`,
        `${path}: asOf must be ${DATE_EXPECTED.en}, received ${describeValue(asOf)}; fix it or pass --as-of`,
      ),
    );
  return asOf;
}

/** `--k` as a positive integer (exit 2 otherwise). */
export function resolveK(ctx: CliContext): number {
  const raw = ctx.string('k') ?? String(DEFAULT_CLI_K);
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw)))
    ctx.usageError(
      ctx.t(
        `--k 须为不超过 ${Number.MAX_SAFE_INTEGER} 的正整数，收到 ${JSON.stringify(raw)}`,
        `--k must be a positive integer of at most ${Number.MAX_SAFE_INTEGER}, got ${JSON.stringify(raw)}`,
      ),
    );
  return Number(raw);
}

/**
 * Looks up the records named by ids (`--id`, `--enterprise`…). An unknown id stops the command
 * with exit 2 and says whether the id was on a bad (skipped) line of the file.
 */
export function lookupIds<T extends { id: string }>(
  ctx: CliContext,
  file: LoadedFile<T>,
  ids: readonly string[],
  noun: { zh: string; en: string },
): T[] {
  const byId = new Map(file.records.map((r) => [r.id, r]));
  return ids.map((id) => {
    const record = byId.get(id);
    if (record) return record;
    const bad = file.errors.find((e) => e.id === id);
    const en = ctx.locale === 'en';
    const where = basename(file.path);
    return ctx.usageError(
      bad
        ? en
          ? `${noun.en} id ${JSON.stringify(id)} is on line ${bad.line} of ${where}, which is invalid and was skipped`
          : `${noun.zh} id ${JSON.stringify(id)} 位于 ${where} 第 ${bad.line} 行，该记录无效，已跳过`
        : en
          ? `unknown ${noun.en} id ${JSON.stringify(id)}: not among the ${file.records.length} valid records of ${where}`
          : `未知的${noun.zh} id ${JSON.stringify(id)}：${where} 的 ${file.records.length} 条有效记录中没有`,
    );
  });
}

/** The records named by `--id` (exit 2 on an unknown one, see {@link lookupIds}), else all of `file`. */
export function selectSubjects<T extends { id: string }>(
  ctx: CliContext,
  file: LoadedFile<T>,
  noun: { zh: string; en: string },
): T[] {
  const ids = ctx.strings('id');
  return ids.length > 0 ? lookupIds(ctx, file, ids, noun) : file.records;
}

/** Stops the command with exit 2 when it was given a positional argument. */
export function rejectPositionals(ctx: CliContext): void {
  if (ctx.positionals.length > 0)
    ctx.usageError(
      ctx.t(
        `多余的参数 ${JSON.stringify(ctx.positionals[0])}`,
        `unexpected argument ${JSON.stringify(ctx.positionals[0])}`,
      ),
    );
}

/**
 * The start of a ranking command (`rank`, `match`, `prospect`, `bundles`), checked in this
 * order (after `--as-of`, a date option the command line checks before any command runs): no
 * positional argument, `--k`; then the data files `files` are read (those in `lookups` for
 * the named records only).
 */
export async function startRanking(
  ctx: CliContext,
  files: readonly DataFileOption[],
  lookups: IdLookups = {},
  checks: ReferenceChecks = {},
): Promise<{ k: number; asOf: string; inputs: LoadedInputs }> {
  rejectPositionals(ctx);
  const k = resolveK(ctx);
  const { asOf } = await resolveAsOf(ctx, files);
  const inputs = await loadInputs(ctx, files, lookups);
  skipUnreferenced(ctx, inputs, asOf, checks);
  return { k, asOf, inputs };
}

/** The loaded file of a required option (the dispatcher has checked it was given). */
export function requireFile<O extends DataFileOption>(
  inputs: LoadedInputs,
  option: O,
): NonNullable<LoadedInputs[O]> {
  const file = inputs[option];
  if (!file) throw new Error(`--${option} was not loaded`);
  // (A lookup's lines are those of the records it names: lookupIds says which is invalid.)
  if (file.records.length === 0 && file.errors.length > 0 && !file.lookup) {
    // Every record was invalid: most likely the wrong file for this option. Say so, and fail.
    throw new ValidationError(
      DATA_FILE_KINDS[option],
      file.errors.flatMap((e) => e.issues).slice(0, 1),
      pick(
        {
          zh: `--${option} ${file.path}：${file.errors.length} 条记录中没有一条是有效的 ${DATA_FILE_KINDS[option]}（文件是否用错了？）`,
          en: `--${option} ${file.path}: none of its ${file.errors.length} records is a valid ${DATA_FILE_KINDS[option]} (is it the right file?)`,
        },
        file.locale,
      ),
    );
  }
  return file as NonNullable<LoadedInputs[O]>;
}
