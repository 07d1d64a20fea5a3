// Optimal assignment beside SciPy's sparse LAPJVsp, same instances, same run (issue #14).
//
//   node bench/assign/assign.mjs [--quick] [--scarce] [--json] [--runs=N]
//                                [--only=random,matcher,stable]
//
// Two instances, both 10,000 projects × 2,000 investors with capacities:
// - `random`: 100 eligible investors per project (1 M pairs, seeded), scores uniform;
// - `matcher`: the generated market's 260 projects and 160 investors enlarged to 10,000 and
//   2,000 (seeded copies with their amounts, tickets and capacities varied), every pair scored
//   by the default matcher inside `assign` (the public API end to end: validation, pair
//   scoring, solve, output).
// finmatch is timed through the built package (`npm run build` first; or `module` / the
// FINMATCH_ENTRY environment variable naming another entry, or FINMATCH_BENCH_DIST another
// build's directory, as the other benches take it: measure a before and an after build in
// the same session). SciPy solves each instance as
// bench/assign/reference.py describes (the capacity-expanded full matching, as in the issue);
// its `anchorMs` is the solve alone, without building the expanded matrix. `assign`'s output
// builds its per-pair parts (preferences, pairs) on first read: `outputReadMs` times that read,
// outside `ms`. Runs alternate
// finmatch and SciPy and report medians of wall time (`ms`, `anchorMs`, `ratio`) and of
// process CPU time (`cpuMs`, `anchorCpuMs`, `cpuRatio`: steadier when other processes share
// the cores); `totalsAgree` compares the totals to 1e-9 relative. Where the wall time goes:
// on Linux both sides also report their timing thread's time on a core (`threadCpuMs`,
// `anchorThreadCpuMs`) and the time it was runnable but waiting for a core (`waitMs`,
// `anchorWaitMs`, from /proc/thread-self/schedstat): on a loaded machine wall ≈ the two
// added, so a wall ratio far from the CPU ratio is the scheduler, not the solver. SciPy runs in
// a fresh process each time, so the random row also times finmatch's compile + solve as the
// first call of a fresh process (`firstCallMs`, `firstCallThreadCpuMs`: JIT cold, memory not
// yet touched), beside the warm runs of `ms`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, rng } from '../lib/stats.mjs';
import { benchArgs, namesOf, positiveInteger } from '../lib/args.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ASOF = '2026-06-30';

/** Totals agree when within this relative difference (the contract: 1e-9). */
export const TOTAL_TOLERANCE = 1e-9;

/**
 * The random instance: `nProjects` × `nInvestors`, `perProject` distinct investors per project,
 * capacities 1–10, both sides' scores uniform in [0, 1), combined score their mean.
 */
export function randomInstance({
  seed = 7,
  nProjects = 10000,
  nInvestors = 2000,
  perProject = 100,
} = {}) {
  const r = rng(seed);
  const subjects = Array.from(
    { length: nProjects },
    (_, i) => `proj-${String(i).padStart(6, '0')}`,
  );
  const targets = Array.from({ length: nInvestors }, (_, i) => ({
    id: `inv-${String(i).padStart(5, '0')}`,
    capacity: 1 + Math.floor(r() * 10),
  }));
  const P = nProjects * perProject;
  const pairs = {
    subject: new Int32Array(P),
    target: new Int32Array(P),
    subjectScore: new Float64Array(P),
    targetScore: new Float64Array(P),
    score: new Float64Array(P),
  };
  const chosen = new Int32Array(nInvestors).fill(-1);
  let p = 0;
  for (let s = 0; s < nProjects; s++) {
    for (let c = 0; c < perProject;) {
      const t = Math.floor(r() * nInvestors);
      if (chosen[t] === s) continue;
      chosen[t] = s;
      const a = r();
      const b = r();
      pairs.subject[p] = s;
      pairs.target[p] = t;
      pairs.subjectScore[p] = a;
      pairs.targetScore[p] = b;
      pairs.score[p] = (a + b) / 2;
      p++;
      c++;
    }
  }
  return { subjects, targets, pairs };
}

/**
 * The matcher-scored event: the small market's projects and investors, copied (seeded) up to
 * `nProjects` and `nInvestors`. Each copy gets a new id; a project's amount and valuation and
 * an investor's ticket are scaled by a factor in [0.6, 1.4], so the copies score differently.
 * Investors keep the generated capacity (1–12, mean 6.4: ≈12,900 places for 10,000 projects),
 * unless `capacity` gives one per copy (e.g. `() => 1 + Math.floor(r() * 8)` for an event
 * with fewer places than projects).
 */
export function matcherEvent(
  finmatch,
  { seed = 11, nProjects = 10000, nInvestors = 2000, capacity } = {},
) {
  const market = finmatch.generateMarket({ seed: 1, scale: 'small', asOf: ASOF });
  const r = rng(seed);
  const factor = () => 0.6 + 0.8 * r();
  const projects = Array.from({ length: nProjects }, (_, i) => {
    const base = market.projects[i % market.projects.length];
    const f = factor();
    const copy = JSON.parse(JSON.stringify(base));
    copy.id = `proj-${String(i).padStart(6, '0')}`;
    copy.need.amount = Math.max(1, Math.round(base.need.amount * f));
    if (typeof base.valuation === 'number') copy.valuation = Math.round(base.valuation * f);
    return copy;
  });
  const investors = Array.from({ length: nInvestors }, (_, i) => {
    const base = market.investors[i % market.investors.length];
    const f = factor();
    const copy = JSON.parse(JSON.stringify(base));
    copy.id = `inv-${String(i).padStart(5, '0')}`;
    copy.ticket = {
      min: Math.max(1, Math.round(base.ticket.min * f)),
      max: Math.max(1, Math.round(base.ticket.max * f)),
    };
    if (capacity) copy.capacity = capacity(i);
    return copy;
  });
  return { projects, investors };
}

/** Writes an instance (numbered subjects/targets, pair columns) for reference.py. */
function writeInstance(dir, { S, capacity, subject, target, score }) {
  writeFileSync(
    join(dir, 'meta.json'),
    JSON.stringify({ S, T: capacity.length, P: subject.length }),
  );
  const bytes = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  writeFileSync(join(dir, 'capacity.i32'), bytes(capacity));
  writeFileSync(join(dir, 'subject.i32'), bytes(subject));
  writeFileSync(join(dir, 'target.i32'), bytes(target));
  writeFileSync(join(dir, 'score.f64'), bytes(score));
}

/** Runs reference.py on an instance directory; null with the reason when SciPy is missing. */
function runScipy(dir, python) {
  const out = spawnSync(python, [join(here, 'reference.py'), dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) return { error: (out.stderr || out.error?.message || '').slice(-400) };
  return JSON.parse(out.stdout.trim().split('\n').pop());
}

/** The instance of a compiled assignment, numbered as compiled, for reference.py. */
function compiledColumns(c) {
  return {
    S: c.subjectIds.length,
    capacity: c.capacity,
    subject: c.pairSubject,
    target: c.pairTarget,
    score: c.score,
  };
}

/** `assign`'s output as numbered columns for reference.py (its `pairs` are every eligible pair). */
function outputColumns(out, projects, investors) {
  const subjectIndex = new Map(projects.map((p, i) => [p.id, i]));
  const targetIndex = new Map(investors.map((v, i) => [v.id, i]));
  const P = out.pairs.length;
  const subject = new Int32Array(P);
  const target = new Int32Array(P);
  const score = new Float64Array(P);
  out.pairs.forEach((p, i) => {
    subject[i] = subjectIndex.get(p.projectId);
    target[i] = targetIndex.get(p.investorId);
    score[i] = p.score;
  });
  return {
    S: projects.length,
    capacity: Int32Array.from(investors, (v) => v.capacity),
    subject,
    target,
    score,
  };
}

/** Process CPU milliseconds since `start` (a `process.cpuUsage()` reading). */
const cpuMs = (start) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
};

/**
 * The calling thread's time on a core and time runnable but waiting for one, in ms, since boot
 * (/proc/thread-self/schedstat); null where the kernel does not provide it.
 */
function threadClock() {
  try {
    const [onCore, waiting] = readFileSync('/proc/thread-self/schedstat', 'utf8')
      .split(' ')
      .map(Number);
    return { onCore: onCore / 1e6, waiting: waiting / 1e6 };
  } catch {
    return null;
  }
}

/** `threadClock()` differences since `start` ({ onCore: NaN, waiting: NaN } without one). */
function threadSince(start) {
  const now = threadClock();
  if (!start || !now) return { onCore: NaN, waiting: NaN };
  return { onCore: now.onCore - start.onCore, waiting: now.waiting - start.waiting };
}

/**
 * Compile + solve of the random instance as the first finmatch call of a fresh process:
 * `{ ms, threadCpuMs, waitMs, total }`, or null when the child fails.
 */
function firstCallInFreshProcess(entryUrl, size) {
  const out = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--first-call', entryUrl, JSON.stringify(size)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (out.status !== 0) return null;
  return JSON.parse(out.stdout.trim().split('\n').pop());
}

/** The child of {@link firstCallInFreshProcess}. */
async function firstCall(entryUrl, size) {
  const finmatch = await import(entryUrl);
  const instance = randomInstance(size);
  const clock = threadClock();
  const t = performance.now();
  const compiled = finmatch.compileAssignmentColumns(instance);
  const result = finmatch.optimalAssignment(compiled, { includePreferences: false });
  const ms = performance.now() - t;
  const thread = threadSince(clock);
  const row = { ms, threadCpuMs: thread.onCore, waitMs: thread.waiting, total: result.totalScore };
  console.log(JSON.stringify(row));
}

const agree = (a, b) => Math.abs(a - b) <= TOTAL_TOLERANCE * Math.max(1, Math.abs(b));

/**
 * Runs both instances through finmatch and SciPy, alternating, and returns one row per
 * measurement: `{ name, ms, anchorMs, ratio, totalsAgree, … }` (ms medians; ratio =
 * anchorMs / ms, above 1 when finmatch is faster).
 *
 * @param {object} [options]
 * @param {object} [options.finmatch] the finmatch module (default: the built package, or
 *   FINMATCH_ENTRY, or FINMATCH_BENCH_DIST/index.js)
 * @param {boolean} [options.quick] smaller instances (2,000 × 400) for a smoke run
 * @param {number} [options.runs] timed runs of each side (default 3; 1 for the matcher event)
 * @param {string} [options.python] Python with SciPy (default `python3`)
 * @param {('random' | 'matcher' | 'stable')[]} [options.instances] which rows to run (default all)
 * @param {boolean} [options.scarce] give the event's investors 1–8 places each (≈9,000 places
 *   for 10,000 projects: the harder, over-demanded case) instead of their generated capacity
 * @param {(msg: string) => void} [options.log]
 */
export async function runAssignBench(options = {}) {
  const log = options.log ?? (() => {});
  const entry =
    process.env.FINMATCH_ENTRY ??
    (process.env.FINMATCH_BENCH_DIST ? join(process.env.FINMATCH_BENCH_DIST, 'index.js') : null);
  // The module's URL, for the first-call runs in fresh processes (none for a module passed in).
  const entryUrl = options.finmatch
    ? null
    : entry
      ? pathToFileURL(resolve(entry)).href
      : new URL('../../dist/index.js', import.meta.url).href;
  const finmatch = options.finmatch ?? (await import(entryUrl));
  const quick = options.quick ?? false;
  const runs = options.runs ?? 3;
  const python = options.python ?? 'python3';
  const size = quick
    ? { nProjects: 2000, nInvestors: 400 }
    : { nProjects: 10000, nInvestors: 2000 };
  const instances = options.instances ?? ['random', 'matcher', 'stable'];
  const dir = mkdtempSync(join(tmpdir(), 'finmatch-assign-'));
  const rows = [];
  try {
    if (instances.includes('random')) randomRow();
    if (instances.includes('matcher') || instances.includes('stable')) eventRows();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;

  function randomRow() {
    // 1. Random 10k × 2k, 1 M pairs: compile + solve through the public API.
    const instance = randomInstance(size);
    const P = instance.pairs.subject.length;
    log(`random ${size.nProjects} × ${size.nInvestors}, ${P} pairs…`);
    const compiled = finmatch.compileAssignmentColumns(instance);
    writeInstance(dir, compiledColumns(compiled));
    const ours = [];
    const oursCpu = [];
    const solveOnly = [];
    const oursThread = [];
    const oursWait = [];
    const theirs = [];
    const theirsCpu = [];
    const theirsThread = [];
    const theirsWait = [];
    const first = [];
    let total = NaN;
    let scipy = null;
    for (let i = 0; i < runs; i++) {
      const clock = threadClock();
      const t = performance.now();
      const cpu = process.cpuUsage();
      const c = finmatch.compileAssignmentColumns(instance);
      const t1 = performance.now();
      const result = finmatch.optimalAssignment(c, { includePreferences: false });
      const t2 = performance.now();
      oursCpu.push(cpuMs(cpu));
      const thread = threadSince(clock);
      oursThread.push(thread.onCore);
      oursWait.push(thread.waiting);
      ours.push(t2 - t);
      solveOnly.push(t2 - t1);
      total = result.totalScore;
      scipy = runScipy(dir, python);
      if (scipy.error) break;
      theirs.push(scipy.solveMs);
      theirsCpu.push(scipy.solveCpuMs);
      theirsThread.push(scipy.solveThreadCpuMs ?? NaN);
      theirsWait.push(scipy.solveWaitMs ?? NaN);
      // SciPy solves in a fresh process each run; so does a finmatch call made once per
      // process (JIT not warmed, memory not yet touched): time that too.
      const cold = entryUrl ? firstCallInFreshProcess(entryUrl, size) : null;
      if (cold) first.push(cold);
    }
    const anchorMs = theirs.length ? median(theirs) : NaN;
    rows.push({
      name: `optimal assignment, random ${size.nProjects} × ${size.nInvestors}, ${P} pairs (compile + solve)`,
      ms: median(ours),
      solveMs: median(solveOnly),
      anchorMs,
      ratio: anchorMs / median(ours),
      cpuMs: median(oursCpu),
      anchorCpuMs: theirsCpu.length ? median(theirsCpu) : NaN,
      cpuRatio: (theirsCpu.length ? median(theirsCpu) : NaN) / median(oursCpu),
      threadCpuMs: median(oursThread),
      waitMs: median(oursWait),
      anchorThreadCpuMs: theirsThread.length ? median(theirsThread) : NaN,
      anchorWaitMs: theirsWait.length ? median(theirsWait) : NaN,
      firstCallMs: first.length ? median(first.map((f) => f.ms)) : NaN,
      firstCallThreadCpuMs: first.length ? median(first.map((f) => f.threadCpuMs)) : NaN,
      firstCallTotalsAgree: first.length ? first.every((f) => f.total === total) : null,
      totalsAgree: scipy && !scipy.error ? agree(total, scipy.total) : null,
      total,
      anchorTotal: scipy?.total ?? null,
      anchorEdges: scipy?.edges ?? null,
      ...(scipy?.error ? { anchorError: scipy.error } : {}),
    });
    log(JSON.stringify(rows.at(-1)));
  }

  function eventRows() {
    // 2. The matcher-scored event through `assign` (validation, pair scoring, solve), optimal.
    const scarce = options.scarce ?? false;
    const places = rng(5);
    const event = matcherEvent(finmatch, {
      ...size,
      ...(scarce ? { capacity: () => 1 + Math.floor(places() * 8) } : {}),
    });
    const what = scarce ? 'matcher-scored, capacities 1–8' : 'matcher-scored';
    log(`matcher event ${event.projects.length} × ${event.investors.length}…`);
    const eventRuns = options.eventRuns ?? 1;
    const oursEvent = [];
    const oursEventCpu = [];
    const oursEventThread = [];
    const oursEventWait = [];
    const readMs = [];
    const theirsEvent = [];
    const theirsEventCpu = [];
    const theirsEventThread = [];
    const theirsEventWait = [];
    let out = null;
    let scipyEvent = null;
    for (let i = 0; i < eventRuns; i++) {
      const clock = threadClock();
      const t = performance.now();
      const cpu = process.cpuUsage();
      out = finmatch.assign(event.projects, event.investors, {
        method: 'optimal',
        matcherOptions: { asOf: ASOF },
      });
      oursEvent.push(performance.now() - t);
      oursEventCpu.push(cpuMs(cpu));
      const thread = threadSince(clock);
      oursEventThread.push(thread.onCore);
      oursEventWait.push(thread.waiting);
      // The output's per-pair parts are built on first read: time that read too.
      const r = performance.now();
      void out.preferences.projects;
      void out.pairs.length;
      readMs.push(performance.now() - r);
      if (i === 0) writeInstance(dir, outputColumns(out, event.projects, event.investors));
      scipyEvent = runScipy(dir, python);
      if (scipyEvent.error) break;
      theirsEvent.push(scipyEvent.solveMs);
      theirsEventCpu.push(scipyEvent.solveCpuMs);
      theirsEventThread.push(scipyEvent.solveThreadCpuMs ?? NaN);
      theirsEventWait.push(scipyEvent.solveWaitMs ?? NaN);
    }
    const anchorEvent = theirsEvent.length ? median(theirsEvent) : NaN;
    rows.push({
      name: `assign(method: 'optimal'), ${what} ${size.nProjects} × ${size.nInvestors} (validate + score + solve)`,
      ms: median(oursEvent),
      anchorMs: anchorEvent,
      ratio: anchorEvent / median(oursEvent),
      outputReadMs: median(readMs),
      cpuMs: median(oursEventCpu),
      anchorCpuMs: theirsEventCpu.length ? median(theirsEventCpu) : NaN,
      cpuRatio: (theirsEventCpu.length ? median(theirsEventCpu) : NaN) / median(oursEventCpu),
      threadCpuMs: median(oursEventThread),
      waitMs: median(oursEventWait),
      anchorThreadCpuMs: theirsEventThread.length ? median(theirsEventThread) : NaN,
      anchorWaitMs: theirsEventWait.length ? median(theirsEventWait) : NaN,
      totalsAgree: scipyEvent && !scipyEvent.error ? agree(out.totalScore, scipyEvent.total) : null,
      total: out.totalScore,
      anchorTotal: scipyEvent?.total ?? null,
      pairs: out.pairs.length,
      assigned: out.assignments.length,
      anchorEdges: scipyEvent?.edges ?? null,
      ...(scipyEvent?.error ? { anchorError: scipyEvent.error } : {}),
    });
    log(JSON.stringify(rows.at(-1)));
    // Let the optimal run's output (millions of pair objects once read) go before timing the
    // stable run, so its collector does not trace them.
    out = null;
    globalThis.gc?.();

    // 3. The same event, stable.
    const t = performance.now();
    const cpu = process.cpuUsage();
    const stable = finmatch.assign(event.projects, event.investors, {
      method: 'stable',
      matcherOptions: { asOf: ASOF },
    });
    const stableCpu = cpuMs(cpu);
    rows.push({
      name: `assign(method: 'stable'), ${what} ${size.nProjects} × ${size.nInvestors} (validate + score + solve)`,
      ms: performance.now() - t,
      cpuMs: stableCpu,
      anchorMs: null,
      ratio: null,
      totalsAgree: null,
      total: stable.totalScore,
      assigned: stable.assignments.length,
    });
    log(JSON.stringify(rows.at(-1)));
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain && process.argv[2] === '--first-call') {
  await firstCall(process.argv[3], JSON.parse(process.argv[4]));
} else if (isMain) {
  const usage = `usage: node bench/assign/assign.mjs [--quick] [--scarce] [--json] [--runs=N]
                                   [--only=random,matcher,stable]

Optimal and stable assignment beside SciPy's LAPJVsp (npm run bench runs it as the assign part).

  --quick        smaller instances (2,000 × 400)
  --scarce       investors with fewer places than there are projects
  --runs=N       timed runs of each side (default 3; 1 for the matcher event)
  --only=ROWS    some of random, matcher, stable
  --json         print the rows as JSON
  --help         this text`;
  const args = benchArgs(usage, {
    quick: { type: 'boolean' },
    scarce: { type: 'boolean' },
    json: { type: 'boolean' },
    runs: { type: 'string' },
    only: { type: 'string' },
  });
  const json = args.json === true;
  const runs = positiveInteger(args, 'runs', undefined, usage);
  const instances = namesOf(args, 'only', ['random', 'matcher', 'stable'], usage);
  const rows = await runAssignBench({
    quick: args.quick === true,
    scarce: args.scarce === true,
    ...(runs !== undefined ? { runs } : {}),
    ...(instances ? { instances } : {}),
    log: json ? undefined : (m) => console.error(m),
  });
  if (json) console.log(JSON.stringify(rows, null, 2));
  else
    for (const r of rows) {
      const parts = [`finmatch ${r.ms.toFixed(0)} ms`];
      if (r.solveMs !== undefined) parts.push(`solve alone ${r.solveMs.toFixed(0)} ms`);
      if (r.outputReadMs !== undefined) parts.push(`reading pairs ${r.outputReadMs.toFixed(0)} ms`);
      if (r.anchorMs)
        parts.push(`scipy ${r.anchorMs.toFixed(0)} ms`, `ratio ${r.ratio.toFixed(2)}`);
      if (r.cpuMs !== undefined)
        parts.push(
          r.anchorCpuMs
            ? `CPU ${r.cpuMs.toFixed(0)} ms vs ${r.anchorCpuMs.toFixed(0)} ms (${r.cpuRatio.toFixed(2)})`
            : `CPU ${r.cpuMs.toFixed(0)} ms`,
        );
      if (Number.isFinite(r.firstCallMs))
        parts.push(
          `first call in a fresh process ${r.firstCallMs.toFixed(0)} ms (on a core ${r.firstCallThreadCpuMs.toFixed(0)} ms)`,
        );
      if (Number.isFinite(r.waitMs))
        parts.push(
          `on a core ${r.threadCpuMs.toFixed(0)} ms + waiting for one ${r.waitMs.toFixed(0)} ms` +
            (Number.isFinite(r.anchorWaitMs)
              ? ` (scipy ${r.anchorThreadCpuMs.toFixed(0)} + ${r.anchorWaitMs.toFixed(0)} ms)`
              : ''),
        );
      if (r.totalsAgree !== null) parts.push(`totals agree: ${r.totalsAgree}`);
      console.log(`${r.name}\n  ${parts.join(' · ')}`);
    }
}
