/**
 * Options shared by the matching commands (`rank`, `prospect`, `match`, `assign`, `explain`,
 * `bundles`): the data files, `--k`, `--as-of`, `--profile` and `--id`.
 *
 * @module
 */
import { FORMAT_OPTION, LOCALE_OPTION } from '../common-options.js';
import { ENCODING_OPTION } from '../common-options.js';
import type { CliOption } from '../types.js';

/** The record files a matching command can read, by option name. */
export const DATA_FILE_KINDS = {
  products: 'product',
  enterprises: 'enterprise',
  projects: 'project',
  investors: 'investor',
  institutions: 'institution',
  chains: 'chain',
  zones: 'zone',
  interactions: 'interaction',
} as const;

/** Name of a data-file option (`--products FILE`…). */
export type DataFileOption = keyof typeof DATA_FILE_KINDS;

/** Help text of each data-file option. */
const DATA_FILE_DESCRIPTIONS: Readonly<Record<DataFileOption, string>> = {
  products: 'financial products file (JSONL, JSON or CSV; - = standard input)',
  enterprises: 'enterprises file (- = standard input)',
  projects: 'S&T projects file (- = standard input)',
  investors: 'investors file (- = standard input)',
  institutions: 'financial institutions file (reference data)',
  chains: 'industrial chains file (reference data)',
  zones: 'special zones file (reference data)',
  interactions: 'interaction history (collaborative signals)',
};

/** Reference files every enterprise–product command accepts (all optional). */
export const ENTERPRISE_PRODUCT_REFERENCE: readonly DataFileOption[] = [
  'institutions',
  'chains',
  'zones',
  'interactions',
];

/** Reference files every project–investor command accepts (all optional). */
export const PROJECT_INVESTOR_REFERENCE: readonly DataFileOption[] = [
  'chains',
  'zones',
  'institutions',
  'interactions',
];

/** Default of `--k`: results per subject. */
export const DEFAULT_CLI_K = 10;

/**
 * The data-file options of a command: `required` ones must be given (exit 2 otherwise),
 * `optional` ones may be.
 */
export function dataFileOptions(
  required: readonly DataFileOption[],
  optional: readonly DataFileOption[],
): Record<string, CliOption> {
  const out: Record<string, CliOption> = {};
  for (const name of [...required, ...optional]) {
    out[name] = {
      type: 'string',
      valueName: 'FILE',
      description: DATA_FILE_DESCRIPTIONS[name],
      ...(required.includes(name) ? { required: true } : {}),
    };
  }
  return { ...out, ...ENCODING_OPTION };
}

/** `--k`, `--as-of`, `--profile`, `--format`, `--locale`: the options of every matching command. */
export const MATCHING_OPTIONS: Readonly<Record<string, CliOption>> = {
  k: {
    type: 'string',
    valueName: 'N',
    default: String(DEFAULT_CLI_K),
    description: 'results per subject (a positive integer)',
  },
  'as-of': {
    type: 'date',
    valueName: 'DATE',
    description:
      'evaluation date YYYY-MM-DD (default: asOf of a manifest.json beside the data files, else today, UTC)',
  },
  profile: {
    type: 'string',
    valueName: 'FILE',
    description:
      'tuned profile JSON (as `finmatch tune --out` writes it, or {"weights": {factor: w}, "dropFactors": [..], "dropRules": [..]})',
  },
  text: {
    type: 'boolean',
    description:
      'add the text factor (finmatch/text, BM25 over Chinese/English descriptions) to the profile',
  },
  ...FORMAT_OPTION,
  ...LOCALE_OPTION,
};

/** `--id ID` (repeatable): whom to rank for. */
export function idOption(description: string): Record<'id', CliOption> {
  return { id: { type: 'string', valueName: 'ID', multiple: true, description } };
}
