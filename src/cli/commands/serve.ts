/**
 * `finmatch serve`: runs the HTTP service (see `src/serve/`) until SIGINT or SIGTERM, then
 * shuts down gracefully: requests in flight finish, nothing acknowledged is lost.
 *
 * @module
 */
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { DEFAULT_AS_OF } from '../../generate/calibration.js';
import { EXIT_OK, STOP_SIGNALS } from '../exit-codes.js';
import type { CliCommand, CliContext } from '../types.js';

/** Positive integer option, or a usage error naming it. */
function integer(ctx: CliContext, name: string, min: number, max: number): number | undefined {
  const raw = ctx.string(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max)
    ctx.usageError(
      ctx.t(
        `--${name} 须为 ${min} 到 ${max} 之间的整数，收到 ${JSON.stringify(raw)}`,
        `--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
      ),
    );
  return n;
}

/** The `serve` command. */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the HTTP service (records, rankings, prospecting, outcomes, audit) on a database',
  usage:
    'finmatch serve [--database DIR|memory:|postgres://…] [--port N] [--host ADDR] [--demo] [--seed-market seed|small] [--bootstrap-key-file FILE] [--workers N]',
  options: {
    database: {
      type: 'string',
      valueName: 'DB',
      default: './finmatch-data',
      description:
        'a directory for the embedded database (PGlite, created if missing), memory: for a throw-away one, or a postgres:// URL',
    },
    port: {
      type: 'string',
      valueName: 'N',
      default: '8080',
      description: 'TCP port (0 = any free port)',
    },
    host: {
      type: 'string',
      valueName: 'ADDR',
      default: '127.0.0.1',
      description: 'address to listen on (0.0.0.0 for every interface)',
    },
    demo: {
      type: 'boolean',
      description:
        'load the seed-scale generated market when the database is empty and print a platform and an institution key',
    },
    'seed-market': {
      type: 'string',
      valueName: 'SCALE',
      choices: ['seed', 'small'],
      description: 'load a generated market of this scale when the database is empty',
    },
    'bootstrap-key-file': {
      type: 'string',
      valueName: 'FILE',
      writes: true,
      description:
        'when the database has no API key yet, create a platform key and write it to FILE (mode 600)',
    },
    workers: {
      type: 'string',
      valueName: 'N',
      default: '2',
      description: 'engine worker threads (0 = main thread)',
    },
    'as-of': {
      type: 'date',
      valueName: 'DATE',
      description: 'evaluation date of the engine (default: today, UTC, at each refit)',
    },
    'refit-interval': {
      type: 'string',
      valueName: 'SECONDS',
      default: '60',
      description: 'refit on new outcome events this often (0 = only POST /v1/model/refit)',
    },
    'sync-interval': {
      type: 'string',
      valueName: 'MS',
      default: '250',
      description: 'poll the change log for other replicas’ writes this often',
    },
    'worker-heap': {
      type: 'string',
      valueName: 'MB',
      description:
        'heap of each engine worker (default: the available memory, a container limit included, shared by the workers; at least 4096)',
    },
    'rate-limit': {
      type: 'string',
      valueName: 'N',
      default: '200',
      description: 'requests per second per API key (burst 2×)',
    },
    'body-limit': {
      type: 'string',
      valueName: 'MB',
      default: '64',
      description: 'largest request body',
    },
    timeout: {
      type: 'string',
      valueName: 'SECONDS',
      default: '30',
      description: 'longest engine call',
    },
  },
  examples: [
    'finmatch serve --demo',
    'finmatch serve --database ./finmatch-data --port 8080 --bootstrap-key-file ./platform.key',
    'finmatch serve --database postgres://finmatch:secret@db:5432/finmatch --host 0.0.0.0',
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      ctx.usageError(
        ctx.t(
          `多余的参数 ${JSON.stringify(ctx.positionals[0])}`,
          `unexpected argument ${JSON.stringify(ctx.positionals[0])}`,
        ),
      );
    const port = integer(ctx, 'port', 0, 65535)!;
    const workers = integer(ctx, 'workers', 0, 64)!;
    const refit = integer(ctx, 'refit-interval', 0, 86_400)!;
    const sync = integer(ctx, 'sync-interval', 10, 60_000)!;
    const rate = integer(ctx, 'rate-limit', 1, 1_000_000)!;
    const body = integer(ctx, 'body-limit', 1, 1024)!;
    const timeout = integer(ctx, 'timeout', 1, 3600)!;
    const workerHeapMb = integer(ctx, 'worker-heap', 256, 1_048_576);
    const scaleGiven = ctx.string('seed-market') ?? (ctx.flag('demo') ? 'seed' : undefined);
    // A generated market is dated: rank it on its own date unless told otherwise.
    const asOf = ctx.string('as-of') ?? (scaleGiven !== undefined ? DEFAULT_AS_OF : undefined);
    const scale = (ctx.string('seed-market') ?? (ctx.flag('demo') ? 'seed' : undefined)) as
      'seed' | 'small' | undefined;
    const keyFile = ctx.string('bootstrap-key-file');

    const serve = await import('../../serve/index.js');
    const store = await serve.openStore(ctx.string('database'));
    await store.migrate();
    let keys: Awaited<ReturnType<typeof serve.demoKeys>> | undefined;
    if (scale !== undefined) {
      let bar: ReturnType<typeof ctx.progress> | undefined;
      const seeded = await serve.seedStore(store, {
        scale,
        onProgress: (done, total) => {
          bar ??= ctx.progress(
            { zh: `写入 ${scale} 规模的市场数据`, en: `storing the ${scale}-scale market` },
            total,
          );
          bar.update(done);
        },
      });
      bar?.done();
      if (seeded.seeded)
        ctx.info(
          ctx.t(
            `finmatch serve: 已写入生成的市场数据，用时 ${Math.round(seeded.ms / 1000)} 秒`,
            `finmatch serve: stored the generated market in ${Math.round(seeded.ms / 1000)} s`,
          ),
        );
    }
    if (ctx.flag('demo') && (await store.listKeys()).length === 0)
      keys = await serve.demoKeys(store);
    if (keyFile !== undefined && (await store.listKeys()).length === 0) {
      if (existsSync(keyFile))
        ctx.usageError(
          ctx.t(
            `--bootstrap-key-file ${keyFile} 已存在，不会覆盖它`,
            `--bootstrap-key-file ${keyFile} exists; refusing to overwrite it`,
          ),
        );
      const { key, row } = serve.newKey('platform', null, 'bootstrap');
      await store.insertKey(row);
      writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
      chmodSync(keyFile, 0o600);
      ctx.info(
        ctx.t(
          `finmatch serve: 新的平台密钥已写入 ${keyFile}`,
          `finmatch serve: wrote a new platform key to ${keyFile}`,
        ),
      );
    }
    const started = performance.now();
    const server = await serve.createServer({
      store,
      workers,
      engine: asOf !== undefined ? { asOf } : {},
      refitIntervalMs: refit * 1000,
      syncIntervalMs: sync,
      rateLimit: { perSecond: rate, burst: rate * 2 },
      bodyLimit: body * 1024 * 1024,
      callTimeoutMs: timeout * 1000,
      ...(workerHeapMb !== undefined ? { workerHeapMb } : {}),
    });
    const address = await server.listen(port, ctx.string('host'));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    ctx.stderr.write(
      ctx.t(
        `finmatch serve: 已就绪 ${address}，用时 ${seconds} 秒（OpenAPI：${address}/v1/openapi.json；控制台：${address}/console/）\n`,
        `finmatch serve: ready at ${address} in ${seconds} s (OpenAPI: ${address}/v1/openapi.json; console: ${address}/console/)\n`,
      ),
    );
    if (keys) {
      ctx.stderr.write(`  ${ctx.t('平台密钥：', 'platform key:   ')} ${keys.platform}\n`);
      if (keys.institution)
        ctx.stderr.write(
          `  ${ctx.t('机构密钥：', 'institution key:')} ${keys.institution.key} (${keys.institution.institutionId})\n`,
        );
      ctx.stderr.write(
        `  ${ctx.t('试试：', 'try:')} curl -s -H "Authorization: Bearer ${keys.platform}" -H 'content-type: application/json' -d '{"enterpriseId":"ent-000001","k":3}' ${address}/v1/rank/products\n`,
      );
    }
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        ctx.stderr.write(
          ctx.t(
            `finmatch serve: ${signal}：处理完进行中的请求后停止\n`,
            `finmatch serve: ${signal}: finishing requests in flight, then stopping\n`,
          ),
        );
        resolve();
      };
      for (const [signal] of STOP_SIGNALS) process.once(signal, () => stop(signal));
    });
    await server.close();
    await store.close();
    ctx.stderr.write(ctx.t('finmatch serve: 已停止\n', 'finmatch serve: stopped\n'));
    return EXIT_OK;
  },
};
