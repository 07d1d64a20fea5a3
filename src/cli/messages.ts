/**
 * The dispatcher's own messages in both locales: option errors from `parseArgs`, file errors
 * with the operating system's error code explained, and how the locale of a run is found
 * before its options are parsed (so even an error about another option is in it).
 *
 * @module
 */
import type { Locale, LocalizedText } from '../i18n/locale.js';
import { DEFAULT_LOCALE } from '../i18n/locale.js';

/** Environment variable that sets the CLI's locale when `--locale` is not given. */
export const LOCALE_ENV = 'FINMATCH_LOCALE';

/**
 * The locale of a run, found before parsing: the last valid `--locale zh|en` (or
 * `--locale=zh|en`) anywhere in `argv`, else `FINMATCH_LOCALE`, else `zh`. `LANG` is not
 * read: the platform's officers work in Chinese whatever the server's system locale is.
 */
export function detectLocale(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { locale: Locale; explicit: boolean } {
  let found: Locale | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value =
      arg === '--locale' ? argv[i + 1] : arg.startsWith('--locale=') ? arg.slice(9) : undefined;
    if (value === 'zh' || value === 'en') found = value;
  }
  if (found) return { locale: found, explicit: true };
  const fromEnv = env[LOCALE_ENV];
  if (fromEnv === 'zh' || fromEnv === 'en') return { locale: fromEnv, explicit: true };
  return { locale: DEFAULT_LOCALE, explicit: false };
}

/** What each operating-system error code means, in both locales. */
const ERRNO_TEXT: Readonly<Record<string, LocalizedText>> = {
  ENOENT: { zh: '文件或目录不存在', en: 'no such file or directory' },
  EACCES: { zh: '没有访问权限', en: 'permission denied' },
  EPERM: { zh: '操作不被允许', en: 'operation not permitted' },
  EISDIR: { zh: '这是一个目录，不是文件', en: 'it is a directory, not a file' },
  ENOTDIR: { zh: '路径中有一段不是目录', en: 'a part of the path is not a directory' },
  EEXIST: { zh: '已经存在', en: 'already exists' },
  ENOSPC: { zh: '磁盘空间不足', en: 'no space left on the device' },
  EDQUOT: { zh: '超出磁盘配额', en: 'disk quota exceeded' },
  EROFS: { zh: '文件系统是只读的', en: 'read-only file system' },
  EMFILE: { zh: '打开的文件过多', en: 'too many open files' },
  ENAMETOOLONG: { zh: '文件名过长', en: 'file name too long' },
  ELOOP: { zh: '符号链接层数过多', en: 'too many levels of symbolic links' },
  EIO: { zh: '输入/输出错误', en: 'input/output error' },
  EPIPE: { zh: '管道已关闭', en: 'broken pipe' },
  EBUSY: { zh: '资源正忙', en: 'resource busy' },
};

/** `'x.jsonl': no such file or directory (ENOENT)`: a file error, with the path and the code kept. */
export function fileErrorText(
  operation: 'read' | 'write',
  path: string,
  code: string | undefined,
  locale: Locale,
): string {
  const en = locale === 'en';
  const meaning = code !== undefined ? ERRNO_TEXT[code] : undefined;
  const why = meaning ? (en ? meaning.en : meaning.zh) : en ? 'failed' : '失败';
  const shown = JSON.stringify(path);
  const codeText = code !== undefined ? ` (${code})` : '';
  return en
    ? `cannot ${operation} ${shown}: ${why}${codeText}`
    : `无法${operation === 'read' ? '读取' : '写入'} ${shown}：${why}${code !== undefined ? `（${code}）` : ''}`;
}

/** An error of `parseArgs`, in `locale`; `options` are the command's option names (for a did-you-mean). */
export function parseArgsText(
  error: unknown,
  optionNames: readonly string[],
  locale: Locale,
  suggest: (name: string, candidates: readonly string[]) => string | undefined,
): string {
  const en = locale === 'en';
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    const guess = option.startsWith('--')
      ? suggest(option.slice(2).split('=')[0]!, optionNames)
      : undefined;
    const hint =
      guess !== undefined ? (en ? `; did you mean --${guess}?` : `；是否想用 --${guess}？`) : '';
    return en ? `unknown option ${option}${hint}` : `未知选项 ${option}${hint}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    if (/does not take an argument/.test(message))
      return en ? `option ${option} does not take a value` : `选项 ${option} 不接受取值`;
    if (/ambiguous/.test(message))
      // `--k --locale en`: most often the value is missing and the next option was taken for it.
      return en
        ? `${option} was given no value: the argument after it starts with "-" and is not taken as one (give a value, or write ${option}=VALUE for a value that starts with "-")`
        : `${option} 没有得到取值：其后的参数以 - 开头，不作为取值（请给出取值；取值本身以 - 开头时写成 ${option}=取值）`;
    return en ? `option ${option} needs a value` : `选项 ${option} 缺少取值`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /'([^']*)'/.exec(message)?.[1] ?? '';
    return en ? `unexpected argument ${JSON.stringify(arg)}` : `多余的参数 ${JSON.stringify(arg)}`;
  }
  // parseArgs appends advice about `--` that does not apply to finmatch; keep the first sentence.
  const first = message.split('. To specify')[0]!.split('\n')[0]!;
  return en ? first : `命令行无效：${option ?? ''}`.trim();
}
