/**
 * A small generated market written to a temporary directory, shared by the tests of the
 * matching commands (rank, prospect, match, assign, explain, bundles).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMarket } from '../../src/generate/index.js';
import type { Market } from '../../src/generate/types.js';
import { writeJsonl, writeMarket } from '../../src/io/write.js';

/** Enterprises kept in `few-enterprises.jsonl`, for commands that stream over every record. */
export const FEW_ENTERPRISES = 40;

/** A written market and the paths of its files. */
export interface WrittenMarket {
  dir: string;
  market: Market;
  file: (name: string) => string;
  cleanup: () => Promise<void>;
}

/**
 * Generates the small market (seed 1) and writes it with `manifest.json`, plus
 * `few-enterprises.jsonl` (the first {@link FEW_ENTERPRISES} enterprises).
 */
export async function writeSmallMarket(): Promise<WrittenMarket> {
  const dir = await mkdtemp(join(tmpdir(), 'finmatch-cli-matching-'));
  const market = generateMarket({ seed: 1, scale: 'small' });
  await writeMarket(market, dir);
  await writeJsonl(
    join(dir, 'few-enterprises.jsonl'),
    market.enterprises.slice(0, FEW_ENTERPRISES),
  );
  return {
    dir,
    market,
    file: (name) => join(dir, name),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Parses JSON-lines output. */
export function jsonLines<T = Record<string, unknown>>(stdout: string): T[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Sum of a contributions object. */
export function sum(contributions: Readonly<Record<string, number>>): number {
  return Object.values(contributions).reduce((a, b) => a + b, 0);
}
