import { OptionError } from '../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import type { InvestorMatcher, MatcherOptions } from '../engine/api.js';
import { investorMatcherCore } from '../engine/matchers/investor-matcher.js';
import {
  createTargetMatcher,
  PROJECT_INVESTOR,
  type TargetMatcher,
} from '../engine/matchers/market.js';
import type { PairScores } from '../compile/pairs.js';
import type { ProjectInvestorProfile } from '../engine/types.js';
import { parseAll } from '../model/parse.js';
import { describeValue } from '../util/describe.js';
import {
  arrayOption,
  enumOption,
  numberOption,
  readOptions,
  stringOption,
} from '../util/options.js';
import type { Investor, InvestorInput, Project, ProjectInput } from '../model/types.js';
import {
  canonicalPairs,
  compareIds,
  compileAssignment,
  compileAssignmentColumns,
  subjectPairs,
  type CompiledAssignment,
  type SubjectPairs,
} from './compile.js';
import { maxWeightAssignment } from './optimal.js';
import { deferredAcceptance } from './stable.js';
import type { AssignmentPair } from './types.js';

/** How {@link assign} pairs projects with investors. */
export type AssignMethod =
  /** Project-proposing deferred acceptance: no project and investor would both rather be together. */
  | 'stable'
  /** Maximum total score under the investors' capacities. */
  | 'optimal';

/** Two-sided scores of one eligible project–investor pair, given instead of a matcher. */
export interface ProjectInvestorScore {
  projectId: string;
  investorId: string;
  /** How much the project likes the investor, in [0, 1]. */
  projectScore: number;
  /** How much the investor likes the project, in [0, 1]. */
  investorScore: number;
  /** The pair's combined score, in [0, 1]. */
  score: number;
}

/** Options of {@link assign}. */
export interface AssignOptions {
  /** Default `stable`. */
  method?: AssignMethod;
  /**
   * Ranks investors for each project (`rankInvestors(project, { k: Infinity })`): every
   * eligible investor with its two-sided `sides` and `score`. Results naming investors not in
   * `investors` are ignored, so a platform-wide matcher can serve one event's investors. When
   * a match has no `sides` (a one-sided strategy), its `score` stands for both sides. Default:
   * `createInvestorMatcher(investors, matcherOptions)`.
   */
  matcher?: InvestorMatcher;
  /** Options of the default matcher (profile, `asOf`, reference data…). */
  matcherOptions?: MatcherOptions<ProjectInvestorProfile>;
  /** Explicit eligible pairs and their scores, instead of a matcher. */
  scores?: readonly ProjectInvestorScore[];
  /** Language of validation messages. Default `zh`. */
  locale?: Locale;
}

/** A project assigned to an investor, or an eligible pair. */
export interface ProjectInvestorPair {
  projectId: string;
  investorId: string;
  /** The pair's combined score. */
  score: number;
}

/**
 * What {@link assign} returns. Every list is sorted deterministically. `preferences` and
 * `pairs` (one entry per eligible pair) are built when first read and then kept.
 */
export interface AssignOutput {
  method: AssignMethod;
  /** Sorted by project id. */
  assignments: ProjectInvestorPair[];
  /** Projects without an investor, sorted by id. */
  unassigned: string[];
  /** The preference lists used, best first (ties by id). */
  preferences: {
    /** By project id: its eligible investors ordered by the project's own score (`score`). */
    projects: Record<string, { investorId: string; score: number }[]>;
    /** By investor id: its eligible projects ordered by the investor's own score (`score`). */
    investors: Record<string, { projectId: string; score: number }[]>;
  };
  /** Every eligible pair with its combined score, sorted by project id then investor id. */
  pairs: ProjectInvestorPair[];
  /** How many eligible pairs there are (`pairs.length`, without building `pairs`). */
  eligiblePairCount: number;
  /** Sum of the assigned pairs' scores. */
  totalScore: number;
  /** By investor id: places used and capacity. */
  capacityUse: Record<string, { used: number; capacity: number }>;
}

/**
 * Matchmaking for "one month, one industrial chain" events: assigns S&T projects to investors
 * with limited capacity (`Investor.capacity`, new deals). Validates both lists (every issue of
 * every bad record in one `ValidationError`), scores every eligible pair on both sides (with
 * the matcher, or the given `scores`) and runs `stableAssignment` or `optimalAssignment` on
 * the result.
 *
 * @example
 * ```ts
 * const event = assign(projects, investors, { method: 'stable', matcherOptions: { asOf: '2026-06-30' } });
 * for (const a of event.assignments) console.log(a.projectId, '→', a.investorId, a.score);
 * ```
 * @throws `ValidationError` for invalid projects or investors (including duplicate ids);
 * `OptionError` for an unknown option key (with a did-you-mean), an unknown method or locale,
 * a matcher without `rankInvestors`, or scores that are not in [0, 1] (path
 * `scores[i].projectScore`); `UnknownIdError` for scores naming an unknown project or
 * investor.
 */
export function assign(
  projects: readonly (ProjectInput | Project)[],
  investors: readonly (InvestorInput | Investor)[],
  options?: AssignOptions,
): AssignOutput {
  const o = readOptions(options, ['method', 'matcher', 'matcherOptions', 'scores', 'locale']);
  const locale = enumOption<Locale>(o.locale, 'locale', ['zh', 'en'], DEFAULT_LOCALE);
  const method = enumOption<AssignMethod>(o.method, 'method', ['stable', 'optimal'], 'stable');
  if (o.scores !== undefined && o.matcher !== undefined) {
    throw new OptionError('scores', 'give either `scores` or `matcher`, not both');
  }
  const scores = o.scores === undefined ? undefined : readScores(o.scores);
  const matcher = o.matcher === undefined ? undefined : readMatcher(o.matcher);
  const parsedProjects = parseAll('project', projects, { locale });
  const parsedInvestors = parseAll('investor', investors, { locale });
  const subjects = parsedProjects.map((p) => p.id);
  const targets = parsedInvestors.map((i) => ({ id: i.id, capacity: i.capacity }));
  const core = scores
    ? undefined
    : matcher === undefined
      ? createTargetMatcher<Project, Investor>(
          PROJECT_INVESTOR,
          parsedInvestors,
          o.matcherOptions as MatcherOptions<ProjectInvestorProfile> | undefined,
        )
      : investorMatcherCore(matcher);
  const compiled = scores
    ? compileAssignment({ subjects, targets, pairs: scores.map(fromScore) })
    : core
      ? compileMatcherEvent(parsedProjects, parsedInvestors, core)
      : compileAssignment({
          subjects,
          targets,
          pairs: pairsFromMatcher(parsedProjects, parsedInvestors, matcher!),
        });
  if (method === 'stable') {
    return toOutput(method, compiled, deferredAcceptance(compiled), canonicalPairs(compiled));
  }
  return toOutput(method, compiled, maxWeightAssignment(compiled), subjectPairs(compiled));
}

const SCORE_KEYS = ['projectId', 'investorId', 'projectScore', 'investorScore', 'score'] as const;

/** The `scores` option: pairs with string ids and scores in [0, 1], read defensively. */
function readScores(value: unknown): ProjectInvestorScore[] {
  return arrayOption(value, 'scores', (item, path) => {
    const r = readOptions(item, SCORE_KEYS, path);
    const score = (key: 'projectScore' | 'investorScore' | 'score') =>
      numberOption(r[key], `${path}.${key}`, { min: 0, max: 1 });
    return {
      projectId: stringOption(r.projectId, `${path}.projectId`),
      investorId: stringOption(r.investorId, `${path}.investorId`),
      projectScore: score('projectScore'),
      investorScore: score('investorScore'),
      score: score('score'),
    };
  });
}

/** The `matcher` option: anything with a `rankInvestors` method. */
function readMatcher(value: unknown): InvestorMatcher {
  let rank: unknown;
  try {
    rank =
      value !== null && typeof value === 'object'
        ? (value as InvestorMatcher).rankInvestors
        : undefined;
  } catch {
    rank = undefined;
  }
  if (typeof rank !== 'function')
    throw new OptionError(
      'matcher',
      `matcher must be an investor matcher (with a rankInvestors method), received ${describeValue(value)}`,
    );
  return value as InvestorMatcher;
}

function fromScore(s: ProjectInvestorScore): AssignmentPair {
  return {
    subjectId: s.projectId,
    targetId: s.investorId,
    subjectScore: s.projectScore,
    targetScore: s.investorScore,
    score: s.score,
  };
}

/**
 * The pairs of the default matcher, or of one made by `createInvestorMatcher`, scored in bulk:
 * the matcher's catalogue core scores every project's eligible investors on the columnar path
 * (`TargetMatcher.scorePairs`), with the scores and sides `rankInvestors(project, { k:
 * Infinity })` gives, straight into assignment columns. Investors of the catalogue outside the
 * event are skipped (a platform-wide matcher can serve one event). Projects go in id order
 * over the id-ordered catalogue, so the columns are in the compiled instance's canonical order
 * already.
 */
function compileMatcherEvent(
  projects: readonly Project[],
  investors: readonly Investor[],
  core: TargetMatcher<Project, Investor>,
): CompiledAssignment {
  const ordered = [...projects].sort((a, b) => compareIds(a.id, b.id));
  const targets = [...investors].sort((a, b) => compareIds(a.id, b.id));
  const eventIndex = new Map(targets.map((t, i) => [t.id, i]));
  const rowToEvent = Int32Array.from(core.targets, (t) => eventIndex.get(t.id) ?? -1);
  const scored = core.scorePairs(ordered);
  let kept = 0;
  for (let i = 0; i < scored.target.length; i++) if (rowToEvent[scored.target[i]!]! >= 0) kept++;
  const pairs =
    kept === scored.target.length
      ? { ...scored, target: scored.target.map((row) => rowToEvent[row]!) }
      : keepEventPairs(scored, rowToEvent, kept);
  return compileAssignmentColumns({
    subjects: ordered.map((p) => p.id),
    targets: targets.map((i) => ({ id: i.id, capacity: i.capacity })),
    pairs,
  });
}

/** The scored pairs whose investor is in the event, with event target indices. */
function keepEventPairs(scored: PairScores, rowToEvent: Int32Array, kept: number): PairScores {
  const out: PairScores = {
    subject: new Int32Array(kept),
    target: new Int32Array(kept),
    subjectScore: new Float64Array(kept),
    targetScore: new Float64Array(kept),
    score: new Float64Array(kept),
  };
  for (let i = 0, k = 0; i < scored.target.length; i++) {
    const t = rowToEvent[scored.target[i]!]!;
    if (t < 0) continue;
    out.subject[k] = scored.subject[i]!;
    out.target[k] = t;
    out.subjectScore[k] = scored.subjectScore[i]!;
    out.targetScore[k] = scored.targetScore[i]!;
    out.score[k++] = scored.score[i]!;
  }
  return out;
}

/** Pairs of a given matcher, project by project (`rankInvestors(project, { k: Infinity })`). */
function pairsFromMatcher(
  projects: readonly Project[],
  investors: readonly Investor[],
  matcher: InvestorMatcher,
): AssignmentPair[] {
  const known = new Set(investors.map((i) => i.id));
  const pairs: AssignmentPair[] = [];
  for (const project of projects) {
    for (const m of matcher.rankInvestors(project, { k: Infinity })) {
      if (!known.has(m.investorId)) continue;
      pairs.push({
        subjectId: project.id,
        targetId: m.investorId,
        subjectScore: m.sides?.subject ?? m.score,
        targetScore: m.sides?.target ?? m.score,
        score: m.score,
      });
    }
  }
  return pairs;
}

/** The output of an assignment; `pairs` are the columns `assigned` numbers pairs in. */
function toOutput(
  method: AssignMethod,
  c: CompiledAssignment,
  assigned: Int32Array,
  pairs: SubjectPairs,
): AssignOutput {
  const assignments: ProjectInvestorPair[] = [];
  const unassigned: string[] = [];
  const used = new Int32Array(c.targetIds.length);
  let totalScore = 0;
  for (let s = 0; s < c.subjectIds.length; s++) {
    const p = assigned[s]!;
    if (p < 0) {
      unassigned.push(c.subjectIds[s]!);
      continue;
    }
    const t = pairs.target[p]!;
    used[t]!++;
    totalScore += pairs.score[p]!;
    assignments.push({
      projectId: c.subjectIds[s]!,
      investorId: c.targetIds[t]!,
      score: pairs.score[p]!,
    });
  }
  const capacityUse: [string, { used: number; capacity: number }][] = [];
  for (let t = 0; t < c.targetIds.length; t++)
    capacityUse.push([c.targetIds[t]!, { used: used[t]!, capacity: c.capacity[t]! }]);
  const out = {
    method,
    assignments,
    unassigned,
    preferences: undefined as unknown as AssignOutput['preferences'],
    pairs: undefined as unknown as ProjectInvestorPair[],
    eligiblePairCount: c.subjectStart[c.subjectIds.length]!,
    totalScore,
    capacityUse: Object.fromEntries(capacityUse),
  };
  builtOnRead(out, 'preferences', () => preferencesOf(c));
  builtOnRead(out, 'pairs', () => pairsOf(c));
  return out;
}

/**
 * Makes `key` of `target` an enumerable property computed by `build` on first read and kept
 * (a write replaces it). The per-pair parts of an output — one object per eligible pair, 2.6
 * million in a 10,000 × 2,000 event — cost more than the assignment itself, so they are built
 * only when read (JSON.stringify, spreading and deep equality read them like any property).
 */
function builtOnRead<O extends object, K extends keyof O>(target: O, key: K, build: () => O[K]) {
  let value: O[K] | undefined;
  let built = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!built) {
        value = build();
        built = true;
      }
      return value;
    },
    set(next: O[K]) {
      value = next;
      built = true;
    },
  });
}

function preferencesOf(c: CompiledAssignment): AssignOutput['preferences'] {
  const { subjectIds, targetIds, pairSubject, pairTarget, subjectStart, targetStart } = c;
  const { subjectPrefs, targetPrefs, subjectScore, targetScore } = c;
  const projects: [string, { investorId: string; score: number }[]][] = [];
  for (let s = 0; s < subjectIds.length; s++) {
    const list: { investorId: string; score: number }[] = [];
    for (let k = subjectStart[s]!; k < subjectStart[s + 1]!; k++) {
      const p = subjectPrefs[k]!;
      list.push({ investorId: targetIds[pairTarget[p]!]!, score: subjectScore[p]! });
    }
    projects.push([subjectIds[s]!, list]);
  }
  const investors: [string, { projectId: string; score: number }[]][] = [];
  for (let t = 0; t < targetIds.length; t++) {
    const list: { projectId: string; score: number }[] = [];
    for (let k = targetStart[t]!; k < targetStart[t + 1]!; k++) {
      const p = targetPrefs[k]!;
      list.push({ projectId: subjectIds[pairSubject[p]!]!, score: targetScore[p]! });
    }
    investors.push([targetIds[t]!, list]);
  }
  return { projects: Object.fromEntries(projects), investors: Object.fromEntries(investors) };
}

/** Every eligible pair: compiled pairs are in (project, investor) id order already. */
function pairsOf(c: CompiledAssignment): ProjectInvestorPair[] {
  const { subjectIds, targetIds, pairSubject, pairTarget, score } = c;
  // Pushed, not preallocated: `new Array(n)` beyond 100,000 elements starts as a dictionary.
  const pairs: ProjectInvestorPair[] = [];
  for (let p = 0; p < score.length; p++)
    pairs.push({
      projectId: subjectIds[pairSubject[p]!]!,
      investorId: targetIds[pairTarget[p]!]!,
      score: score[p]!,
    });
  return pairs;
}
