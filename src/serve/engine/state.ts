/**
 * The market as one engine worker holds it: validated records by kind, the outcome events, and
 * the matchers built from them at one change-log position (the model's `modelSeq`), kept
 * current by incremental upserts and removals after it.
 *
 * The same class serves live workers and audits. A state is a pure function of the change log:
 * built from the records at `modelSeq` (every outcome event up to it is in the model), then
 * every later change applied in order. A change to reference data (institutions, chains,
 * zones) rebuilds at that position, because matchers take reference data at construction;
 * outcome events after `modelSeq` are kept but enter the model only at the next
 * {@link MarketState.refit}. Replaying the log from `modelSeq` therefore reproduces any ranking
 * exactly (see `../audit.ts`).
 *
 * @module
 */
import {
  FinmatchError,
  UnknownIdError,
  ValidationError,
  type ValidationIssue,
} from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { parseRecord } from '../../model/parse.js';
import { RECORD_KIND_NAMES_ZH } from '../../model/enums.js';
import type {
  Enterprise,
  FinancialProduct,
  IndustrialChain,
  Institution,
  Interaction,
  Investor,
  Project,
  SpecialZone,
} from '../../model/types.js';
import type {
  EnterpriseIndex,
  InvestorMatcher,
  MatcherOptions,
  ProductMatcher,
  ProjectIndex,
} from '../../engine/api.js';
import type { EnterpriseProductProfile, ProjectInvestorProfile } from '../../engine/types.js';
import { createEnterpriseIndex } from '../../engine/matchers/enterprise-index.js';
import { createProductMatcher } from '../../engine/matchers/product-matcher.js';
import { createInvestorMatcher } from '../../engine/matchers/investor-matcher.js';
import { createProjectIndex } from '../../engine/matchers/project-index.js';
import { enterpriseProductProfile } from '../../engine/profiles/enterprise-product.js';
import { projectInvestorProfile } from '../../engine/profiles/project-investor.js';
import { profileFromSpec, profileHash } from '../../engine/profiles/spec.js';
import { saveSnapshot } from '../../batch/snapshot.js';
import type { Change, StoredKind } from '../store/types.js';
import { todayUtc } from '../../util/dates.js';
import { dateOption } from '../../util/options.js';

/** The record type of each stored kind. */
export interface StoredRecord {
  institution: Institution;
  chain: IndustrialChain;
  zone: SpecialZone;
  product: FinancialProduct;
  enterprise: Enterprise;
  investor: Investor;
  project: Project;
  interaction: Interaction;
}

/** How a state is configured: the same for every worker of a service and for its audits. */
export interface StateConfig {
  /** Profile specs (format 2 JSON) per market; the shipped profiles when absent. */
  profiles?: { enterpriseProduct?: unknown; projectInvestor?: unknown };
  /**
   * Evaluation date of the matchers, YYYY-MM-DD. When absent the date of each build (UTC):
   * a long-running service moves to the new day at its next refit. Recorded with every ranking.
   */
  asOf?: string;
}

/** Kinds whose change forces a rebuild: matchers take reference data at construction. */
const REFERENCE_KINDS: ReadonlySet<StoredKind> = new Set(['institution', 'chain', 'zone']);

/** The matchers of one build, per locale where they produce text. */
export interface Matchers {
  products: Record<Locale, ProductMatcher>;
  enterprises: EnterpriseIndex;
  investors: Record<Locale, InvestorMatcher>;
  projects: ProjectIndex;
}

/** What a state reports about itself. */
export interface StateInfo {
  /** Last change applied. */
  seq: number;
  /** Position of the last build: every record and outcome event up to it is in the model. */
  modelSeq: number;
  /** `m<modelSeq>`. */
  modelVersion: string;
  /** Outcome events applied after `modelSeq`, waiting for the next refit. */
  pendingEvents: number;
  asOf: string;
  profileHashes: { enterpriseProduct: string; projectInvestor: string };
  counts: Record<StoredKind, number>;
  /** Milliseconds the last build took. */
  buildMs: number;
  /** Records held but not matchable (dangling references, events after `asOf`). */
  quarantined: number;
}

const LOCALES: readonly Locale[] = ['zh', 'en'];

/** Rounds of setting rejected records aside before a build gives up (one per record kind). */
const MAX_QUARANTINE_ROUNDS = 16;

/** The record lists a build starts from, sorted by id. */
type BuildInputs = { [K in StoredKind]: StoredRecord[K][] };

/** A stored record left out of the matchers, with why. */
export interface QuarantinedRecord {
  kind: StoredKind;
  id: string;
  issues: ValidationIssue[];
}

/** Chinese names of what the service holds, for messages. */
export const KIND_NAMES_ZH: Readonly<Record<StoredKind | 'ranking' | 'snapshot' | 'key', string>> =
  {
    ...RECORD_KIND_NAMES_ZH,
    ranking: '排序记录',
    snapshot: '快照',
    key: '密钥',
  };

/**
 * The error for an id the caller cannot see: absent, or (for an institution key) another
 * institution's — the two read the same, so nothing leaks.
 */
export function unknownIdError(
  what: keyof typeof KIND_NAMES_ZH,
  id: string,
  locale: Locale,
): UnknownIdError {
  return new UnknownIdError(
    id,
    locale === 'en'
      ? `unknown ${what} id ${JSON.stringify(id)}`
      : `未知的${KIND_NAMES_ZH[what]} id ${JSON.stringify(id)}`,
  );
}

/**
 * The enterprise–product profile a state with `config` ranks with: the spec in
 * `config.profiles.enterpriseProduct`, else the shipped profile. Throws the profile's errors.
 */
export function enterpriseProductProfileOf(config: StateConfig): EnterpriseProductProfile {
  return config.profiles?.enterpriseProduct === undefined
    ? enterpriseProductProfile()
    : (profileFromSpec(config.profiles.enterpriseProduct, {
        market: 'enterpriseProduct',
      }) as EnterpriseProductProfile);
}

/** The market of one engine worker (or one audit). */
export class MarketState {
  readonly records: { [K in StoredKind]: Map<string, StoredRecord[K]> } = {
    institution: new Map(),
    chain: new Map(),
    zone: new Map(),
    product: new Map(),
    enterprise: new Map(),
    investor: new Map(),
    project: new Map(),
    interaction: new Map(),
  };
  /** The change-log position of each outcome event. */
  private readonly eventSeq = new Map<string, number>();
  private seq = 0;
  private modelSeq = 0;
  private asOf = '';
  private buildMs = 0;
  private built: Matchers | undefined;
  private readonly quarantine = new Map<string, QuarantinedRecord>();
  private readonly epProfile: EnterpriseProductProfile;
  private readonly piProfile: ProjectInvestorProfile;
  /** Profile hashes, computed once (every answer carries them). */
  private readonly hashes: StateInfo['profileHashes'];
  /** Outcome events held with a position after `modelSeq`, kept current as changes apply. */
  private pending = 0;

  constructor(private readonly config: StateConfig = {}) {
    if (config.asOf !== undefined) dateOption(config.asOf, 'asOf');
    this.epProfile = enterpriseProductProfileOf(config);
    this.piProfile =
      config.profiles?.projectInvestor === undefined
        ? projectInvestorProfile()
        : (profileFromSpec(config.profiles.projectInvestor, {
            market: 'projectInvestor',
          }) as ProjectInvestorProfile);
    this.hashes = {
      enterpriseProduct: profileHash(this.epProfile),
      projectInvestor: profileHash(this.piProfile),
    };
  }

  /** Adds records before the first build (a page of the store's records at one position). */
  load(changes: readonly Change[]): void {
    for (const c of changes) this.put(c);
  }

  /**
   * Builds every matcher from the records held, at change-log position `seq`: the model
   * includes every outcome event held. Used at start, at a refit and on reference changes.
   */
  build(seq: number, asOf?: string): void {
    const started = performance.now();
    this.seq = Math.max(this.seq, seq);
    this.modelSeq = this.seq;
    this.pending = 0;
    this.asOf = asOf ?? this.config.asOf ?? todayUtc();
    this.quarantine.clear();
    const r = this.records;
    const inputs: BuildInputs = {
      institution: sorted(r.institution),
      chain: sorted(r.chain),
      zone: sorted(r.zone),
      product: sorted(r.product),
      enterprise: sorted(r.enterprise),
      investor: sorted(r.investor),
      project: sorted(r.project),
      interaction: sorted(r.interaction),
    };
    const byLocale = <M>(make: (l: Locale) => M): Record<Locale, M> =>
      Object.fromEntries(LOCALES.map((l) => [l, make(l)])) as Record<Locale, M>;
    const make = (x: BuildInputs): Matchers => {
      const base = {
        asOf: this.asOf,
        institutions: x.institution,
        chains: x.chain,
        zones: x.zone,
        interactions: x.interaction,
      };
      const ep = (locale: Locale): MatcherOptions<EnterpriseProductProfile> => ({
        ...base,
        locale,
        profile: this.epProfile,
        subjects: named(x.interaction, 'enterprise', x.enterprise),
      });
      const pi = (locale: Locale): MatcherOptions<ProjectInvestorProfile> => ({
        ...base,
        locale,
        profile: this.piProfile,
        subjects: named(x.interaction, 'project', x.project),
      });
      return {
        products: byLocale((l) => createProductMatcher(x.product, ep(l))),
        enterprises: createEnterpriseIndex(x.enterprise, { ...ep('zh'), targets: x.product }),
        investors: byLocale((l) => createInvestorMatcher(x.investor, pi(l))),
        projects: createProjectIndex(x.project, { ...pi('zh'), targets: x.investor }),
      };
    };
    this.built = this.withQuarantine(inputs, make);
    this.buildMs = performance.now() - started;
  }

  /** Rebuilds at the current position with every outcome event held (a refit). */
  refit(asOf?: string): void {
    this.build(this.seq, asOf);
  }

  /**
   * Applies changes in log order. Upserts and removals reach the built matchers
   * incrementally; a reference-data change rebuilds at its position.
   */
  apply(changes: readonly Change[]): void {
    let i = 0;
    while (i < changes.length) {
      const first = changes[i]!;
      if (first.seq <= this.seq) {
        i++;
        continue;
      }
      // A run of same-kind, same-operation changes with distinct ids goes in one call.
      const upsert = first.body !== null;
      const run: Change[] = [];
      const ids = new Set<string>();
      while (i < changes.length) {
        const c = changes[i]!;
        if (c.kind !== first.kind || (c.body !== null) !== upsert || ids.has(c.id)) break;
        if (REFERENCE_KINDS.has(c.kind) && run.length > 0) break;
        run.push(c);
        ids.add(c.id);
        i++;
      }
      this.applyRun(first.kind, upsert, run);
    }
  }

  private applyRun(kind: StoredKind, upsert: boolean, run: readonly Change[]): void {
    const stored = run.map((c) => this.put(c));
    const last = run[run.length - 1]!.seq;
    this.seq = last;
    if (!this.built) return;
    if (REFERENCE_KINDS.has(kind)) {
      this.build(last, this.asOf);
      return;
    }
    const ids = run.map((c) => c.id);
    for (const id of ids) this.quarantine.delete(`${kind}:${id}`);
    if (!upsert) {
      this.update(kind, false, [], ids);
      return;
    }
    this.withQuarantine({ [kind]: stored } as Partial<BuildInputs>, (x) =>
      this.update(kind, true, (x[kind] ?? []) as unknown[], []),
    );
  }

  /** Passes one run to the built matchers. */
  private update(kind: StoredKind, upsert: boolean, records: unknown[], ids: string[]): void {
    const m = this.matchers;
    switch (kind) {
      case 'product':
        for (const l of LOCALES)
          if (upsert) m.products[l].upsertProducts(records as FinancialProduct[]);
          else m.products[l].removeProducts(ids);
        break;
      case 'enterprise':
        if (upsert) m.enterprises.upsertEnterprises(records as Enterprise[]);
        else m.enterprises.removeEnterprises(ids);
        break;
      case 'investor':
        for (const l of LOCALES)
          if (upsert) m.investors[l].upsertInvestors(records as Investor[]);
          else m.investors[l].removeInvestors(ids);
        break;
      case 'project':
        if (upsert) m.projects.upsertProjects(records as Project[]);
        else m.projects.removeProjects(ids);
        break;
      default:
        // Outcome events wait for the next refit.
        break;
    }
  }

  /**
   * Runs `make` on `inputs`; when the library rejects records (a reference to a record not
   * stored yet, an event dated after `asOf`), sets them aside in the quarantine with the
   * library's issues and runs again without them. Deterministic: the same inputs always
   * quarantine the same records, so replays agree. A quarantined record is matched again
   * when a later change (the missing reference arriving, a refit) makes it valid.
   */
  private withQuarantine<T, I extends Partial<BuildInputs>>(inputs: I, make: (x: I) => T): T {
    let current = inputs;
    for (let attempt = 0; ; attempt++) {
      try {
        return make(current);
      } catch (error) {
        if (!(error instanceof ValidationError) || attempt >= MAX_QUARANTINE_ROUNDS) throw error;
        const kind = error.kind as StoredKind;
        const list = current[kind] as { id: string }[] | undefined;
        const bad = new Set(
          error.issues.map((i) => i.recordId).filter((id): id is string => id !== undefined),
        );
        if (list === undefined || bad.size === 0 || !list.some((x) => bad.has(x.id))) throw error;
        for (const issue of error.issues)
          if (issue.recordId !== undefined) {
            const key = `${kind}:${issue.recordId}`;
            const entry = this.quarantine.get(key) ?? { kind, id: issue.recordId, issues: [] };
            entry.issues.push(issue);
            this.quarantine.set(key, entry);
          }
        current = { ...current, [kind]: list.filter((x) => !bad.has(x.id)) };
      }
    }
  }

  /**
   * The library snapshots (format 2) of both markets at the current position, with the
   * records held and the model's `asOf`: `loadSnapshot` rebuilds each market's matchers.
   */
  snapshot(): { enterpriseProduct: string; projectInvestor: string } {
    const r = this.records;
    const interactions = sorted(r.interaction);
    const common = {
      asOf: this.asOf,
      chains: sorted(r.chain),
      zones: sorted(r.zone),
      institutions: sorted(r.institution),
    };
    const ep = interactions.filter((i) => i.subjectKind === 'enterprise');
    const pi = interactions.filter((i) => i.subjectKind === 'project');
    return {
      enterpriseProduct: saveSnapshot({
        ...common,
        profile: this.epProfile as never,
        subjects: sorted(r.enterprise),
        targets: sorted(r.product),
        interactions: ep,
      }),
      projectInvestor: saveSnapshot({
        ...common,
        profile: this.piProfile as never,
        subjects: sorted(r.project),
        targets: sorted(r.investor),
        interactions: pi,
      }),
    };
  }

  /** Records held but left out of the matchers, with the library's reasons, by kind then id. */
  quarantined(): QuarantinedRecord[] {
    return [...this.quarantine.values()].sort((a, b) =>
      a.kind === b.kind ? (a.id < b.id ? -1 : 1) : a.kind < b.kind ? -1 : 1,
    );
  }

  /** Stores one change in the record maps; returns the validated record (undefined on delete). */
  private put(c: Change): unknown {
    const map = this.records[c.kind] as Map<string, unknown>;
    if (c.kind === 'interaction') {
      const before = this.eventSeq.get(c.id);
      if (before !== undefined && before > this.modelSeq) this.pending--;
      if (c.body === null) this.eventSeq.delete(c.id);
      else {
        this.eventSeq.set(c.id, c.seq);
        if (c.seq > this.modelSeq) this.pending++;
      }
    }
    if (c.body === null) {
      map.delete(c.id);
      return undefined;
    }
    // Bodies in the store were validated when written; parsing restores the typed record.
    const record = parseRecord(c.kind, c.body);
    map.set(c.id, record);
    return record;
  }

  /** The built matchers; throws when the state has not been built yet. */
  get matchers(): Matchers {
    if (!this.built) throw new FinmatchError('INVALID_OPTION', 'the market has not been built yet');
    return this.built;
  }

  /** What the state is: positions, model version, counts. */
  info(): StateInfo {
    const counts = Object.fromEntries(
      Object.entries(this.records).map(([k, m]) => [k, m.size]),
    ) as Record<StoredKind, number>;
    return {
      seq: this.seq,
      modelSeq: this.modelSeq,
      modelVersion: `m${this.modelSeq}`,
      pendingEvents: this.pending,
      asOf: this.asOf,
      profileHashes: this.hashes,
      counts,
      buildMs: Math.round(this.buildMs),
      quarantined: this.quarantine.size,
    };
  }
}

function sorted<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.keys()].sort().map((k) => map.get(k)!);
}

/** The subject records named by outcome events (what the learned factors count features of). */
function named<T extends { id: string }>(
  interactions: readonly Interaction[],
  kind: 'enterprise' | 'project',
  records: readonly T[],
): T[] {
  const ids = new Set<string>();
  for (const i of interactions) if (i.subjectKind === kind) ids.add(i.subjectId);
  return records.filter((r) => ids.has(r.id));
}
