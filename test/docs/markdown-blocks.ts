/**
 * The convention that makes the documentation executable (test/docs/examples.test.ts runs it).
 *
 * - A fenced block tagged `sh`, `bash`, `ts` or `js` is **runnable**: shell blocks run in bash
 *   with `finmatch` on the PATH, TypeScript and JavaScript blocks run as ES modules with
 *   `'finmatch'` resolved to the built package. Every other tag (`text`, `json`, none) is prose.
 * - `<!-- not-run: reason -->` on the line before the fence (blank lines allowed between) keeps
 *   a runnable block from running; the reason is required (a service that runs until stopped,
 *   a command that installs from the registry).
 * - A block whose first line is `// file: NAME` (or `# file: NAME`) is written to NAME in the
 *   working directory instead of being run; a later block runs it.
 * - `<!-- output -->` before a fenced block right after a runnable one makes that block the
 *   expected output: its non-empty lines must appear in the standard output in order (other
 *   lines may come between), each matching a whole line, trailing spaces ignored, with `…`
 *   matching any text. An expected-output block tagged `json` is compared as JSON instead (see
 *   {@link unmatchedExpectedJson}), so an answer printed on one line can be shown indented.
 */

/** A language tag whose blocks run. */
export type RunnableLanguage = 'sh' | 'ts' | 'js';

/** One fenced code block of a Markdown file. */
export interface MarkdownBlock {
  /** The file, as given to {@link extractBlocks}. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The info string's first word (`ts`, `sh`, `text`…), or `''`. */
  lang: string;
  /** The block's text, without the fences, ending with a newline. */
  code: string;
  /** Why the block is not run, when it carries a `<!-- not-run: reason -->` marker. */
  notRun?: string;
  /** The expected-output block that follows it (marked `<!-- output -->`). */
  expectedOutput?: string;
  /** The language tag of that expected-output block (`json` is compared as JSON). */
  expectedOutputLang?: string;
  /** True for an expected-output block (checked with the block before it, not run). */
  isOutput: boolean;
  /** For a `// file: NAME` block: the file it is written to. */
  writesFile?: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)?.*$/;
const NOT_RUN = /^<!--\s*not-run:\s*(.*?)\s*-->$/;
const OUTPUT = /^<!--\s*output\s*-->$/;
const FILE_HEADER = /^(?:\/\/|#)\s*file:\s*(\S+)/;

/** Maps an info-string language to the way its blocks run, or `undefined` for prose. */
export function runnableLanguage(lang: string): RunnableLanguage | undefined {
  if (lang === 'sh' || lang === 'bash' || lang === 'shell') return 'sh';
  if (lang === 'ts' || lang === 'typescript') return 'ts';
  if (lang === 'js' || lang === 'mjs' || lang === 'javascript') return 'js';
  return undefined;
}

/**
 * Every fenced block of a Markdown text, in order, with its markers resolved.
 * Throws on an unclosed fence or a `not-run` marker without a reason.
 */
export function extractBlocks(file: string, markdown: string): MarkdownBlock[] {
  const lines = markdown.split('\n');
  const blocks: MarkdownBlock[] = [];
  let previousMarker: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const fence = FENCE.exec(text);
    if (!fence) {
      const trimmed = text.trim();
      if (trimmed !== '') previousMarker = trimmed;
      continue;
    }
    const marker = fence[2]!;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length; i++) {
      const closing = lines[i]!.trim();
      if (closing.startsWith(marker) && /^[`~]+$/.test(closing)) break;
      body.push(lines[i]!);
    }
    if (i >= lines.length) throw new Error(`${file}:${start + 1}: unclosed code fence`);
    const block: MarkdownBlock = {
      file,
      line: start + 1,
      lang: fence[3] ?? '',
      code: body.join('\n') + '\n',
      isOutput: false,
    };
    const notRun = previousMarker ? NOT_RUN.exec(previousMarker) : null;
    if (notRun) {
      if (!notRun[1]) throw new Error(`${file}:${start + 1}: <!-- not-run: --> needs a reason`);
      block.notRun = notRun[1];
    }
    const header = FILE_HEADER.exec(body[0] ?? '');
    if (header && runnableLanguage(block.lang)) block.writesFile = header[1]!;
    if (previousMarker && OUTPUT.test(previousMarker)) {
      const owner = blocks.at(-1);
      if (!owner || owner.isOutput || !runnableLanguage(owner.lang))
        throw new Error(`${file}:${start + 1}: <!-- output --> must follow a runnable block`);
      block.isOutput = true;
      owner.expectedOutput = block.code;
      owner.expectedOutputLang = block.lang;
    }
    blocks.push(block);
    previousMarker = undefined;
  }
  return blocks;
}

/**
 * Checks actual output against an expected-output block (see the module comment).
 * Returns `undefined` when it matches, else the first expected line not found.
 */
export function unmatchedExpectedLine(expected: string, actual: string): string | undefined {
  const actualLines = actual.split('\n').map((line) => line.trimEnd());
  let at = 0;
  for (const raw of expected.split('\n')) {
    const wanted = raw.trimEnd();
    if (wanted.trim() === '' || wanted.trim() === '…') continue;
    const pattern = new RegExp(
      `^${wanted
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    while (at < actualLines.length && !pattern.test(actualLines[at]!)) at++;
    if (at >= actualLines.length) return wanted;
    at++;
  }
  return undefined;
}

/** The wildcard of expected output: any text in a line or a string, any value, any elements. */
const ELLIPSIS = '…';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks actual output (one JSON value) against an expected-output block tagged `json`.
 * Returns `undefined` when it matches, else where and how it differs. In the expected value:
 *
 * - `"…"` matches any value; a string holding `…` matches a string (or the JSON text of a
 *   number) with any text in its place, so `"rnk_…"` matches every ranking id;
 * - an object's keys must all be present and match; without a `"…": "…"` entry it may have no
 *   other keys;
 * - an array's elements must match in order; a `"…"` element stands for any number of them;
 * - any other value must be equal.
 */
export function unmatchedExpectedJson(expected: string, actual: string): string | undefined {
  let wanted: unknown;
  let got: unknown;
  try {
    wanted = JSON.parse(expected);
  } catch (error) {
    return `the expected output is not JSON: ${(error as Error).message}`;
  }
  try {
    got = JSON.parse(actual);
  } catch {
    return `the output is not one JSON value: ${actual.slice(0, 200)}`;
  }
  return jsonMismatch(wanted, got, '$');
}

function jsonMismatch(wanted: unknown, got: unknown, path: string): string | undefined {
  const shown = (value: unknown): string => JSON.stringify(value)?.slice(0, 200) ?? 'undefined';
  if (wanted === ELLIPSIS) return undefined;
  if (typeof wanted === 'string' && wanted.includes(ELLIPSIS)) {
    const text = typeof got === 'string' ? got : JSON.stringify(got);
    return text !== undefined && wildcardPattern(wanted).test(text)
      ? undefined
      : `${path}: expected ${shown(wanted)}, got ${shown(got)}`;
  }
  if (Array.isArray(wanted)) {
    if (!Array.isArray(got)) return `${path}: expected an array, got ${shown(got)}`;
    if (!wanted.includes(ELLIPSIS)) {
      if (wanted.length !== got.length)
        return `${path}: expected ${wanted.length} elements, got ${got.length}`;
      for (let i = 0; i < wanted.length; i++) {
        const mismatch = jsonMismatch(wanted[i], got[i], `${path}[${i}]`);
        if (mismatch !== undefined) return mismatch;
      }
      return undefined;
    }
    return arrayMatches(wanted, got, 0, 0, path)
      ? undefined
      : `${path}: no elements match ${shown(wanted)} in order; got ${shown(got)}`;
  }
  if (isPlainObject(wanted)) {
    if (!isPlainObject(got)) return `${path}: expected an object, got ${shown(got)}`;
    for (const [key, value] of Object.entries(wanted)) {
      if (key === ELLIPSIS) continue;
      if (!(key in got)) return `${path}.${key}: missing`;
      const mismatch = jsonMismatch(value, got[key], `${path}.${key}`);
      if (mismatch !== undefined) return mismatch;
    }
    if (!(ELLIPSIS in wanted)) {
      const extra = Object.keys(got).filter((key) => !(key in wanted));
      if (extra.length > 0) return `${path}: unexpected keys ${extra.join(', ')}`;
    }
    return undefined;
  }
  return Object.is(wanted, got)
    ? undefined
    : `${path}: expected ${shown(wanted)}, got ${shown(got)}`;
}

/** Whether `got[j…]` matches `wanted[i…]`, a `"…"` element standing for any run of elements. */
function arrayMatches(
  wanted: readonly unknown[],
  got: readonly unknown[],
  i: number,
  j: number,
  path: string,
): boolean {
  if (i === wanted.length) return j === got.length;
  if (wanted[i] === ELLIPSIS)
    return (
      arrayMatches(wanted, got, i + 1, j, path) ||
      (j < got.length && arrayMatches(wanted, got, i, j + 1, path))
    );
  return (
    j < got.length &&
    jsonMismatch(wanted[i], got[j], `${path}[${j}]`) === undefined &&
    arrayMatches(wanted, got, i + 1, j + 1, path)
  );
}

function wildcardPattern(wanted: string): RegExp {
  return new RegExp(
    `^${wanted
      .split(ELLIPSIS)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
}
