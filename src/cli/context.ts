/**
 * Builds the {@link CliContext} a command runs with.
 *
 * @module
 */
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { createProgress } from './progress.js';
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
  const { values, stdout, stderr } = init;
  const locale: Locale =
    values.locale === 'en' || values.locale === 'zh' ? values.locale : DEFAULT_LOCALE;
  const format: OutputFormat = values.format === 'json' ? 'json' : 'table';
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
    progress: (label, total) => createProgress({ stream: stderr, label, total }),
    printJsonLine: (value) => {
      stdout.write(`${JSON.stringify(value)}\n`);
    },
    printTable: (columns, rows) => {
      stdout.write(renderTable(columns, rows));
    },
    println: (line = '') => {
      stdout.write(`${line}\n`);
    },
    usageError: (message) => {
      throw new UsageError(message);
    },
  };
}
