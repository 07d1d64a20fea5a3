/**
 * `finmatch validate FILE --kind KIND`: checks every record of a file and reports every bad
 * line with its line number, record id, field path and message.
 *
 * @module
 */
import { RECORDS_FORMATS, type RecordsFormat } from '../../io/types.js';
import { RECORD_KIND_NAMES_ZH, type RecordKind } from '../../model/enums.js';
import { ENCODING_OPTION, FORMAT_OPTION, KIND_OPTION, LOCALE_OPTION } from '../common-options.js';
import { EXIT_INVALID_DATA, EXIT_OK } from '../exit-codes.js';
import type { CliCommand } from '../types.js';
import { isStdin, loadRecordsWithProgress } from '../stdin.js';

/** Longest message cell in the table output, in display columns. */
const MESSAGE_MAX_WIDTH = 100;
/** Longest "expected" cell in the table output, in display columns. */
const EXPECTED_MAX_WIDTH = 48;

/** The `validate` command. */
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a records file (JSONL, JSON or CSV) and report every bad line',
  usage:
    'finmatch validate FILE|- --kind KIND [--format table|json] [--locale zh|en] [--input-format jsonl|json|csv]',
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
    'cat products.jsonl | finmatch validate - --kind product --format json',
    'finmatch validate products.csv --kind product --locale en --format json',
  ],
  async run(ctx) {
    if (ctx.positionals.length !== 1) {
      ctx.usageError(
        ctx.positionals.length === 0
          ? ctx.t(
              '缺少 FILE：要检查的记录文件（- 表示标准输入）',
              'missing FILE: the records file to validate (- for standard input)',
            )
          : ctx.t(
              `只能给一个 FILE，收到 ${ctx.positionals.length} 个：${ctx.positionals.join(' ')}`,
              `expected one FILE, got ${ctx.positionals.length}: ${ctx.positionals.join(' ')}`,
            ),
      );
    }
    const file = ctx.positionals[0]!;
    const kind = ctx.string('kind') as RecordKind;
    const inputFormat = ctx.string('input-format') as RecordsFormat | undefined;
    const result = await loadRecordsWithProgress(
      ctx,
      kind,
      file,
      { zh: `校验${RECORD_KIND_NAMES_ZH[kind]}记录`, en: `validating ${kind} records` },
      inputFormat !== undefined ? { format: inputFormat } : {},
    );

    const valid = result.records.length;
    const invalid = result.errors.length;
    if (ctx.format === 'json') {
      for (const error of result.errors) {
        ctx.printJsonLine({
          line: error.line,
          id: error.id ?? null,
          issues: error.issues.map((issue) => ({
            path: issue.path,
            code: issue.code,
            message: issue.message,
            ...(issue.received !== undefined ? { received: issue.received } : {}),
            ...(issue.expected !== undefined ? { expected: issue.expected } : {}),
            ...(issue.suggestion !== undefined ? { suggestion: issue.suggestion } : {}),
          })),
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
            { header: en ? 'Expected' : '应为', maxWidth: EXPECTED_MAX_WIDTH },
          ],
          result.errors.flatMap((error) =>
            error.issues.map((issue) => [
              String(error.line),
              error.id ?? '—',
              issue.path || '—',
              issue.message,
              issue.expected ?? '—',
            ]),
          ),
        );
        ctx.println();
      }
      const total = valid + invalid;
      const name = isStdin(file) ? ctx.t('<标准输入>', '<stdin>') : file;
      ctx.println(
        en
          ? `${name}: ${total} ${kind} record${total === 1 ? '' : 's'}, ${valid} valid, ${invalid} invalid.`
          : `${name}：共 ${total} 条${RECORD_KIND_NAMES_ZH[kind]}记录，有效 ${valid} 条，无效 ${invalid} 条。`,
      );
    }
    return invalid > 0 ? EXIT_INVALID_DATA : EXIT_OK;
  },
};
