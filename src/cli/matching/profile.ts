/**
 * `--profile FILE`: a full profile spec (as `finmatch tune --out` and `profileToSpec` write
 * it, format 2 or 1), or a short JSON extension of the shipped profile of the market —
 * weights, dropped parts, a strategy and re-rankers by kind. Both are rebuilt through the
 * engine's one spec loader.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Profile } from '../../engine/types.js';
import type { CliContext } from '../types.js';
import { ProfileError } from '../../errors.js';
import { systemCodeOf } from '../../io/read.js';
import { fileErrorText } from '../messages.js';

/**
 * What a profile file holds. Every field is optional; `weights` re-weights factors by name
 * (as `finmatch tune` or `tuneWeights` report them), `dropFactors`/`dropRules` remove parts.
 *
 * @example { "name": "creditFirst", "version": "1.1.0", "weights": { "collateralFit": 0.3 } }
 */
export interface ProfileFile {
  name?: string;
  version?: string;
  weights?: Record<string, number>;
  dropFactors?: string[];
  dropRules?: string[];
  /** A shipped strategy by kind, e.g. `{"kind": "lexicographic", "options": {"tiers": [["policyPriority"]]}}`. */
  strategy?: { kind: string; options?: Record<string, unknown> };
  /** Shipped re-rankers by kind, e.g. `[{"kind": "mmr", "options": {"lambda": 0.7}}]`. */
  rerankers?: { kind: string; options?: Record<string, unknown> }[];
}

/**
 * Reads `--profile` and derives it from `base()` with `extendProfile`; `undefined` when no
 * profile was given (the matchers then use the shipped profile). A file that cannot be read,
 * is not JSON, is not of the shape above or that the engine's loader refuses (an unknown
 * factor or rule name…) stops the command with a usage error naming `--profile` and the file
 * (exit 2).
 */
export async function loadProfileOption<S, T>(
  ctx: CliContext,
  base: () => Profile<S, T>,
): Promise<Profile<S, T> | undefined> {
  const loaded = await loadProfileFile(ctx, base);
  return withSignals(ctx, loaded, base);
}

/**
 * Weights of the signals the CLI adds on request: the `text` factor with `--text`, the
 * `collaborative` factor whenever `--interactions` is given (a subject without history makes
 * it abstain, and its weight is redistributed — visible as `abstained` in the output).
 */
export const CLI_SIGNAL_WEIGHTS = Object.freeze({ text: 0.1, collaborative: 0.15 });

async function withSignals<S, T>(
  ctx: CliContext,
  loaded: Profile<S, T> | undefined,
  base: () => Profile<S, T>,
): Promise<Profile<S, T> | undefined> {
  const profile = loaded ?? base();
  const present = new Set(profile.factors.map((f) => f.factor.name));
  const addFactors: { factor: Profile<S, T>['factors'][number]['factor']; weight: number }[] = [];
  if (ctx.flag('text') && !present.has('text')) {
    const { textFactor } = await import('../../text/factor.js');
    addFactors.push({ factor: textFactor() as never, weight: CLI_SIGNAL_WEIGHTS.text });
  }
  if (ctx.string('interactions') !== undefined && !present.has('collaborative')) {
    const { collaborativeFactor } = await import('../../collab/factor.js');
    addFactors.push({
      factor: collaborativeFactor() as never,
      weight: CLI_SIGNAL_WEIGHTS.collaborative,
    });
  }
  if (addFactors.length === 0) return loaded;
  const { extendProfile } = await import('../../engine/profiles/define.js');
  return extendProfile(profile, { addFactors });
}

async function loadProfileFile<S, T>(
  ctx: CliContext,
  base: () => Profile<S, T>,
): Promise<Profile<S, T> | undefined> {
  const path = ctx.string('profile');
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // A file that cannot be read (missing, a directory…) is a bad --profile, said as one.
    return ctx.usageError(
      `--profile: ${fileErrorText('read', path, systemCodeOf(error), ctx.locale)}`,
    );
  }
  try {
    return await profileFromText(ctx, path, text, base);
  } catch (error) {
    // The engine's loader names what is wrong (an unknown factor, a bad weight…): a usage
    // error of --profile, naming it and the file.
    if (!(error instanceof ProfileError)) throw error;
    return ctx.usageError(`--profile ${path}: ${error.messages?.[ctx.locale] ?? error.message}`);
  }
}

async function profileFromText<S, T>(
  ctx: CliContext,
  path: string,
  text: string,
  base: () => Profile<S, T>,
): Promise<Profile<S, T>> {
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(detail)?.[1];
    return ctx.usageError(
      ctx.t(
        `--profile ${path} 不是有效的 JSON${position !== undefined ? `（位置 ${position}）` : ''}`,
        `--profile ${path} is not valid JSON: ${detail}`,
      ),
    );
  }
  const expected = base();
  const { profileFromSpec, profileToSpec } = await import('../../engine/profiles/spec.js');
  if (typeof spec === 'object' && spec !== null && ('format' in spec || 'base' in spec)) {
    // A full profile spec, as `finmatch tune --out` and `profileToSpec` write it.
    const profile = profileFromSpec(spec, {});
    if (profile.market !== expected.market)
      return ctx.usageError(
        ctx.t(
          `--profile ${path} 是 ${profile.market} 方案；此命令需要 ${expected.market} 方案`,
          `--profile ${path} is a ${profile.market} profile; this command needs ${expected.market}`,
        ),
      );
    return profile as unknown as Profile<S, T>;
  }
  const file = checkProfileFile(ctx, path, spec);
  const { extendProfile } = await import('../../engine/profiles/define.js');
  const extended = extendProfile(expected, {
    ...(file.name !== undefined ? { name: file.name } : {}),
    ...(file.version !== undefined ? { version: file.version } : {}),
    ...(file.weights !== undefined ? { weights: file.weights } : {}),
    ...(file.dropFactors !== undefined ? { dropFactors: file.dropFactors } : {}),
    ...(file.dropRules !== undefined ? { dropRules: file.dropRules } : {}),
  });
  if (file.strategy === undefined && file.rerankers === undefined) return extended;
  // Strategy and re-rankers by kind: through the spec loader, which builds shipped parts.
  const full = profileToSpec(extended);
  if (file.strategy) full.strategy = { name: file.strategy.kind, ...file.strategy };
  if (file.rerankers) full.rerankers = file.rerankers.map((r) => ({ name: r.kind, ...r }));
  return profileFromSpec(full, {}) as unknown as Profile<S, T>;
}

function checkProfileFile(ctx: CliContext, path: string, spec: unknown): ProfileFile {
  const fail = (what: string, zh: string): never =>
    ctx.usageError(`--profile ${path}: ${ctx.t(zh, what)}`);
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    return fail(
      'expected a JSON object such as {"weights": {"sectorFit": 0.2}}',
      '应为 JSON 对象，如 {"weights": {"sectorFit": 0.2}}',
    );
  const known = new Set([
    'name',
    'version',
    'weights',
    'dropFactors',
    'dropRules',
    'strategy',
    'rerankers',
  ]);
  const record = spec as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!known.has(key))
      fail(
        `unknown field ${JSON.stringify(key)}; expected ${[...known].join(', ')}`,
        `未知字段 ${JSON.stringify(key)}；应为 ${[...known].join('、')} 之一`,
      );
  }
  for (const key of ['name', 'version'] as const) {
    if (record[key] !== undefined && typeof record[key] !== 'string')
      fail(`${key} must be a string`, `${key} 须为字符串`);
  }
  const weights = record.weights;
  if (weights !== undefined) {
    if (typeof weights !== 'object' || weights === null || Array.isArray(weights))
      fail(
        'weights must be an object of factor name → number',
        'weights 须为“因子名 → 数值”的对象',
      );
    for (const [name, w] of Object.entries(weights as Record<string, unknown>)) {
      if (typeof w !== 'number')
        fail(
          `weight of ${JSON.stringify(name)} must be a number`,
          `${JSON.stringify(name)} 的权重须为数值`,
        );
    }
  }
  for (const key of ['dropFactors', 'dropRules'] as const) {
    const list = record[key];
    if (list !== undefined && !(Array.isArray(list) && list.every((x) => typeof x === 'string')))
      fail(`${key} must be a list of names`, `${key} 须为名称列表`);
  }
  const isPart = (x: unknown) =>
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    typeof (x as { kind?: unknown }).kind === 'string' &&
    Object.keys(x).every((k) => k === 'kind' || k === 'options');
  if (record.strategy !== undefined && !isPart(record.strategy))
    fail(
      'strategy must be {"kind": "…", "options": {…}}',
      'strategy 须为 {"kind": "…", "options": {…}}',
    );
  if (
    record.rerankers !== undefined &&
    !(Array.isArray(record.rerankers) && record.rerankers.every(isPart))
  )
    fail(
      'rerankers must be a list of {"kind": "…", "options": {…}}',
      'rerankers 须为 {"kind": "…", "options": {…}} 的列表',
    );
  return record as ProfileFile;
}
