/**
 * The dispatcher: finds the command, parses its options with `node:util` `parseArgs`, runs
 * it, and turns every failure into one line on stderr and an exit code.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { FileError, FinmatchError } from '../errors.js';
import { COMMANDS } from './commands/index.js';
import { GLOBAL_OPTIONS } from './common-options.js';
import type { Locale } from '../i18n/locale.js';
import { detectLocale, fileErrorText, parseArgsText } from './messages.js';
import { didYouMean } from '../util/options.js';
import { DATE_EXPECTED, isCalendarDate } from '../util/dates.js';
import { createCliContext } from './context.js';
import { EXIT_INTERNAL, EXIT_INVALID_DATA, EXIT_IO, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { escapingWriter } from './context.js';
import { describeValue } from '../util/describe.js';
import { renderCommandHelp, renderMainHelp } from './help.js';
import type { CliCommand, CliOption, CliWriter } from './types.js';
import { UsageError } from './usage-error.js';
import { readPackageVersion } from '../util/version.js';

/** Where the CLI writes and what it reads from its environment. */
export interface CliIo {
  stdout: CliWriter;
  stderr: CliWriter;
  /** Environment; `FINMATCH_DEBUG=1` prints stacks of unexpected errors. Default `{}`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Commands to dispatch to. Default: the registry in `commands/index.ts`. */
  commands?: readonly CliCommand[];
  /** Standard input, read by a file argument `-`. Default: none. */
  stdin?: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
}

/** File-system error codes that mean "the path you gave is wrong" (a usage error). */
/** System error codes that mean the path itself is wrong (missing, a directory, no access). */
const PATH_ERROR_CODES = new Set([
  'ENOENT',
  'EISDIR',
  'ENOTDIR',
  'EACCES',
  'EPERM',
  'EEXIST',
  'ENAMETOOLONG',
  'ELOOP',
]);

/**
 * The exit code of a failed read or write: a path that names nothing usable is a bad argument
 * (exit 2); a failure on a usable path (disk full, an I/O error, a broken pipe) is exit 3.
 */
function systemExit(code: string | undefined): number {
  return code !== undefined && PATH_ERROR_CODES.has(code) ? EXIT_USAGE : EXIT_IO;
}

/** An error from the operating system (a failed read, write, open…): `code` like `ENOSPC`. */
function isSystemError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    /^E[A-Z0-9]+$/.test((error as unknown as { code: string }).code) &&
    ('syscall' in error || 'path' in error || 'errno' in error)
  );
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code.
 * Never throws and never calls `process.exit`, so tests can run commands in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const commands = io.commands ?? COMMANDS;
  const env = io.env ?? {};
  // The locale is found first, so every message — an error about another option too — is in it.
  const detected = detectLocale(argv, env);
  const locale = detected.locale;
  const t = (zh: string, en: string): string => (locale === 'en' ? en : zh);
  // `--locale` before the command (`finmatch --locale en rank …`) applies to the command.
  const args = [...argv];
  while (args[0] === '--locale' || args[0]?.startsWith('--locale='))
    args.splice(0, args[0] === '--locale' ? 2 : 1);
  const [first, ...rest] = args;

  if (first === undefined) {
    io.stderr.write(renderMainHelp(commands, readPackageVersion(), locale));
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h') {
    io.stdout.write(renderMainHelp(commands, readPackageVersion(), locale));
    return 0;
  }
  if (first === '--version' || first === '-V' || first === '-v') {
    io.stdout.write(`${readPackageVersion()}\n`);
    return 0;
  }
  if (first === 'help') {
    const target = rest[0] === undefined ? undefined : commands.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && target === undefined)
      return unknownCommand(rest[0], commands, io, locale);
    io.stdout.write(
      target
        ? renderCommandHelp(target, locale)
        : renderMainHelp(commands, readPackageVersion(), locale),
    );
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) return unknownCommand(first, commands, io, locale);

  try {
    const options = { ...command.options, ...GLOBAL_OPTIONS };
    // A command without its own --locale still takes one (the locale was read above).
    const argsOfCommand = 'locale' in options ? rest : withoutLocale(rest);
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: argsOfCommand,
        options: toParseArgsOptions(options),
        allowPositionals: true,
        strict: true,
        tokens: true,
      });
    } catch (error) {
      throw new UsageError(parseArgsText(error, Object.keys(options), locale, didYouMean));
    }
    // An option given twice would silently take its last value: ask for it once.
    const seen = new Map<string, number>();
    for (const token of parsed.tokens ?? [])
      if (token.kind === 'option') seen.set(token.name, (seen.get(token.name) ?? 0) + 1);
    for (const [name, count] of seen)
      if (count > 1 && !(options as Record<string, CliOption>)[name]?.multiple)
        throw new UsageError(
          t(
            `--${name} 给出了 ${count} 次，只能给一次`,
            `--${name} was given ${count} times; give it once`,
          ),
        );
    const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
    if (values.help === true) {
      io.stdout.write(renderCommandHelp(command, locale));
      return 0;
    }
    checkOptionValues(options, values, locale);
    if (values.locale === undefined && 'locale' in options && detected.explicit)
      values.locale = locale;
    const ctx = createCliContext({
      command: command.name,
      values,
      positionals: parsed.positionals,
      stdout: io.stdout,
      stderr: io.stderr,
      env,
      locale,
      ...(io.stdin !== undefined ? { stdin: io.stdin } : {}),
    });
    const code = await command.run(ctx);
    if (code === EXIT_OK && ctx.skippedRecords > 0) {
      // The command succeeded on the valid records; the skipped ones were reported above.
      const n = ctx.skippedRecords;
      ctx.stderr.write(
        ctx.locale === 'en'
          ? `finmatch ${command.name}: ${n} invalid input record${n === 1 ? ' was' : 's were'} skipped (reported above); exit ${EXIT_INVALID_DATA}\n`
          : `finmatch ${command.name}：跳过了 ${n} 条无效输入记录（见上文）；退出码 ${EXIT_INVALID_DATA}\n`,
      );
      return EXIT_INVALID_DATA;
    }
    return code;
  } catch (error) {
    return reportError(
      error,
      command.name,
      { ...io, stderr: escapingWriter(io.stderr) },
      env,
      locale,
    );
  }
}

function toParseArgsOptions(
  options: Readonly<Record<string, CliOption>>,
): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> {
  const out: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> =
    {};
  for (const [name, option] of Object.entries(options)) {
    out[name] = {
      type: option.type === 'boolean' ? 'boolean' : 'string',
      ...(option.short ? { short: option.short } : {}),
      ...(option.multiple ? { multiple: true } : {}),
    };
  }
  return out;
}

/**
 * Applies defaults, then checks the values given (choices, dates), then that required options
 * are there: a wrong value is reported before a missing option.
 */
function checkOptionValues(
  options: Readonly<Record<string, CliOption>>,
  values: Record<string, string | boolean | string[] | undefined>,
  locale: Locale,
): void {
  const en = locale === 'en';
  for (const [name, option] of Object.entries(options)) {
    if (values[name] === undefined && option.default !== undefined) values[name] = option.default;
    const value = values[name];
    if (value === undefined) continue;
    // Each occurrence of a repeatable date option is a date.
    const notDate =
      option.type === 'date'
        ? (Array.isArray(value) ? value : [value]).find(
            (v) => !(typeof v === 'string' && isCalendarDate(v)),
          )
        : undefined;
    if (notDate !== undefined)
      throw new UsageError(
        en
          ? `--${name} must be ${DATE_EXPECTED.en}, got ${JSON.stringify(notDate)}`
          : `--${name} 须为${DATE_EXPECTED.zh}，收到 ${JSON.stringify(notDate)}`,
      );
    const path = option.valueName === 'FILE' || option.valueName === 'DIR';
    if (path && (Array.isArray(value) ? value : [value]).includes(''))
      throw new UsageError(
        en ? `--${name} needs a path, got an empty value` : `--${name} 须为路径，收到空值`,
      );
    if (option.writes && value === '-')
      throw new UsageError(
        en
          ? `--${name} -: "-" stands for standard input, not somewhere to write; give a path${option.valueName === 'FILE' ? ' (to write to standard output: /dev/stdout)' : ''}`
          : `--${name} -："-" 表示标准输入，不能作为写入位置；请给出路径${option.valueName === 'FILE' ? '（写到标准输出：/dev/stdout）' : ''}`,
      );
    if (option.choices && typeof value === 'string' && !option.choices.includes(value)) {
      const guess = didYouMean(value, option.choices);
      throw new UsageError(
        en
          ? `invalid value ${JSON.stringify(value)} for --${name}; expected one of ${option.choices.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`
          : `--${name} 的取值 ${JSON.stringify(value)} 无效，应为 ${option.choices.join('、')} 之一${guess ? `（是否想用 ${guess}？）` : ''}`,
      );
    }
  }
  for (const [name, option] of Object.entries(options)) {
    if (values[name] !== undefined || !option.required) continue;
    const choices = option.choices?.join(', ');
    throw new UsageError(
      en
        ? `missing required option --${name}${choices ? ` (one of ${choices})` : ''}`
        : `缺少必填选项 --${name}${choices ? `（可选 ${choices}）` : ''}`,
    );
  }
}

/** `args` without `--locale X` / `--locale=X` (for a command that does not declare --locale). */
function withoutLocale(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (args[i] === '--locale') i++;
    else if (!args[i]!.startsWith('--locale=')) out.push(args[i]!);
  }
  return out;
}

function unknownCommand(
  name: string,
  commands: readonly CliCommand[],
  io: CliIo,
  locale: Locale,
): number {
  const close =
    didYouMean(
      name,
      commands.map((c) => c.name),
    ) ?? commands.find((c) => c.name.startsWith(name.slice(0, 3)))?.name;
  io.stderr.write(
    locale === 'en'
      ? `finmatch: unknown command ${JSON.stringify(name)}${close ? `; did you mean '${close}'?` : ''}\n` +
          `Run 'finmatch --help' for the list of commands.\n`
      : `finmatch: 未知命令 ${JSON.stringify(name)}${close ? `；是否想用 '${close}'？` : ''}\n` +
          `运行 'finmatch --help' 查看命令列表。\n`,
  );
  return EXIT_USAGE;
}

function reportError(
  error: unknown,
  command: string,
  io: CliIo,
  env: Readonly<Record<string, string | undefined>>,
  locale: Locale,
): number {
  const en = locale === 'en';
  // The program's name is not a sentence: the same `finmatch <command>: ` in both locales.
  const prefix = `finmatch ${command}:`;
  if (error instanceof UsageError) {
    io.stderr.write(
      en
        ? `${prefix} ${error.message}\nRun 'finmatch ${command} --help' for usage.\n`
        : `${prefix} ${error.message}\n运行 'finmatch ${command} --help' 查看用法。\n`,
    );
    return EXIT_USAGE;
  }
  if (error instanceof FileError) {
    io.stderr.write(
      `${prefix} ${error.code}: ${error.messages?.[locale] ?? fileErrorText(error.operation, error.path, error.systemCode, locale)}\n`,
    );
    return systemExit(error.systemCode);
  }
  if (error instanceof FinmatchError) {
    io.stderr.write(
      `${prefix} ${error.code}: ${oneLine(error.messages?.[locale] ?? error.message)}\n`,
    );
    return error.code === 'INVALID_OPTION' ? EXIT_USAGE : EXIT_INVALID_DATA;
  }
  if (isSystemError(error)) {
    // A path that names nothing usable is a bad argument (exit 2); a read or write that fails
    // on a usable path (disk full, I/O error, a broken pipe) is an I/O failure (exit 3).
    const path = (error as { path?: unknown }).path;
    const operation = /write|open|mkdir|rename/.test(
      String((error as { syscall?: unknown }).syscall ?? ''),
    )
      ? 'write'
      : 'read';
    io.stderr.write(
      `${prefix} ${
        typeof path === 'string'
          ? fileErrorText(operation, path, error.code, locale)
          : en
            ? `${oneLine(error.message)}`
            : `系统错误（${error.code}）`
      }\n`,
    );
    return systemExit(error.code);
  }
  const message = error instanceof Error ? error.message : describeValue(error);
  io.stderr.write(
    en
      ? `${prefix} internal error: ${oneLine(message)}\n`
      : `${prefix} 内部错误（请附上 FINMATCH_DEBUG=1 的输出报告）：${oneLine(message)}\n`,
  );
  if (env.FINMATCH_DEBUG && error instanceof Error && error.stack)
    io.stderr.write(`${error.stack}\n`);
  else
    io.stderr.write(
      en
        ? 'Set FINMATCH_DEBUG=1 to see the stack trace.\n'
        : '设置 FINMATCH_DEBUG=1 可查看调用栈。\n',
    );
  return EXIT_INTERNAL;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
