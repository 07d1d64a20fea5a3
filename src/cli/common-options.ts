/**
 * Options shared by several commands. A command opts in by spreading them into its
 * `options`: `options: { ...FORMAT_OPTION, ...LOCALE_OPTION, kind: {...} }`.
 *
 * @module
 */
import { RECORD_KINDS } from '../model/enums.js';
import type { CliOption } from './types.js';

/** `--format table|json`: a human-readable table (default) or JSON lines. */
export const FORMAT_OPTION: Readonly<Record<'format', CliOption>> = {
  format: {
    type: 'string',
    valueName: 'FORMAT',
    choices: ['table', 'json'],
    default: 'table',
    description: 'output: a table for people, or one JSON object per line for programs',
  },
};

/**
 * `--format table|json|trec` and `--run-tag`, for the commands whose results are rankings
 * (`rank`, `prospect`): `trec` writes a TREC run (`qid Q0 docid rank score runtag`, the
 * subject's id as qid) that `finmatch evaluate --run` reads as it is.
 */
export const RANKING_FORMAT_OPTIONS: Readonly<Record<'format' | 'run-tag', CliOption>> = {
  format: {
    ...FORMAT_OPTION.format,
    choices: ['table', 'json', 'trec'],
    description:
      'output: a table for people, one JSON object per line, or a TREC run (qid Q0 docid rank score runtag) for finmatch evaluate',
  },
  'run-tag': {
    type: 'string',
    valueName: 'TAG',
    default: 'finmatch',
    description: 'the runtag column of --format trec (no spaces)',
  },
};

/** `--locale zh|en`: language of messages and explanations. */
export const LOCALE_OPTION: Readonly<Record<'locale', CliOption>> = {
  locale: {
    type: 'string',
    valueName: 'LOCALE',
    choices: ['zh', 'en'],
    description: 'language of messages: zh (Simplified Chinese, default) or en',
  },
};

/** `--kind KIND`: the record kind of an input file. */
export const KIND_OPTION: Readonly<Record<'kind', CliOption>> = {
  kind: {
    type: 'string',
    short: 'k',
    valueName: 'KIND',
    choices: RECORD_KINDS,
    required: true,
    description: 'record kind of the file',
  },
};

/** The option every command has. */
export const HELP_OPTION: Readonly<Record<'help', CliOption>> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** `--quiet`: only results and errors (no progress, no informational lines). */
export const QUIET_OPTION: Readonly<Record<'quiet', CliOption>> = {
  quiet: {
    type: 'boolean',
    description: 'only results and errors: no progress, no informational lines',
  },
};

/** The options every command has: `--help` and `--quiet`. */
export const GLOBAL_OPTIONS: Readonly<Record<'help' | 'quiet', CliOption>> = {
  ...QUIET_OPTION,
  ...HELP_OPTION,
};

/**
 * `--encoding`: how input files are decoded — UTF-8 by default; `gb18030` (or `gbk`) for files
 * written by Excel on Chinese Windows, which a UTF-8 read detects and refuses with this hint.
 */
export const ENCODING_OPTION: Readonly<Record<string, CliOption>> = {
  encoding: {
    type: 'string',
    valueName: 'ENCODING',
    choices: ['utf8', 'gb18030', 'gbk'],
    default: 'utf8',
    description:
      'encoding of the input files (gb18030/gbk: files saved by Excel on Chinese Windows)',
  },
};
