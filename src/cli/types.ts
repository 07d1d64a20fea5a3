/**
 * The contract between the dispatcher (`run.ts`) and the commands (`commands/*.ts`).
 *
 * @module
 */
import type { Locale, LocalizedText } from '../i18n/locale.js';
import type { ProgressReporter } from './progress.js';
import type { TableColumn } from './table.js';

/** Something text can be written to: `process.stdout`, or a capture in tests. */
export interface CliWriter {
  write(chunk: string): unknown;
  /** True when the writer is an interactive terminal (progress bars are drawn only then). */
  isTTY?: boolean;
  /** Terminal width in characters, when known. */
  columns?: number;
}

/** One command-line option of a command, in the shape `node:util` `parseArgs` expects plus help text. */
export interface CliOption {
  /**
   * `string` takes a value (`--out DIR`), `boolean` is a flag, `date` takes a value that must
   * be a real calendar date `YYYY-MM-DD` in the accepted years (checked before the command
   * runs, with one message for every command; read it with `ctx.string`).
   */
  type: 'string' | 'boolean' | 'date';
  /** One-letter alias (`-o`). */
  short?: string;
  /** One line of help, in English. */
  description: string;
  /**
   * Name of the value in help (`DIR`, `N`); string options only. `FILE` and `DIR` mark a path:
   * an empty value is a usage error (exit 2).
   */
  valueName?: string;
  /**
   * The option names a file or folder the command writes: `-` (standard input, for a file the
   * command reads) is a usage error (exit 2), never a file named `-`.
   */
  writes?: boolean;
  /** Allowed values; anything else is a usage error (exit 2). */
  choices?: readonly string[];
  /** The option must be given; its absence is a usage error (exit 2). */
  required?: boolean;
  /** Value used when the option is absent (shown in help). */
  default?: string | boolean;
  /** String options only: the option may be repeated (`--id A --id B`); read it with `ctx.strings`. */
  multiple?: boolean;
}

/** Parsed option values, by option name. */
export type CliValues = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/**
 * Output formats of the commands that print results. `trec` (`rank` and `prospect` only): a
 * TREC run, `qid Q0 docid rank score runtag` per result, which `finmatch evaluate` reads.
 */
export type OutputFormat = 'table' | 'json' | 'trec';

/** What a command receives: its arguments, where to write, and helpers. */
export interface CliContext {
  /** The command's name, for messages. */
  readonly command: string;
  /** Option values after defaults were applied and choices were checked. */
  readonly values: CliValues;
  /** Positional arguments (file names…). */
  readonly positionals: readonly string[];
  /** Results go here. */
  readonly stdout: CliWriter;
  /** Progress and diagnostics go here, never results. */
  readonly stderr: CliWriter;
  /** `--locale` when the command declares it, else the library default (`zh`). */
  readonly locale: Locale;
  /** `true` when `--locale` was given explicitly (a command may then print one language instead of both). */
  readonly localeExplicit: boolean;
  /** `--format` when the command declares it, else `table`. */
  readonly format: OutputFormat;
  /** Environment variables (for `FINMATCH_DEBUG`, `NO_COLOR`…). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A string option's value, or `undefined`. */
  string(name: string): string | undefined;
  /** Every value of a string option (a repeatable one gives one per occurrence); `[]` when absent. */
  strings(name: string): string[];
  /** A boolean option's value (`false` when absent). */
  flag(name: string): boolean;
  /** `true` with `--quiet`: no progress and no informational lines, only results and errors. */
  readonly quiet: boolean;
  /**
   * Starts a progress report on stderr: a bar when stderr is a terminal, otherwise a plain
   * line at each quarter of work that runs long enough to need one; nothing with `--quiet`.
   * The label is given in both locales and shown in the run's. Call `update`/`tick` as work
   * advances and `done` at the end.
   */
  progress(label: LocalizedText, total: number): ProgressReporter;
  /** The text of the run's locale. */
  t(zh: string, en: string): string;
  /** Writes an informational line on stderr (not a result, not an error); nothing with `--quiet`. */
  info(line: string): void;
  /**
   * The whole of standard input (a file argument `-`). Standard input can be read once per
   * run: a second `-` is a usage error.
   */
  readStdin(): Promise<Uint8Array>;
  /** Writes one JSON value as one line on stdout. */
  printJsonLine(value: unknown): void;
  /** Writes a table on stdout (CJK characters count double width). */
  printTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): void;
  /** Writes a line on stdout. */
  println(line?: string): void;
  /**
   * Records that `count` input records were invalid and skipped (reported on stderr): the run
   * then exits {@link EXIT_INVALID_DATA} even if the command succeeds on the rest.
   */
  skipped(count: number): void;
  /** Input records skipped so far. */
  readonly skippedRecords: number;
  /** Stops the command with a usage error (exit 2). */
  usageError(message: string): never;
}

/**
 * A CLI command. Each command is one file in `src/cli/commands/` exporting one of these;
 * the registry in `commands/index.ts` lists them.
 */
export interface CliCommand {
  /** The word after `finmatch` (`validate`). */
  name: string;
  /** One line for the command list in `finmatch --help`. */
  summary: string;
  /** The synopsis line(s), e.g. `finmatch validate FILE --kind KIND [options]`. */
  usage: string;
  /** Options by long name (without `--`). `--help` is added to every command. */
  options: Readonly<Record<string, CliOption>>;
  /** Example invocations shown in the command's help. */
  examples?: readonly string[];
  /** Runs the command; resolves to the exit code (see `exit-codes.ts`). */
  run(ctx: CliContext): Promise<number> | number;
}
