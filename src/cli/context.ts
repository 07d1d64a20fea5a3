/**
 * Builds the {@link CliContext} a command runs with.
 *
 * @module
 */
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { createProgress } from './progress.js';
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
}

/** Creates the context of one command run. */
export function createCliContext(init: CliContextInit): CliContext {
  const { values } = init;
  // Record text cannot reach the terminal raw: every write is escaped (the progress line,
  // which moves the cursor itself, writes to the raw stream with an escaped label).
  const stdout = escapingWriter(init.stdout);
  const stderr = escapingWriter(init.stderr);
  const locale: Locale =
    values.locale === 'en' || values.locale === 'zh' ? values.locale : DEFAULT_LOCALE;
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
    progress: (label, total) =>
      createProgress({ stream: init.stderr, label: escapeControl(label), total }),
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
