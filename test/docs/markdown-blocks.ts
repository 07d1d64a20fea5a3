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
 *   matching any text.
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
