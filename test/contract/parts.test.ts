/**
 * The contract every shipped rule and factor passes by being listed in `SHIPPED_RULES` /
 * `SHIPPED_FACTORS`: no part is named here. Subjects and targets come from a generated market;
 * subjects are perturbed by fast-check (fields swapped in from other subjects of the same
 * market, amounts and terms drawn at random or on the targets' bounds).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SHIPPED_FACTORS } from '../../src/engine/factors/index.js';
import { SHIPPED_RULES } from '../../src/engine/rules/index.js';
import type {
  EligibilityRule,
  Factor,
  KeyEnv,
  MarketKind,
  MarketReference,
  NumericKernel,
  PairContext,
  RuleOutcome,
  RuleOutcomeState,
  SubjectKey,
} from '../../src/engine/types.js';
import { OptionError } from '../../src/errors.js';
import { KeyDictionary } from '../../src/compile/columns.js';
import { generateMarket } from '../../src/generate/index.js';

const market = generateMarket({ seed: 17, scale: 'small' });
const asOf = market.manifest.asOf;
const reference: MarketReference = {
  chains: new Map(market.chains.map((c) => [c.id, c])),
  zones: new Map(market.zones.map((z) => [z.id, z])),
  institutions: new Map(market.institutions.map((i) => [i.id, i])),
};
const env: KeyEnv = { asOf, reference };
const RUNS = 60;
const TARGETS_PER_RUN = 25;

type Subject = object;
type Target = object;

interface MarketCase {
  market: MarketKind;
  subjects: readonly Subject[];
  targets: readonly Target[];
  /** Numbers a perturbed subject may take, by field path (in addition to other subjects' values). */
  numbers: Readonly<Record<string, fc.Arbitrary<number>>>;
}

const bounds = (ranges: readonly { min: number; max: number }[]) =>
  ranges.flatMap((r) => [r.min, r.max, r.min * 0.999, r.max * 1.001]);

const CASES: readonly MarketCase[] = [
  {
    market: 'enterpriseProduct',
    subjects: market.enterprises,
    targets: market.products,
    numbers: {
      'need.amount': fc.oneof(
        fc.double({ min: 1e3, max: 1e10, noNaN: true }),
        fc.constantFrom(...bounds(market.products.map((p) => p.amount))),
      ),
      'need.termMonths': fc.oneof(
        fc.integer({ min: 1, max: 360 }),
        fc.constantFrom(...market.products.flatMap((p) => [p.termMonths.min, p.termMonths.max])),
      ),
      annualRevenue: fc.oneof(
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.constantFrom(...market.products.flatMap((p) => p.minAnnualRevenue ?? [])),
      ),
      foundedYear: fc.integer({ min: 1980, max: Number(asOf.slice(0, 4)) }),
      employees: fc.integer({ min: 0, max: 5000 }),
    },
  },
  {
    market: 'projectInvestor',
    subjects: market.projects,
    targets: market.investors,
    numbers: {
      'need.amount': fc.oneof(
        fc.double({ min: 1e4, max: 1e10, noNaN: true }),
        fc.constantFrom(...bounds(market.investors.map((i) => i.ticket))),
      ),
      trl: fc.integer({ min: 1, max: 9 }),
    },
  },
];

/** Every field path a perturbation may change: top-level fields and the fields of `need`. */
function fieldPaths(subjects: readonly Subject[]): string[] {
  const paths = new Set<string>();
  for (const s of subjects.slice(0, 50))
    for (const [k, v] of Object.entries(s)) {
      if (k === 'id') continue;
      if (k === 'need') for (const n of Object.keys(v as object)) paths.add(`need.${n}`);
      else paths.add(k);
    }
  return [...paths].sort();
}

function setPath(s: Record<string, unknown>, path: string, value: unknown): void {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) {
    if (value === undefined) delete s[head];
    else s[head] = value;
  } else {
    const inner = { ...(s[head] as Record<string, unknown>) };
    if (value === undefined) delete inner[tail];
    else inner[tail] = value;
    s[head] = inner;
  }
}

function getPath(s: object, path: string): unknown {
  const [head, tail] = path.split('.') as [string, string | undefined];
  const v = (s as Record<string, unknown>)[head];
  return tail === undefined ? v : (v as Record<string, unknown> | undefined)?.[tail];
}

/**
 * A change to a subject: each field either kept, taken from another subject of the market, or
 * (numeric fields) drawn from `numbers`.
 */
type Change = readonly (readonly [string, unknown])[];

function changeArb(c: MarketCase): fc.Arbitrary<Change> {
  const donor = fc.nat(c.subjects.length - 1);
  const fields = fieldPaths(c.subjects).map((path) => {
    const fromDonor = donor.map((i) => getPath(c.subjects[i]!, path));
    const numbers = c.numbers[path];
    const value = numbers ? fc.oneof(fromDonor, numbers) : fromDonor;
    return fc.option(
      value.map((v) => [path, v] as const),
      { freq: 3, nil: null },
    );
  });
  return fc.tuple(...fields).map((changes) => changes.filter((x) => x !== null));
}

function apply(subject: Subject, change: Change): Subject {
  const copy = { ...(subject as Record<string, unknown>) };
  for (const [path, value] of change) setPath(copy, path, value);
  return copy;
}

/** A perturbed subject. */
const subjectArb = (c: MarketCase) =>
  fc
    .tuple(fc.nat(c.subjects.length - 1), changeArb(c))
    .map(([i, change]) => apply(c.subjects[i]!, change));

/** Two subjects: one and a perturbation of it (equal keys exercise the key contract). */
const subjectPairArb = (c: MarketCase) =>
  fc.tuple(subjectArb(c), changeArb(c)).map(([a, change]) => [a, apply(a, change)] as const);

/** A sample of targets, different for each run. */
const targetsArb = (c: MarketCase) =>
  fc
    .array(fc.nat(c.targets.length - 1), {
      minLength: TARGETS_PER_RUN,
      maxLength: TARGETS_PER_RUN,
    })
    .map((ix) => ix.map((i) => c.targets[i]!));

const ctx = <S, T>(subject: S, target: T): PairContext<S, T> => ({
  subject,
  target,
  asOf,
  locale: 'en',
  reference,
});

/** The representative the fast paths keep for `subject`'s key: the key's `fields` alone. */
function representative(key: SubjectKey<Subject>, subject: Subject): Subject {
  const dictionary = new KeyDictionary(key);
  dictionary.intern(subject, env);
  return dictionary.reps[0]!;
}

/** The top-level fields of `target` read while `run` uses it ('*' when it lists its keys). */
function fieldsRead(target: Target, run: (t: Target) => void): Set<string> {
  const read = new Set<string>();
  const proxy = new Proxy(target, {
    get(o, k, r) {
      if (typeof k === 'string') read.add(k);
      return Reflect.get(o, k, r) as unknown;
    },
    has(o, k) {
      if (typeof k === 'string') read.add(k);
      return Reflect.has(o, k);
    },
    ownKeys(o) {
      read.add('*');
      return Reflect.ownKeys(o);
    },
  });
  run(proxy);
  return read;
}

/** `other` with `target`'s values of `fields`: another target that agrees on them. */
function agreeing(target: Target, other: Target, fields: readonly string[]): Target {
  const copy: Record<string, unknown> = { ...other };
  for (const field of fields) {
    if (field in target) copy[field] = (target as Record<string, unknown>)[field];
    else delete copy[field];
  }
  return copy;
}

/** A sample of targets and, for each, another target (different for each run). */
const otherTargetsArb = (c: MarketCase) => fc.tuple(targetsArb(c), targetsArb(c));

/** The three states of a rule outcome: pass, fail, not applicable. */
const state = (outcome: RuleOutcome): RuleOutcomeState =>
  !outcome.passed ? 'fail' : outcome.notApplicable !== undefined ? 'not-applicable' : 'pass';

const check = <Ts extends [unknown, ...unknown[]]>(property: fc.IPropertyWithHooks<Ts>) =>
  fc.assert(property, { numRuns: RUNS, seed: 20260630 });

/**
 * The targetFields contract of one part: `outcome` (its verdict or value) and its kernel read
 * no target field but `fields`, and another target given `t`'s values of them gets the same.
 */
function checkTargetFields(
  c: MarketCase,
  fields: readonly string[],
  outcome: (s: Subject, t: Target) => unknown,
  kernel: NumericKernel<Subject, Target> | undefined,
): void {
  check(
    fc.property(subjectArb(c), otherTargetsArb(c), (s, [ts, others]) => {
      ts.forEach((t, i) => {
        const read = fieldsRead(t, (p) => {
          outcome(s, p);
          if (kernel) kernel.compile(p, env)(kernel.column(s, env));
        });
        expect([...read].filter((f) => !fields.includes(f))).toEqual([]);
        const u = agreeing(t, others[i]!, fields);
        expect(Object.is(outcome(s, u), outcome(s, t))).toBe(true);
        if (kernel) {
          const x = kernel.column(s, env);
          expect(Object.is(kernel.compile(u, env)(x), kernel.compile(t, env)(x))).toBe(true);
        }
      });
    }),
  );
}

for (const c of CASES) {
  const ruleRegistry = SHIPPED_RULES[c.market] as Readonly<
    Record<string, (o?: unknown) => EligibilityRule<Subject, Target>>
  >;
  const factorRegistry = SHIPPED_FACTORS[c.market] as Readonly<
    Record<string, (o?: unknown) => Factor<Subject, Target>>
  >;
  const rules = Object.entries(ruleRegistry);
  const factors = Object.entries(factorRegistry);

  describe(`${c.market} rules`, () => {
    test('the registry lists rules', () => expect(rules.length).toBeGreaterThan(0));

    describe.each(rules)('%s', (kind, factory) => {
      const rule = factory();

      test('is named after its kind and says how to rebuild it', () => {
        expect(rule.name).toBe(kind);
        expect(rule.spec).toEqual({ kind });
      });

      test('has a fast-path hook (key or kernel)', () => {
        expect(
          rule.key !== undefined || rule.kernel !== undefined,
          `rule "${kind}" (${c.market}) has no key or kernel`,
        ).toBe(true);
      });

      test('test agrees with check(...).passed on every pair', () => {
        expect(typeof rule.test, `rule "${kind}" has no test`).toBe('function');
        check(
          fc.property(subjectArb(c), targetsArb(c), (s, ts) => {
            for (const t of ts) expect(rule.check(ctx(s, t)).passed).toBe(rule.test!(ctx(s, t)));
          }),
        );
      });

      test('a rule that does not apply passes and says why, in both locales', () => {
        check(
          fc.property(subjectArb(c), targetsArb(c), (s, ts) => {
            for (const t of ts) {
              const en = rule.check(ctx(s, t));
              const zh = rule.check({ ...ctx(s, t), locale: 'zh' });
              expect(state(zh)).toBe(state(en));
              if (state(en) !== 'not-applicable') continue;
              // Not applicable never excludes: the fast path (test, key, kernel) sees a pass.
              expect(rule.test!(ctx(s, t))).toBe(true);
              expect(en.passed && en.notApplicable).toMatch(/^not applicable: \S/);
              expect(zh.passed && zh.notApplicable).toMatch(/^不适用：\S/);
            }
          }),
        );
      });

      if (rule.key !== undefined)
        test('subjects with equal keys get equal outcomes', () => {
          const key = rule.key!;
          check(
            fc.property(subjectPairArb(c), targetsArb(c), ([a, b], ts) => {
              if (key(a, env) !== key(b, env)) return;
              for (const t of ts) {
                expect(rule.test!(ctx(b, t))).toBe(rule.test!(ctx(a, t)));
                expect(state(rule.check(ctx(b, t)))).toBe(state(rule.check(ctx(a, t))));
              }
            }),
          );
        });

      if (rule.key !== undefined)
        test('its key declares the fields it reads (subjectKey)', () =>
          expect(rule.key!.fields).toBeDefined());

      if (rule.key?.fields !== undefined)
        test("the key's representative, its declared fields alone, gets the record's outcomes", () => {
          const key = rule.key!;
          check(
            fc.property(subjectArb(c), targetsArb(c), (s, ts) => {
              const rep = representative(key, s);
              expect(Object.keys(rep).every((f) => key.fields!.includes(f))).toBe(true);
              expect(key(rep, env)).toBe(key(s, env));
              for (const t of ts) {
                expect(rule.test!(ctx(rep, t))).toBe(rule.test!(ctx(s, t)));
                expect(state(rule.check(ctx(rep, t)))).toBe(state(rule.check(ctx(s, t))));
              }
            }),
          );
        });

      if (rule.kernel !== undefined)
        test('the kernel gives test ? 1 : 0', () => {
          const kernel = rule.kernel!;
          check(
            fc.property(subjectArb(c), targetsArb(c), (s, ts) => {
              for (const t of ts)
                expect(kernel.compile(t, env)(kernel.column(s, env))).toBe(
                  rule.test!(ctx(s, t)) ? 1 : 0,
                );
            }),
          );
        });

      if (rule.kernel?.interval !== undefined)
        test('the interval, where it answers, passes exactly what the kernel passes', () => {
          const kernel = rule.kernel!;
          // The subjects' own values, the interval's ends and their neighbours, and the
          // numbers a kernel could treat apart (±0, ±Infinity, NaN).
          const odd = [0, -0, Infinity, -Infinity, NaN, Number.MAX_VALUE, -Number.MAX_VALUE];
          check(
            fc.property(
              fc.array(subjectArb(c), { minLength: 1, maxLength: 4 }),
              targetsArb(c),
              fc.array(fc.double(), { maxLength: 8 }),
              (ss, ts, xs) => {
                for (const t of ts) {
                  const interval = kernel.interval!(t, env);
                  if (interval === undefined) continue;
                  const [min, max] = interval;
                  expect(min <= max, `${kind}: interval [${min}, ${max}]`).toBe(true);
                  const fn = kernel.compile(t, env);
                  const ends = [min, max].flatMap((e) => [e, nextDown(e), nextUp(e)]);
                  for (const x of [...ss.map((s) => kernel.column(s, env)), ...xs, ...ends, ...odd])
                    expect(fn(x), `${kind}: x = ${x} against [${min}, ${max}]`).toBe(
                      x >= min && x <= max ? 1 : 0,
                    );
                }
              },
            ),
          );
        });

      if (rule.targetFields !== undefined)
        test('its target fields alone decide its verdicts (targetFields)', () =>
          checkTargetFields(c, rule.targetFields!, (s, t) => rule.test!(ctx(s, t)), rule.kernel));

      test('rebuilt from its spec, it decides and explains every pair the same', () => {
        const spec = JSON.parse(JSON.stringify(rule.spec));
        const rebuilt = ruleRegistry[spec.kind]!(spec.options);
        expect(rebuilt.spec).toEqual(rule.spec);
        check(
          fc.property(subjectArb(c), targetsArb(c), (s, ts) => {
            for (const t of ts) expect(rebuilt.check(ctx(s, t))).toEqual(rule.check(ctx(s, t)));
          }),
        );
      });

      test('rejects an unknown option, naming it', () => {
        expect(() => factory({ notAnOption: 1 })).toThrow(OptionError);
        expect(() => factory({ notAnOption: 1 })).toThrow(/notAnOption/);
        expect(factory({}).spec).toEqual({ kind });
      });
    });
  });

  describe(`${c.market} factors`, () => {
    test('the registry lists factors', () => expect(factors.length).toBeGreaterThan(0));

    describe.each(factors)('%s', (kind, factory) => {
      const factor = factory();

      test('is named after its kind and says how to rebuild it', () => {
        expect(factor.name).toBe(kind);
        expect(factor.spec).toEqual({ kind });
      });

      test('has a fast-path hook (key, kernel or vectors)', () => {
        expect(
          factor.key !== undefined || factor.kernel !== undefined || factor.vectors !== undefined,
          `factor "${kind}" (${c.market}) has no key, kernel or vectors`,
        ).toBe(true);
      });

      test('values are in [0, 1] or null', () => {
        check(
          fc.property(subjectArb(c), targetsArb(c), (s, ts) => {
            for (const t of ts) {
              const v = factor.score(ctx(s, t));
              if (v !== null) expect(v >= 0 && v <= 1, `${kind} gave ${v}`).toBe(true);
            }
          }),
        );
      });

      if (factor.key !== undefined)
        test('subjects with equal keys get equal values', () => {
          const key = factor.key!;
          check(
            fc.property(subjectPairArb(c), targetsArb(c), ([a, b], ts) => {
              if (key(a, env) !== key(b, env)) return;
              for (const t of ts)
                expect(Object.is(factor.score(ctx(b, t)), factor.score(ctx(a, t)))).toBe(true);
            }),
          );
        });

      if (factor.key !== undefined)
        test('its key declares the fields it reads (subjectKey)', () =>
          expect(factor.key!.fields).toBeDefined());

      if (factor.key?.fields !== undefined)
        test("the key's representative, its declared fields alone, gets the record's values", () => {
          const key = factor.key!;
          check(
            fc.property(subjectArb(c), targetsArb(c), (s, ts) => {
              const rep = representative(key, s);
              expect(Object.keys(rep).every((f) => key.fields!.includes(f))).toBe(true);
              expect(key(rep, env)).toBe(key(s, env));
              if (factor.tokens)
                expect([...factor.tokens.held(rep, env)]).toEqual([...factor.tokens.held(s, env)]);
              for (const t of ts)
                expect(Object.is(factor.score(ctx(rep, t)), factor.score(ctx(s, t)))).toBe(true);
            }),
          );
        });

      if (factor.uniformValue !== undefined)
        test('uniformValue, where it answers, is what score gives every subject', () => {
          let answered = 0;
          check(
            fc.property(subjectArb(c), targetsArb(c), (s, ts) => {
              for (const t of ts) {
                const { subject: _, ...targetCtx } = ctx(s, t);
                const uniform = factor.uniformValue!(targetCtx);
                if (uniform === undefined) continue;
                answered++;
                const slow = factor.score(ctx(s, t));
                expect(Object.is(uniform, slow), `${kind}: uniform ${uniform}, score ${slow}`).toBe(
                  true,
                );
              }
            }),
          );
          // The hook is exercised: some generated target gets an answer.
          expect(answered).toBeGreaterThan(0);
        });

      if (factor.tokens !== undefined)
        test('tokens, where compile answers, give exactly the score', () => {
          const hook = factor.tokens!;
          let answered = 0;
          let holding = 0;
          check(
            fc.property(subjectArb(c), targetsArb(c), (s, ts) => {
              for (const t of ts) {
                const values = hook.compile(t, env);
                if (values === undefined) continue;
                answered++;
                // The TokenHook form: the best value among the served tokens held, else `otherwise`.
                const served = hook.held(s, env).filter((token) => values.values.has(token));
                if (served.length > 0) holding++;
                const fast =
                  served.length === 0
                    ? values.otherwise
                    : Math.max(0, ...served.map((token) => values.values.get(token)!));
                const slow = factor.score(ctx(s, t));
                expect(Object.is(fast, slow), `${kind}: tokens ${fast}, score ${slow}`).toBe(true);
              }
            }),
          );
          // Both cases occur: subjects holding a served token, and holding none.
          expect(holding).toBeGreaterThan(0);
          expect(answered).toBeGreaterThan(holding);
        });

      if (factor.kernel !== undefined)
        test('the kernel gives exactly the score', () => {
          const kernel = factor.kernel!;
          check(
            fc.property(subjectArb(c), targetsArb(c), (s, ts) => {
              for (const t of ts) {
                const fast = kernel.compile(t, env)(kernel.column(s, env));
                const slow = factor.score(ctx(s, t));
                expect(Object.is(fast, slow), `${kind}: kernel ${fast}, score ${slow}`).toBe(true);
              }
            }),
          );
        });

      if (factor.targetFields !== undefined)
        test('its target fields alone decide its values (targetFields)', () =>
          checkTargetFields(
            c,
            factor.targetFields!,
            (s, t) => factor.score(ctx(s, t)),
            factor.kernel,
          ));

      test('rebuilt from its spec, it scores every pair the same', () => {
        const spec = JSON.parse(JSON.stringify(factor.spec));
        const rebuilt = factorRegistry[spec.kind]!(spec.options);
        expect(rebuilt.spec).toEqual(factor.spec);
        check(
          fc.property(subjectArb(c), targetsArb(c), (s, ts) => {
            for (const t of ts)
              expect(Object.is(rebuilt.score(ctx(s, t)), factor.score(ctx(s, t)))).toBe(true);
          }),
        );
      });

      test('rejects an unknown option, naming it', () => {
        expect(() => factory({ notAnOption: 1 })).toThrow(OptionError);
        expect(() => factory({ notAnOption: 1 })).toThrow(/notAnOption/);
        expect(factory({}).spec).toEqual({ kind });
      });
    });
  });
}

/**
 * Options a factory was called with are in its spec, as given, and rebuild a part that behaves
 * the same. (Examples of valid options cannot be derived from a factory, so a few are listed.)
 */
const EXAMPLE_OPTIONS: Readonly<Record<MarketKind, Readonly<Record<string, object>>>> = {
  enterpriseProduct: {
    loanRenewal: { windowMonths: 6 },
    amountFit: { edgeFit: 0.3, outsideDecades: 0.5 },
    stageFit: { untargeted: 0.4, distanceDecay: 0.5 },
    regionProximity: { levels: { district: 1, city: 0.9, province: 0.5, nationwide: 0.2 } },
    chainZone: { roleFit: { leader: 0.7, supplier: 1, member: 0.5 } },
  },
  projectInvestor: {
    ticketFit: { edgeFit: 0.6 },
    investorKindFit: { fit: { primary: 0.9, secondary: 0.5, other: 0 } },
    ownerSrdiTier: {
      favouringKinds: ['angel'],
      tierFit: { none: 0, techSme: 0.25, srdi: 0.5, littleGiant: 0.75, champion: 1 },
    },
  },
};

describe('factories called with options', () => {
  for (const c of CASES) {
    const registry = { ...SHIPPED_RULES[c.market], ...SHIPPED_FACTORS[c.market] } as Record<
      string,
      (o?: unknown) => EligibilityRule<Subject, Target> | Factor<Subject, Target>
    >;
    test.each(Object.entries(EXAMPLE_OPTIONS[c.market]))(`${c.market} %s`, (kind, options) => {
      const factory = registry[kind]!;
      const part = factory(options);
      expect(part.spec).toEqual({ kind, options });
      const spec = JSON.parse(JSON.stringify(part.spec));
      const rebuilt = factory(spec.options);
      expect(rebuilt.spec).toEqual(part.spec);
      const outcome = (p: typeof part, s: Subject, t: Target) =>
        'check' in p ? p.check(ctx(s, t)) : p.score(ctx(s, t));
      for (const s of c.subjects.slice(0, 20))
        for (const t of c.targets.slice(0, 20))
          expect(outcome(rebuilt, s, t)).toEqual(outcome(part, s, t));
    });
  }

  test('an invalid value throws an OptionError naming the option', () => {
    const amountFit = SHIPPED_FACTORS.enterpriseProduct.amountFit!;
    expect(() => amountFit({ edgeFit: 2 })).toThrow(OptionError);
    try {
      amountFit({ edgeFit: 2 });
    } catch (e) {
      expect((e as OptionError).option).toBe('edgeFit');
    }
    expect(() => SHIPPED_RULES.enterpriseProduct.loanRenewal!({ windowMonths: 0.5 })).toThrow(
      /windowMonths/,
    );
  });

  test('a later change to the options object changes neither the part nor its spec', () => {
    const options = { edgeFit: 0.3 };
    const part = SHIPPED_FACTORS.enterpriseProduct.amountFit!(options);
    const s = market.enterprises[0]!;
    const t = market.products[0]!;
    const before = part.score(ctx(s, t));
    options.edgeFit = 0.9;
    expect(part.spec).toEqual({ kind: 'amountFit', options: { edgeFit: 0.3 } });
    expect(part.score(ctx(s, t))).toBe(before);
  });
});

/** The double just above `x` (x itself for NaN and +Infinity). */
function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const bits = new Float64Array([x]);
  const words = new BigInt64Array(bits.buffer);
  words[0] = words[0]! + (x > 0 ? 1n : -1n);
  return bits[0]!;
}

/** The double just below `x`. */
function nextDown(x: number): number {
  return -nextUp(-x);
}
