/**
 * Help texts: the command list and each command's usage, options and examples.
 *
 * @module
 */
import { displayWidth } from './text-width.js';
import { HELP_OPTION } from './common-options.js';
import type { CliCommand, CliOption } from './types.js';

/** Help for `finmatch --help`: what finmatch is and every command with its summary. */
export function renderMainHelp(commands: readonly CliCommand[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `finmatch ${version} — industry–finance matching: enterprises ↔ financial products, S&T projects ↔ investors`,
    '',
    'Usage: finmatch <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also: finmatch <command> --help)',
    '  -V, --version  print the version',
    '',
    'Exit codes: 0 ok (every record processed), 1 invalid data (records skipped), 2 usage, 3 read/write failed, 4 internal error, 130/143 interrupted.',
    'Results go to stdout; progress and errors to stderr.',
    '',
  ].join('\n');
}

/** Help for `finmatch <command> --help`. */
export function renderCommandHelp(command: CliCommand): string {
  const options = { ...command.options, ...HELP_OPTION };
  const left = Object.entries(options).map(([name, option]) => optionSynopsis(name, option));
  const width = Math.max(...left.map(displayWidth));
  const lines = [
    command.summary,
    '',
    `Usage: ${command.usage}`,
    '',
    'Options:',
    ...Object.values(options).map((option, i) => {
      const l = left[i]!;
      return `  ${l}${' '.repeat(width - displayWidth(l))}  ${optionDescription(option)}`;
    }),
  ];
  if (command.examples && command.examples.length > 0) {
    lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  }
  lines.push('');
  return lines.join('\n');
}

function optionSynopsis(name: string, option: CliOption): string {
  const short = option.short ? `-${option.short}, ` : '    ';
  const value = option.type === 'string' ? ` ${option.valueName ?? 'VALUE'}` : '';
  return `${short}--${name}${value}`;
}

function optionDescription(option: CliOption): string {
  const notes: string[] = [];
  if (option.choices) notes.push(`one of ${option.choices.join('|')}`);
  if (option.required) notes.push('required');
  if (option.multiple) notes.push('repeatable');
  if (option.default !== undefined && option.type === 'string')
    notes.push(`default ${String(option.default)}`);
  return notes.length > 0 ? `${option.description} (${notes.join('; ')})` : option.description;
}
