/**
 * `finmatch validate FILE --kind KIND`: checks every record of a file and reports every bad
 * line with its line number, record id, field path and message.
 *
 * @module
 */
import { loadRecords } from '../../io/load.js';
import { RECORDS_FORMATS, type RecordsFormat } from '../../io/types.js';
import type { RecordsEncoding } from '../../io/decode.js';
import type { RecordKind } from '../../model/enums.js';
import { ENCODING_OPTION, FORMAT_OPTION, KIND_OPTION, LOCALE_OPTION } from '../common-options.js';
import { EXIT_INVALID_DATA, EXIT_OK } from '../exit-codes.js';
import type { ProgressReporter } from '../progress.js';
import type { CliCommand } from '../types.js';

/** Longest message cell in the table output, in display columns. */
const MESSAGE_MAX_WIDTH = 100;

/** The `validate` command. */
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a records file (JSONL, JSON or CSV) and report every bad line',
  usage:
    'finmatch validate FILE --kind KIND [--format table|json] [--locale zh|en] [--input-format jsonl|json|csv]',
  options: {
    ...KIND_OPTION,
    ...FORMAT_OPTION,
    ...LOCALE_OPTION,
    ...ENCODING_OPTION,
    'input-format': {
      type: 'string',
      valueName: 'FORMAT',
      choices: RECORDS_FORMATS,
      description: 'format of FILE; by default from its extension (.jsonl/.ndjson, .json, .csv)',
    },
  },
  examples: [
    'finmatch validate enterprises.jsonl --kind enterprise',
    'finmatch validate products.csv --kind product --locale en --format json',
  ],
  async run(ctx) {
    if (ctx.positionals.length !== 1) {
      ctx.usageError(
        ctx.positionals.length === 0
          ? 'missing FILE: the records file to validate'
          : `expected one FILE, got ${ctx.positionals.length}: ${ctx.positionals.join(' ')}`,
      );
    }
    const file = ctx.positionals[0]!;
    const kind = ctx.string('kind') as RecordKind;
    const inputFormat = ctx.string('input-format') as RecordsFormat | undefined;
    let bar: ProgressReporter | undefined;
    let phase: string | undefined;
    const encoding = ctx.string('encoding');
    const result = await loadRecords(kind, file, {
      locale: ctx.locale,
      ...(encoding !== undefined ? { encoding: encoding as RecordsEncoding } : {}),
      ...(inputFormat !== undefined ? { format: inputFormat } : {}),
      onProgress: (done, total, p) => {
        if (p !== phase) {
          bar?.done();
          phase = p;
          bar = ctx.progress(
            p === 'read' ? `reading ${file}` : `validating ${kind} records`,
            total,
          );
        }
        bar?.update(done);
      },
    });
    bar?.done();

    const valid = result.records.length;
    const invalid = result.errors.length;
    if (ctx.format === 'json') {
      for (const error of result.errors) {
        ctx.printJsonLine({
          line: error.line,
          id: error.id ?? null,
          issues: error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
        });
      }
      ctx.printJsonLine({ valid, invalid });
    } else {
      const en = ctx.locale === 'en';
      if (invalid > 0) {
        ctx.printTable(
          [
            { header: en ? 'Line' : '行号', align: 'right' },
            { header: en ? 'ID' : '记录 id', maxWidth: 40 },
            { header: en ? 'Field' : '字段', maxWidth: 40 },
            { header: en ? 'Problem' : '问题', maxWidth: MESSAGE_MAX_WIDTH },
          ],
          result.errors.flatMap((error) =>
            error.issues.map((issue) => [
              String(error.line),
              error.id ?? '—',
              issue.path || '—',
              issue.message,
            ]),
          ),
        );
        ctx.println();
      }
      const total = valid + invalid;
      ctx.println(
        en
          ? `${file}: ${total} ${kind} record${total === 1 ? '' : 's'}, ${valid} valid, ${invalid} invalid.`
          : `${file}：共 ${total} 条 ${kind} 记录，有效 ${valid} 条，无效 ${invalid} 条。`,
      );
    }
    return invalid > 0 ? EXIT_INVALID_DATA : EXIT_OK;
  },
};
