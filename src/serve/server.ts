/**
 * `finmatch serve`: the HTTP service. One replica = a Fastify server, a store (embedded PGlite
 * or PostgreSQL), and an {@link EngineHost} whose workers follow the store's change log.
 * Several replicas on one PostgreSQL stay consistent through that log: each polls it (and
 * listens for notifications), so a write acknowledged by one is visible through the others
 * within `syncIntervalMs` plus the time to apply it.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { KeyRing, newKey, type Caller } from './auth.js';
import { EngineHost } from './engine/host.js';
import { MarketState, type StateConfig } from './engine/state.js';
import type { RawReply, RouteDef, Services } from './http/context.js';
import {
  errorBody,
  HttpError,
  localeOf,
  requestIssues,
  serviceError,
  toHttpError,
} from './http/errors.js';
import { RateLimiter, type RateLimit } from './http/rate-limit.js';
import { ROUTES } from './http/routes.js';
import { registerConsole } from './console/index.js';
import { createMetrics, type Metrics } from './metrics.js';
import { importPeer } from './peers.js';
import { openApiDocument } from './api/openapi.js';
import { openStore } from './store/index.js';
import type { Store } from './store/types.js';

/** Options of {@link createServer}. */
export interface ServeOptions {
  /**
   * Where to keep the data: a directory for the embedded database (PGlite), `memory:` for an
   * in-memory one, or a `postgres://` URL. Default `memory:`. Ignored when `store` is given.
   */
  database?: string;
  /** An open store; the caller keeps it and closes it after the server (else the server opens and closes its own). */
  store?: Store;
  /** Engine worker threads; 0 runs the engine on the main thread (small markets, tests). Default 2. */
  workers?: number;
  /** Profiles and `asOf` of the engine. */
  engine?: StateConfig;
  /** Largest request body, bytes. Default 64 MiB. */
  bodyLimit?: number;
  /** Milliseconds an engine call may take. Default 30 000. */
  callTimeoutMs?: number;
  /** Per-key request rate. Default 200/s, burst 400. */
  rateLimit?: RateLimit;
  /** Milliseconds between polls of the change log (other replicas' writes). Default 250. */
  syncIntervalMs?: number;
  /** Milliseconds between scheduled refits when new outcome events arrived; 0 = only on demand. Default 60 000. */
  refitIntervalMs?: number;
  /** A pino logger; default: JSON logs at `info` to stdout. `false` for none. */
  logger?: Logger | false;
  /**
   * A platform key to create when the store has no keys yet (so a new deployment can be
   * administered). Must have the `fmk_…` form; see {@link newKey}.
   */
  bootstrapKey?: string;
  /** Old-generation heap of each engine worker, MiB (see {@link EngineHostOptions.workerHeapMb}). */
  workerHeapMb?: number;
  /** Path of the engine worker script (tests). */
  workerPath?: string | URL;
  /** Serve the officer console at `/console/` (static page over this API). Default true. */
  console?: boolean;
}

/** A running service. */
export interface FinmatchServer {
  app: FastifyInstance;
  store: Store;
  host: EngineHost;
  metrics: Metrics;
  /** Listens on `port` (0 = any) and `host` (default 127.0.0.1); returns the address. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops taking requests, finishes those in flight, stops workers and closes the store. */
  close(): Promise<void>;
}

const AUTH_PATTERN = /^Bearer\s+(\S+)$/i;

/**
 * Creates a service replica: opens the store, applies migrations, loads the market into the
 * engine workers and registers the routes. Resolves when the engine is built (ready).
 */
export async function createServer(options: ServeOptions = {}): Promise<FinmatchServer> {
  const started = performance.now();
  // Bad engine settings (asOf, profiles) fail here, named, before anything starts.
  new MarketState(options.engine ?? {});
  // Optional peers: a missing one is a MissingDependencyError before the store is opened.
  const [{ default: Fastify }, promClient] = await Promise.all([
    importPeer('fastify', () => import('fastify')),
    importPeer('prom-client', () => import('prom-client')),
  ]);
  const store = options.store ?? (await openStore(options.database ?? 'memory:'));
  await store.migrate();
  if (options.bootstrapKey !== undefined) await bootstrap(store, options.bootstrapKey);

  const logger = options.logger;
  const app = Fastify({
    ...(logger === false
      ? { logger: false }
      : logger
        ? { loggerInstance: logger }
        : { logger: { level: 'info' } }),
    bodyLimit: options.bodyLimit ?? 64 * 1024 * 1024,
    requestTimeout: (options.callTimeoutMs ?? 30_000) + 30_000,
    genReqId: () => randomUUID(),
    // Requests arriving while closing get the service's own NOT_READY error (hook below).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  }) as unknown as FastifyInstance;
  const log = app.log;

  const host = new EngineHost(store, {
    workers: options.workers ?? 2,
    config: options.engine ?? {},
    callTimeoutMs: options.callTimeoutMs ?? 30_000,
    ...(options.workerPath !== undefined ? { workerPath: options.workerPath } : {}),
    ...(options.workerHeapMb !== undefined ? { workerHeapMb: options.workerHeapMb } : {}),
    onWorkerError: (error, worker) =>
      log.error({ worker, error }, 'engine worker failed; replacing it'),
  });
  const services: Services = {
    store,
    host,
    keys: new KeyRing(store),
    config: options.engine ?? {},
  };
  const limiter = new RateLimiter(options.rateLimit ?? { perSecond: 200, burst: 400 });
  const metrics = createMetrics(host, promClient);
  const document = openApiDocument();

  app.setNotFoundHandler((request, reply) => {
    const locale = localeOf(request.headers['accept-language']);
    void reply.status(404).send(errorBody(serviceError('NOT_FOUND', locale), request.id));
  });
  app.setErrorHandler((error, request, reply) => {
    const locale = localeOf(request.headers['accept-language']);
    const { error: http, internal } = toHttpError(error, locale);
    if (internal) request.log.error({ err: error }, 'request failed');
    if (http.details.retryAfter !== undefined)
      void reply.header('retry-after', String(http.details.retryAfter));
    void reply.status(http.status).send(errorBody(http, request.id));
  });
  let closing = false;
  app.addHook('onRequest', (request, reply, done) => {
    if (!closing) return done();
    const locale = localeOf(request.headers['accept-language']);
    void reply
      .status(503)
      .header('connection', 'close')
      .send(errorBody(serviceError('NOT_READY', locale), request.id));
  });
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observe(
      request.routeOptions.url ?? 'unmatched',
      request.method,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });

  app.get('/v1/openapi.json', async () => document);
  app.get('/metrics', async (_request, reply) => {
    void reply.header('content-type', metrics.contentType);
    return metrics.render();
  });

  for (const route of ROUTES) register(app, route, services, limiter);
  if (options.console !== false) registerConsole(app);

  let info;
  try {
    info = await host.start();
  } catch (error) {
    await app.close();
    if (!options.store) await store.close();
    throw error;
  }
  log.info(
    {
      ms: Math.round(performance.now() - started),
      seq: info.seq,
      counts: info.counts,
      buildMs: info.buildMs,
    },
    'engine built',
  );

  // Follow the log: other replicas' writes, by notification and by polling.
  const unsubscribe = store.onChange(
    () => void host.pull().catch((e) => log.warn({ err: e }, 'sync failed')),
  );
  const sync = setInterval(
    () => void host.pull().catch((e) => log.warn({ err: e }, 'sync failed')),
    options.syncIntervalMs ?? 250,
  );
  sync.unref();
  const refitEvery = options.refitIntervalMs ?? 60_000;
  let refitting = false;
  const refit =
    refitEvery > 0
      ? setInterval(() => {
          const pending = host.status().workers.some((w) => (w.info?.pendingEvents ?? 0) > 0);
          if (!pending || refitting) return;
          refitting = true;
          host
            .refit()
            .then((i) =>
              log.info({ modelVersion: i.modelVersion, buildMs: i.buildMs }, 'scheduled refit'),
            )
            .catch((e) => log.error({ err: e }, 'scheduled refit failed'))
            .finally(() => (refitting = false));
        }, refitEvery)
      : undefined;
  refit?.unref();

  let closed = false;
  return {
    app,
    store,
    host,
    metrics,
    async listen(port, hostName = '127.0.0.1') {
      return app.listen({ port, host: hostName });
    },
    async close() {
      if (closed) return;
      closed = true;
      closing = true;
      clearInterval(sync);
      if (refit) clearInterval(refit);
      unsubscribe();
      await app.close();
      await host.close();
      if (!options.store) await store.close();
    },
  };
}

/** Creates the bootstrap platform key when no key exists. */
async function bootstrap(store: Store, key: string): Promise<void> {
  const existing = await store.listKeys();
  if (existing.length > 0) return;
  const { row } = newKey('platform', null, 'bootstrap');
  const { hashKey } = await import('./auth.js');
  const match = /^fmk_([0-9a-f]{16})_/.exec(key);
  if (!match)
    throw serviceError(
      'INVALID_REQUEST',
      'en',
      'the bootstrap key must look like fmk_<16 hex>_<43 base64url>',
    );
  await store.insertKey({ ...row, id: match[1]!, hash: hashKey(key) });
}

function register(
  app: FastifyInstance,
  route: RouteDef,
  services: Services,
  limiter: RateLimiter,
): void {
  app.route({
    method: route.method,
    url: route.url,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const locale = localeOf(request.headers['accept-language']);
      let caller: Caller | undefined;
      if (route.roles !== 'public') {
        const header = request.headers.authorization ?? '';
        const presented =
          AUTH_PATTERN.exec(header)?.[1] ??
          (typeof request.headers['x-api-key'] === 'string' ? request.headers['x-api-key'] : '');
        caller = presented ? await services.keys.authenticate(presented) : undefined;
        if (!caller) throw serviceError('UNAUTHORIZED', locale);
        const wait = limiter.take(caller.keyId);
        if (wait > 0) throw serviceError('RATE_LIMITED', locale, undefined, { retryAfter: wait });
        if (!route.roles.includes(caller.role))
          throw serviceError(
            'FORBIDDEN',
            locale,
            locale === 'en'
              ? `the ${caller.role} role may not call ${route.operationId}`
              : `${caller.role} 角色不能调用 ${route.operationId}`,
          );
      }
      const parse = (
        schema: RouteDef['params'],
        value: unknown,
        where: 'body' | 'query' | 'params',
      ) => {
        if (!schema) return value;
        const result = schema.safeParse(value ?? (where === 'body' ? {} : value), {
          reportInput: true,
        });
        if (!result.success)
          throw new HttpError(
            'INVALID_REQUEST',
            locale === 'en'
              ? `the request ${where} is invalid`
              : `请求的${where === 'body' ? '正文' : where === 'query' ? '查询参数' : '路径参数'}无效`,
            { issues: requestIssues(result.error, where, locale) },
          );
        return result.data;
      };
      const ctx = {
        params: parse(route.params, request.params, 'params'),
        query: parse(route.query, request.query, 'query'),
        body: parse(route.body, request.body, 'body'),
        caller,
        locale,
        requestId: request.id,
        services,
      };
      const result = await route.handler(ctx as never);
      void reply.status(route.status ?? 200);
      const raw = result as Partial<RawReply>;
      if (typeof raw?.raw === 'string' && typeof raw.contentType === 'string') {
        void reply.header('content-type', raw.contentType);
        return raw.raw;
      }
      return result;
    },
  });
}
