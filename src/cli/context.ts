/**
 * Builds the {@link CliContext} a command runs with.
 *
 * @module
 */
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { createProgress, type ProgressReporter } from './progress.js';
import { escapeControl, UNSAFE } from '../util/describe.js';
import { renderTable } from './table.js';
import type { CliContext, CliValues, CliWriter, OutputFormat } from './types.js';
import { UsageError } from './usage-error.js';

/** What {@link createCliContext} needs. */
export interface CliContextInit {
  command: string;
  values: CliValues;
  positionals: readonly string[];
  stdout: CliWriter;
  stderr: CliWriter;
  env: Readonly<Record<string, string | undefined>>;
  /** The run's locale when `--locale` is not among the command's values (`FINMATCH_LOCALE`…). */
  locale?: Locale;
  /** Standard input, read by a file argument `-`. Default: none (reading it is a usage error). */
  stdin?: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
}

/** Creates the context of one command run. */
export function createCliContext(init: CliContextInit): CliContext {
  const { values } = init;
  // Record text cannot reach the terminal raw: every write is escaped (the progress line,
  // which moves the cursor itself, writes to the raw stream with an escaped label).
  const stdout = escapingWriter(init.stdout);
  const stderr = escapingWriter(init.stderr);
  const locale: Locale =
    values.locale === 'en' || values.locale === 'zh'
      ? values.locale
      : (init.locale ?? DEFAULT_LOCALE);
  const quiet = values.quiet === true;
  const t = (zh: string, en: string): string => (locale === 'en' ? en : zh);
  let stdinRead = false;
  const format: OutputFormat =
    values.format === 'json' || values.format === 'trec' ? values.format : 'table';
  let skippedRecords = 0;
  return {
    command: init.command,
    values,
    positionals: init.positionals,
    stdout,
    stderr,
    env: init.env,
    locale,
    localeExplicit: typeof values.locale === 'string',
    format,
    string: (name) => {
      const v = values[name];
      return typeof v === 'string' ? v : undefined;
    },
    strings: (name) => {
      const v = values[name];
      return typeof v === 'string' ? [v] : Array.isArray(v) ? [...(v as readonly string[])] : [];
    },
    flag: (name) => values[name] === true,
    quiet,
    t,
    progress: (label, total) =>
      quiet
        ? SILENT_PROGRESS
        : createProgress({
            stream: init.stderr,
            label: escapeControl(t(label.zh, label.en)),
            total,
          }),
    info: (line) => {
      if (!quiet) stderr.write(`${line}\n`);
    },
    readStdin: async () => {
      if (stdinRead)
        throw new UsageError(
          t(
            '标准输入只能读取一次：只有一个文件参数可以是 -',
            'standard input can be read once: only one file argument may be -',
          ),
        );
      stdinRead = true;
      if (init.stdin === undefined)
        throw new UsageError(
          t('此处没有可读取的标准输入', 'there is no standard input to read here'),
        );
      const chunks: Buffer[] = [];
      for await (const chunk of init.stdin)
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
      return Buffer.concat(chunks);
    },
    printJsonLine: (value) => {
      stdout.write(`${safeJson(value)}\n`);
    },
    printTable: (columns, rows) => {
      stdout.write(
        renderTable(
          columns,
          rows.map((row) => row.map(escapeControl)),
        ),
      );
    },
    println: (line = '') => {
      stdout.write(`${line}\n`);
    },
    skipped: (count) => {
      skippedRecords += count;
    },
    get skippedRecords() {
      return skippedRecords;
    },
    usageError: (message) => {
      throw new UsageError(message);
    },
  };
}

/** The progress of a `--quiet` run: does nothing. */
const SILENT_PROGRESS: ProgressReporter = { update() {}, tick() {}, done() {} };

/**
 * JSON text of `value` in which the characters a terminal would act on (C1 controls, bidi
 * overrides, zero-width characters, lone surrogates — JSON.stringify already escapes C0) are
 * written as `\\uXXXX` escapes: still valid JSON, the same value when parsed.
 */
export function safeJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(UNSAFE, (c) => {
    // Every UTF-16 unit escaped (a tag character is two): parses back to the same text.
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}

/** `writer` with every chunk passed through `escapeControl` (tabs and newlines kept). */
export function escapingWriter<W extends CliWriter>(writer: W): W {
  return Object.assign(Object.create(writer) as W, {
    write: (chunk: string) => writer.write(escapeControl(chunk)),
  });
}
