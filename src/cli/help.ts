/**
 * Help texts: the command list and each command's usage, options and examples, in the run's
 * locale (Chinese from `help-zh.ts`, English from the commands' own declarations).
 *
 * @module
 */
import type { Locale } from '../i18n/locale.js';
import { displayWidth } from './text-width.js';
import { GLOBAL_OPTIONS } from './common-options.js';
import { COMMAND_SUMMARY_ZH, optionDescriptionZh } from './help-zh.js';
import type { CliCommand, CliOption } from './types.js';

/** Help for `finmatch --help`: what finmatch is and every command with its summary. */
export function renderMainHelp(
  commands: readonly CliCommand[],
  version: string,
  locale: Locale = 'zh',
): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const en = locale === 'en';
  return [
    en
      ? `finmatch ${version} — industry–finance matching: enterprises ↔ financial products, S&T projects ↔ investors`
      : `finmatch ${version} —— 产融合作匹配：企业 ↔ 金融产品，科技项目 ↔ 投资机构`,
    '',
    en ? 'Usage: finmatch <command> [options]' : '用法：finmatch <命令> [选项]',
    '',
    en ? 'Commands:' : '命令：',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${commandSummary(c, locale)}`),
    '',
    en ? 'Options:' : '选项：',
    en
      ? '  -h, --help           show help (also: finmatch <command> --help)'
      : '  -h, --help           显示帮助（也可：finmatch <命令> --help）',
    en ? '  -V, --version        print the version' : '  -V, --version        显示版本号',
    en
      ? '      --locale zh|en   language of every message (also FINMATCH_LOCALE; default zh)'
      : '      --locale zh|en   所有消息的语言（也可用环境变量 FINMATCH_LOCALE；默认 zh）',
    en
      ? '      --quiet          only results and errors: no progress, no notes'
      : '      --quiet          只输出结果和错误：不显示进度和提示',
    '',
    en ? 'A FILE argument "-" reads standard input.' : '文件参数写作 - 时读取标准输入。',
    en
      ? 'Exit codes: 0 ok (every record processed), 1 invalid data (records skipped), 2 usage, 3 read/write failed, 4 internal error, 130/143/129 interrupted (SIGINT/SIGTERM/SIGHUP).'
      : '退出码：0 成功（全部记录已处理），1 数据无效（有记录被跳过），2 用法错误，3 读写失败，4 内部错误，130/143/129 被中断（SIGINT/SIGTERM/SIGHUP）。',
    en
      ? 'Results go to stdout; progress and errors to stderr.'
      : '结果写到标准输出；进度和错误写到标准错误。',
    '',
  ].join('\n');
}

/** A command's one-line summary in `locale`. */
export function commandSummary(command: CliCommand, locale: Locale): string {
  return locale === 'en' ? command.summary : (COMMAND_SUMMARY_ZH[command.name] ?? command.summary);
}

/** Help for `finmatch <command> --help`. */
export function renderCommandHelp(command: CliCommand, locale: Locale = 'zh'): string {
  const en = locale === 'en';
  const options = { ...command.options, ...GLOBAL_OPTIONS };
  const left = Object.entries(options).map(([name, option]) => optionSynopsis(name, option));
  const width = Math.max(...left.map(displayWidth));
  const lines = [
    commandSummary(command, locale),
    '',
    `${en ? 'Usage: ' : '用法：'}${command.usage}`,
    '',
    en ? 'Options:' : '选项：',
    ...Object.entries(options).map(([name, option], i) => {
      const l = left[i]!;
      return `  ${l}${' '.repeat(width - displayWidth(l))}  ${optionDescription(command.name, name, option, locale)}`;
    }),
  ];
  if (command.examples && command.examples.length > 0) {
    lines.push('', en ? 'Examples:' : '示例：', ...command.examples.map((e) => `  ${e}`));
  }
  lines.push('');
  return lines.join('\n');
}

function optionSynopsis(name: string, option: CliOption): string {
  const short = option.short ? `-${option.short}, ` : '    ';
  const value = option.type !== 'boolean' ? ` ${option.valueName ?? 'VALUE'}` : '';
  return `${short}--${name}${value}`;
}

function optionDescription(
  command: string,
  name: string,
  option: CliOption,
  locale: Locale,
): string {
  const en = locale === 'en';
  const notes: string[] = [];
  if (option.choices) notes.push(`${en ? 'one of ' : '可选 '}${option.choices.join('|')}`);
  if (option.required) notes.push(en ? 'required' : '必填');
  if (option.multiple) notes.push(en ? 'repeatable' : '可重复');
  if (option.default !== undefined && option.type !== 'boolean')
    notes.push(`${en ? 'default ' : '默认 '}${String(option.default)}`);
  const text = en ? option.description : (optionDescriptionZh(command, name) ?? option.description);
  if (notes.length === 0) return text;
  return en ? `${text} (${notes.join('; ')})` : `${text}（${notes.join('；')}）`;
}
