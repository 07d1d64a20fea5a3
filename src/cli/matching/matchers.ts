/**
 * Builds the engine's matchers from loaded inputs: the matcher options (`asOf`, `locale`,
 * reference data, interactions, `--profile`) are the same for every matching command.
 *
 * @module
 */
import type { MatcherOptions } from '../../engine/api.js';
import type { Profile } from '../../engine/types.js';
import type { CliContext } from '../types.js';
import type { LoadedInputs } from './inputs.js';

/**
 * Matcher options from the loaded reference files and `--profile`. The caller passes the
 * evaluation date it resolved (so it can print where it came from).
 */
export function matcherOptions<S, T>(
  ctx: CliContext,
  inputs: LoadedInputs,
  asOf: string,
  profile: Profile<S, T> | undefined,
): MatcherOptions<Profile<S, T>> {
  return {
    asOf,
    locale: ctx.locale,
    ...(profile ? { profile } : {}),
    ...(inputs.chains ? { chains: inputs.chains.records } : {}),
    ...(inputs.zones ? { zones: inputs.zones.records } : {}),
    ...(inputs.institutions ? { institutions: inputs.institutions.records } : {}),
    ...(inputs.interactions ? { interactions: inputs.interactions.records } : {}),
  };
}

/**
 * Runs `each` over `items`, with a progress report on stderr when there are more than one.
 * Yields to the event loop between items now and then so progress and output stream out.
 */
export async function forEachWithProgress<T>(
  ctx: CliContext,
  label: string,
  items: readonly T[],
  each: (item: T) => void,
): Promise<void> {
  const progress = items.length > 1 ? ctx.progress(label, items.length) : undefined;
  let i = 0;
  for (const item of items) {
    each(item);
    progress?.update(++i);
    if (i % STREAM_YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  progress?.done();
}

/** Subjects ranked between two yields to the event loop while streaming. */
const STREAM_YIELD_EVERY = 64;
