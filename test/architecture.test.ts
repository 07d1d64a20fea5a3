/**
 * The pipeline is visible in the tree and imports flow one way: every module belongs to a
 * layer, and no module imports (values or types) from a higher layer. Listed once, here;
 * DESIGN_DOCUMENT.md explains the layers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

/** Layers, lowest first; a path belongs to the longest prefix listed. */
export const LAYERS: readonly (readonly string[])[] = [
  // 0 foundations
  ['src/util', 'src/errors.ts', 'src/i18n', 'src/taxonomy/data'],
  // 1 the data model and its reference data
  ['src/taxonomy', 'src/model'],
  // 2 the pipeline's contracts and named constants
  [
    'src/engine/types.ts',
    'src/engine/api.ts',
    'src/engine/defaults.ts',
    'src/engine/part-spec.ts',
    'src/engine/profile-shape.ts',
  ],
  // 3 parts: rules, factors, strategies, re-rankers, explanation text, learned and text signals
  [
    'src/engine/rules',
    'src/engine/factors',
    'src/engine/strategies',
    'src/engine/rerank',
    'src/engine/explain',
    'src/text',
    'src/collab',
    'src/learn',
  ],
  // 4 the pipeline: one pair (reference) and the compiled, columnar ranker
  ['src/engine/pipeline.ts', 'src/compile'],
  // 5 profiles: parts assembled, as data and back
  ['src/engine/profiles'],
  // 6 the public matchers and what composes their results
  ['src/engine/matchers', 'src/bundles', 'src/assign'],
  // 7 batch jobs, evaluation, tuning, generation, files
  ['src/batch', 'src/eval', 'src/tune', 'src/generate', 'src/io', 'src/engine/index.ts'],
  // 8 the service: store, engine workers, HTTP API
  ['src/serve'],
  // 9 entry points
  ['src/cli', 'src/index.ts'],
];

function layerOf(path: string): number {
  let best = -1;
  let bestLength = -1;
  LAYERS.forEach((prefixes, layer) => {
    for (const prefix of prefixes) {
      const match =
        path === prefix || path.startsWith(prefix.endsWith('.ts') ? prefix : `${prefix}/`);
      if (match && prefix.length > bestLength) {
        best = layer;
        bestLength = prefix.length;
      }
    }
  });
  return best;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

const IMPORT = /(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

describe('architecture', () => {
  const root = normalize(join(dirname(new URL(import.meta.url).pathname), '..'));
  const files = sources(join(root, 'src')).map((f) => relative(root, f));

  test('every module is in a layer', () => {
    expect(files.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  test('no module imports from a higher layer', () => {
    const upward: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const target = normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '.ts');
        const from = layerOf(file);
        const to = layerOf(target);
        if (to > from) upward.push(`${file} (layer ${from}) → ${target} (layer ${to})`);
      }
    }
    expect(upward).toEqual([]);
  });
});
