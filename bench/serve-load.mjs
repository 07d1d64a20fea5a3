// Load test of `finmatch serve`: one replica in this process (createServer from dist/serve.js)
// on loopback, the embedded database (PGlite in a temporary directory) holding a generated
// market, and autocannon in a child process (so the client does not share the server's event
// loop) with 32 connections for a bounded time, mixing
//   rank     POST /v1/rank/products  a random stored enterprise, k 10   (analyst key)
//   prospect POST /v1/prospect       a random product, k 20              (analyst key)
//   upsert   POST /v1/records/enterprises  one new enterprise, a unique id (platform key)
// Reports throughput and p50/p99 per route, non-2xx responses (any fails the run), the startup
// time (store load + engine build), and checks that every acknowledged upsert is in the
// database afterwards (any lost fails the run). Prints a table; writes
// bench/results/serve-load.json.
//
//   npm run bench:serve                       # seed scale (345,800 enterprises), 30 s
//   npm run bench:serve -- --scale small --duration 10
//
// Options: USAGE below (`--help` prints it).
//
// The per-key rate limit is lifted for the run (it would otherwise cap one key at 200/s) and
// scheduled refits are off: this measures the engine, the HTTP layer and the store.
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs, positiveInteger, usageError } from './lib/args.mjs';

const ROUTES = {
  rank: '/v1/rank/products',
  prospect: '/v1/prospect',
  upsert: '/v1/records/enterprises',
};

const USAGE = `usage: npm run bench:serve [-- options]   (node bench/serve-load.mjs [options])

  --scale seed|small   the market (FINMATCH_BENCH_SCALE; default seed)
  --duration SECONDS   how long the load runs (FINMATCH_BENCH_DURATION; default 30)
  --connections N      connections, split 2:1:1 rank:prospect:upsert (default 32; at least 3)
  --mix R:P:U          connections per route instead (e.g. 16:16:0 for reads only)
  --workers N          engine worker threads (default 2)
  --database DB        a PGlite directory, memory: or a postgres:// URL (default: a temporary
                       PGlite directory)
  --out FILE           the report (default bench/results/serve-load.json)
  --help               this text`;

if (process.argv[2] === '--client')
  process.once('message', (plan) => void client(plan).then(() => process.disconnect()));
else await main();

async function main() {
  const values = benchArgs(USAGE, {
    scale: { type: 'string', default: process.env.FINMATCH_BENCH_SCALE ?? 'seed' },
    duration: { type: 'string', default: process.env.FINMATCH_BENCH_DURATION ?? '30' },
    connections: { type: 'string', default: '32' },
    mix: { type: 'string' },
    workers: { type: 'string', default: '2' },
    database: { type: 'string' },
    out: {
      type: 'string',
      default: fileURLToPath(new URL('./results/serve-load.json', import.meta.url)),
    },
  });
  const scale = values.scale;
  if (scale !== 'seed' && scale !== 'small') usage(`--scale must be seed or small, got ${scale}`);
  const duration = positiveInteger(values, 'duration', undefined, USAGE);
  let connections = positiveInteger(values, 'connections', undefined, USAGE);
  if (connections < 3) usage('--connections must be at least 3 (one per route)');
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0) usage('--workers must be an integer >= 0');
  const loadAtStart = loadavg();

  const serve = await import('../dist/serve.js');
  const temporary = values.database === undefined;
  const database = values.database ?? mkdtempSync(join(tmpdir(), 'finmatch-serve-load-'));
  const log = (...a) => console.error(...a);
  // A temporary database goes whatever happens (exit handlers run synchronously).
  if (temporary) process.on('exit', () => rmSync(database, { recursive: true, force: true }));

  log(`opening ${temporary ? `a temporary embedded database (${database})` : database}…`);
  const store = await serve.openStore(database);
  await store.migrate();
  log(`storing the ${scale}-scale market (when the database is empty)…`);
  let t = performance.now();
  const seeded = await serve.seedStore(store, { scale, asOf: '2026-06-30' });
  const seedMs = performance.now() - t;
  log(
    seeded.seeded
      ? `  stored in ${(seedMs / 1000).toFixed(1)} s`
      : '  the database already holds records: using them',
  );

  log(`starting the service (${workers} engine workers)…`);
  t = performance.now();
  const server = await serve.createServer({
    store,
    workers,
    logger: false,
    engine: { asOf: '2026-06-30' },
    rateLimit: { perSecond: 1e9, burst: 1e9 },
    refitIntervalMs: 0,
  });
  const startupMs = performance.now() - t;
  const buildMs = server.host.status().workers[0]?.info?.buildMs;
  const address = await server.listen(0, '127.0.0.1');
  log(`  ready at ${address} in ${(startupMs / 1000).toFixed(1)} s (engine build ${buildMs} ms)`);

  const analyst = serve.newKey('analyst', null, 'bench analyst');
  const platform = serve.newKey('platform', null, 'bench platform');
  await store.insertKey(analyst.row);
  await store.insertKey(platform.row);

  // Ids to draw from: every stored enterprise and product; a template for new enterprises.
  const enterpriseIds = await ids(store, 'enterprise');
  const productIds = await ids(store, 'product');
  const template = (await store.getRecord('enterprise', enterpriseIds[0])).body;
  const countsBefore = await store.counts();

  let split;
  if (values.mix !== undefined) {
    const parts = values.mix.split(':');
    if (parts.length !== 3 || parts.some((p) => !/^\d{1,4}$/.test(p)))
      usage(`--mix must be three connection counts R:P:U, got ${values.mix}`);
    const [rank, prospect, upsert] = parts.map(Number);
    split = { rank, prospect, upsert };
    connections = rank + prospect + upsert;
    if (connections < 1) usage('--mix needs at least one connection');
  } else {
    const rank = Math.max(1, Math.round(connections / 2));
    const prospect = Math.max(1, Math.round((connections - rank) / 2));
    split = { rank, prospect, upsert: connections - rank - prospect };
  }
  const run = `b${Date.now().toString(36)}`;
  log(
    `load: ${connections} connections (rank ${split.rank}, prospect ${split.prospect}, upsert ${split.upsert}) for ${duration} s…`,
  );
  const memoryBefore = process.memoryUsage().rss;
  const client = await runClient({
    url: address,
    duration,
    split,
    analystKey: analyst.key,
    platformKey: platform.key,
    enterpriseIds,
    productIds,
    template,
    run,
  });
  const rssAfter = process.memoryUsage().rss;

  const model = server.host.status().workers.map((w) => ({
    worker: w.index,
    seq: w.info?.seq,
    modelVersion: w.info?.modelVersion,
  }));
  // Stop the server first: requests still in flight when the client stopped finish.
  await server.close();

  // Every acknowledged upsert must be in the database, and every record that was there.
  // (An upsert in flight when the client stopped may be stored without being acknowledged.)
  const countsAfter = await store.counts();
  const stored = new Set(await ids(store, 'enterprise'));
  const acknowledged = client.acknowledged;
  const lost = acknowledged.filter((id) => !stored.has(id));
  const storedNew = [...stored].filter((id) => id.startsWith(`${run}-`)).length;
  const expectedEnterprises = countsBefore.enterprise + storedNew;
  await store.close();
  if (temporary) rmSync(database, { recursive: true, force: true });

  const routes = Object.fromEntries(
    Object.entries(client.results).map(([route, r]) => [
      route,
      {
        path: ROUTES[route],
        connections: split[route],
        requests: r.total,
        perSecond: r.total / r.duration,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        maxMs: r.latency.max,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        statusCodes: r.statusCodes,
      },
    ]),
  );
  const totals = Object.values(routes).reduce(
    (a, r) => ({
      requests: a.requests + r.requests,
      perSecond: a.perSecond + r.perSecond,
      non2xx: a.non2xx + r.non2xx,
      errors: a.errors + r.errors + r.timeouts,
    }),
    { requests: 0, perSecond: 0, non2xx: 0, errors: 0 },
  );
  const report = {
    scale,
    command: `npm run bench:serve -- ${process.argv.slice(2).join(' ')}`.trim(),
    database: temporary ? 'embedded (PGlite, temporary directory)' : redact(database),
    durationSeconds: duration,
    connections: split,
    engineWorkers: workers,
    counts: countsBefore,
    startup: {
      seedMs: seeded.seeded ? Math.round(seedMs) : null,
      startupMs: Math.round(startupMs),
      engineBuildMs: buildMs ?? null,
    },
    routes,
    totals,
    writes: {
      acknowledged: acknowledged.length,
      enterprisesBefore: countsBefore.enterprise,
      storedNew,
      unacknowledgedStored: storedNew - new Set(acknowledged).size,
      enterprisesAfter: countsAfter.enterprise,
      expectedAfter: expectedEnterprises,
      lost: lost.length,
      lostIds: lost.slice(0, 20),
    },
    model,
    memory: { rssBeforeLoadMB: mb(memoryBefore), rssAfterLoadMB: mb(rssAfter) },
    machine: {
      nproc: cpus().length,
      cpu: cpus()[0]?.model?.trim(),
      node: process.version,
      loadAverageAtStart: loadAtStart.map((x) => Math.round(x * 100) / 100),
      date: new Date().toISOString(),
    },
  };
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);

  const fmt = (x, d = 1) => (x === undefined || x === null ? '—' : x.toFixed(d));
  console.log(
    `\nfinmatch serve load, ${scale} scale (${countsBefore.enterprise.toLocaleString('en-US')} enterprises, ${countsBefore.product} products), ${duration} s, ${connections} connections, ${workers} engine workers, ${cpus().length} CPUs`,
  );
  console.log(
    `startup: store load + engine build ${fmt(startupMs / 1000)} s (engine build ${buildMs} ms)${seeded.seeded ? `; storing the generated market first took ${fmt(seedMs / 1000)} s` : ''}\n`,
  );
  const rows = [
    ['route', 'conns', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
    ...Object.entries(routes).map(([name, r]) => [
      `${name} ${r.path}`,
      String(r.connections),
      String(r.requests),
      fmt(r.perSecond),
      fmt(r.p50Ms),
      fmt(r.p99Ms),
      String(r.non2xx),
      String(r.errors + r.timeouts),
    ]),
    [
      'total',
      String(connections),
      String(totals.requests),
      fmt(totals.perSecond),
      '',
      '',
      String(totals.non2xx),
      String(totals.errors),
    ],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, row] of rows.entries()) {
    console.log(
      row.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '),
    );
    if (i === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  }
  console.log(
    `\nwrites: ${acknowledged.length} upserts acknowledged, all stored but ${lost.length}; ${storedNew} new enterprises stored (${storedNew - new Set(acknowledged).size} in flight when the load stopped); enterprises ${countsBefore.enterprise} → ${countsAfter.enterprise}`,
  );
  console.log(`memory: RSS ${mb(rssAfter)} MB after the run (server, engine workers, database)`);
  console.log(`wrote ${values.out}`);

  const failures = [];
  if (totals.non2xx > 0) failures.push(`${totals.non2xx} non-2xx responses`);
  if (totals.errors > 0) failures.push(`${totals.errors} connection errors or timeouts`);
  if (lost.length > 0) failures.push(`${lost.length} acknowledged upserts missing`);
  if (countsAfter.enterprise !== expectedEnterprises)
    failures.push(`${countsAfter.enterprise} enterprises stored, expected ${expectedEnterprises}`);
  if (storedNew < new Set(acknowledged).size)
    failures.push(
      `${storedNew} new enterprises stored, fewer than the ${acknowledged.length} acknowledged`,
    );
  if (split.upsert > 0 && acknowledged.length === 0) failures.push('no upsert was acknowledged');
  if (failures.length > 0) {
    console.error(`FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
}

/** Every current id of a kind, in id order. */
async function ids(store, kind) {
  const out = [];
  for await (const page of store.currentRecords({ kinds: [kind], pageSize: 10_000 }))
    for (const change of page) out.push(change.id);
  return out;
}

/** Runs the load in a child process (the plan and the results go over its IPC channel). */
function runClient(plan) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--client'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let results;
    child.on('message', (m) => (results = m));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 || results === undefined)
        reject(new Error(`the load client exited ${code} without results`));
      else resolve(results);
    });
    child.send(plan);
  });
}

/** The child: one autocannon instance per route, run together. */
async function client(plan) {
  const { default: autocannon } = await import('autocannon');
  let seed = 1;
  const random = () => {
    // mulberry32: the same sequence on every run.
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const acknowledged = [];
  let next = 0;
  const headers = (key) => ({
    authorization: `Bearer ${key}`,
    'content-type': 'application/json',
    'accept-language': 'en',
  });
  const bodies = {
    rank: () => JSON.stringify({ enterpriseId: pick(plan.enterpriseIds), k: 10 }),
    prospect: () => JSON.stringify({ productId: pick(plan.productIds), k: 20 }),
    upsert: () => JSON.stringify({ records: [{ ...plan.template, id: `${plan.run}-${++next}` }] }),
  };
  const failures = {};
  const one = (route) =>
    autocannon({
      url: plan.url,
      connections: plan.split[route],
      duration: plan.duration,
      timeout: 60,
      requests: [
        {
          method: 'POST',
          path: ROUTES[route],
          headers: headers(route === 'upsert' ? plan.platformKey : plan.analystKey),
          setupRequest: (request) => ({ ...request, body: bodies[route]() }),
          onResponse: (status, body) => {
            if (status >= 300) {
              failures[route] ??= [];
              if (failures[route].length < 5) failures[route].push(`${status} ${body}`);
              return;
            }
            if (route === 'upsert') {
              const answer = JSON.parse(body);
              if (answer.accepted === 1) acknowledged.push(...answer.ids);
            }
          },
        },
      ],
    });
  const names = Object.keys(ROUTES).filter((route) => plan.split[route] > 0);
  const done = await Promise.all(names.map(one));
  for (const [route, messages] of Object.entries(failures))
    for (const m of messages) console.error(`${route}: ${m.slice(0, 300)}`);
  const results = Object.fromEntries(
    names.map((route, i) => {
      const r = done[i];
      const statusCodes = Object.fromEntries(
        Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]),
      );
      const total = Object.values(statusCodes).reduce((a, b) => a + b, 0);
      return [
        route,
        {
          total,
          duration: r.duration,
          latency: r.latency,
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
          statusCodes,
        },
      ];
    }),
  );
  await new Promise((resolve) => process.send({ results, acknowledged }, resolve));
}

function usage(message) {
  usageError(`serve-load: ${message}`, USAGE);
}

function mb(bytes) {
  return Math.round(bytes / 2 ** 20);
}

function redact(url) {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}
