/**
 * The engine host: the main thread's side of the engine. It runs N engine workers (threads,
 * or one in-process engine for tests and small markets), each a full replica of the market
 * following the store's change log, so CPU-heavy work never blocks the event loop:
 *
 * - **start**: reads the records at one log position once, streams them to every worker,
 *   and each builds there;
 * - **follow**: {@link EngineHost.pull} reads the log after the last position and posts the
 *   changes to every worker (writes through this replica, notifications and a timer call it);
 * - **calls** go to the least busy worker that has applied everything acknowledged;
 * - **refit**: one worker at a time (rolling), so the others keep answering;
 * - a worker that dies is replaced: loaded from the store and caught up from the log.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FinmatchError } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import type { BatchResult } from '../../model/parse.js';
import type { Operation } from '../api/schemas.js';
import type { Change, Store, StoredKind } from '../store/types.js';
import { EngineCore } from './core.js';
import type { Scope } from './operations.js';
import {
  deserializeError,
  InternalError,
  type Reply,
  type Request,
  type SerializedError,
} from './protocol.js';
import type { QuarantinedRecord, StateConfig, StateInfo } from './state.js';

/** Options of {@link EngineHost}. */
export interface EngineHostOptions {
  /** Worker threads; 0 runs one engine in the main thread (tests, small markets). Default 2. */
  workers?: number;
  config?: StateConfig;
  /** Changes read per page when loading and following. Default 5000. */
  pageSize?: number;
  /** Milliseconds a call may take before it fails with a timeout. Default 30 000. */
  callTimeoutMs?: number;
  /** Path of the worker script (default: `serve-worker.cjs` beside the package's `dist/`). */
  workerPath?: string | URL;
  /**
   * Old-generation heap of each worker thread, MiB. Each worker holds the whole market; at
   * seed scale V8's default limit leaves it collecting garbage for a large share of its time.
   * Default: the memory available (the container's limit, else the machine's) shared by the
   * workers and the main thread, at least 4 GiB.
   */
  workerHeapMb?: number;
  /** Called on every worker failure (for logs). */
  onWorkerError?: (error: SerializedError, worker: number) => void;
}

/** A call's answer with the state it came from. */
export interface CallResult<T = unknown> {
  value: T;
  info: StateInfo;
}

/** Thrown when a call does not finish within `callTimeoutMs`. */
export class EngineTimeoutError extends FinmatchError {
  constructor(ms: number) {
    super('INVALID_OPTION', `the engine did not answer within ${ms} ms`);
    this.name = 'EngineTimeoutError';
  }
}

/** Thrown when the engine cannot serve (not built yet, shutting down). */
export class EngineUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineUnavailableError';
  }
}

interface Pending {
  resolve: (r: CallResult) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/** One engine: a worker thread or the in-process core. */
class EngineHandle {
  inflight = 0;
  sentSeq = 0;
  appliedSeq = 0;
  built = false;
  refitting = false;
  dead = false;
  info: StateInfo | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly builtWaiters: {
    resolve: (info: StateInfo) => void;
    reject: (e: Error) => void;
  }[] = [];
  private readonly appliedWaiters: { seq: number; resolve: () => void }[] = [];
  private readonly post: (m: Request) => void;
  private readonly worker: Worker | undefined;

  constructor(
    readonly index: number,
    workerPath: URL | undefined,
    private readonly onFatal: (e: SerializedError) => void,
    heapMb?: number,
  ) {
    if (workerPath) {
      const worker = new Worker(workerPath, {
        ...(heapMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}),
      });
      this.worker = worker;
      worker.on('message', (r: Reply) => this.receive(r));
      worker.on('error', (e) => this.fail({ name: 'Error', code: 'INTERNAL', message: e.message }));
      worker.on('exit', (code) => {
        if (!this.dead)
          this.fail({ name: 'Error', code: 'INTERNAL', message: `engine worker exited (${code})` });
      });
      this.post = (m) => worker.postMessage(m);
    } else {
      const core = new EngineCore((r) => setImmediate(() => this.receive(r)));
      this.post = (m) =>
        setImmediate(() => {
          try {
            core.handle(m);
          } catch (error) {
            this.fail({ name: 'Error', code: 'INTERNAL', message: String(error) });
          }
        });
    }
  }

  send(m: Request): void {
    if (!this.dead) this.post(m);
  }

  call(m: Request & { id: number }, timeoutMs: number): Promise<CallResult> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(m.id);
        this.inflight--;
        reject(new EngineTimeoutError(timeoutMs));
      }, timeoutMs);
      timer.unref();
      this.pending.set(m.id, { resolve, reject, timer });
      this.inflight++;
      this.send(m);
    });
  }

  whenBuilt(): Promise<StateInfo> {
    if (this.dead) return Promise.reject(new InternalError('engine worker failed'));
    return new Promise((resolve, reject) => this.builtWaiters.push({ resolve, reject }));
  }

  whenApplied(seq: number): Promise<void> {
    if (this.appliedSeq >= seq) return Promise.resolve();
    return new Promise((resolve) => this.appliedWaiters.push({ seq, resolve }));
  }

  private receive(r: Reply): void {
    switch (r.type) {
      case 'built':
        this.built = true;
        this.info = r.info;
        this.appliedSeq = Math.max(this.appliedSeq, r.info.seq);
        for (const w of this.builtWaiters.splice(0)) w.resolve(r.info);
        this.release();
        return;
      case 'applied':
        this.appliedSeq = Math.max(this.appliedSeq, r.seq);
        this.release();
        return;
      case 'result': {
        const p = this.pending.get(r.id);
        if (!p) return;
        this.pending.delete(r.id);
        clearTimeout(p.timer);
        this.inflight--;
        if (r.ok) {
          this.info = r.info;
          p.resolve({ value: r.value, info: r.info });
        } else p.reject(deserializeError(r.error));
        return;
      }
      case 'fatal':
        this.fail(r.error);
        return;
    }
  }

  private release(): void {
    for (let i = this.appliedWaiters.length - 1; i >= 0; i--) {
      const w = this.appliedWaiters[i]!;
      if (this.appliedSeq >= w.seq) {
        this.appliedWaiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  fail(error: SerializedError): void {
    if (this.dead) return;
    this.dead = true;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new InternalError(`engine worker ${this.index} failed: ${error.message}`));
    }
    this.pending.clear();
    for (const w of this.builtWaiters.splice(0))
      w.reject(new InternalError(`engine worker ${this.index} failed: ${error.message}`));
    void this.worker?.terminate();
    this.onFatal(error);
  }

  async close(): Promise<void> {
    this.dead = true;
    await this.worker?.terminate();
  }
}

/**
 * The memory this process may use: a container's limit (cgroup, `process.constrainedMemory`)
 * when there is one, else the machine's.
 */
function availableMemory(): number {
  const constrained = (
    process as { constrainedMemory?: () => number | undefined }
  ).constrainedMemory?.();
  const total = totalmem();
  return constrained !== undefined && constrained > 0 && constrained < total ? constrained : total;
}

/** Smallest default worker heap, MiB (V8's own default on a 64-bit machine is about 4 GiB). */
const MIN_WORKER_HEAP_MB = 4096;

function defaultWorkerPath(): URL {
  const beside = new URL('./serve-worker.cjs', import.meta.url);
  if (beside.protocol !== 'file:' || existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../../dist/serve-worker.cjs', import.meta.url);
}

/** Runs the engine workers of one service replica. */
export class EngineHost {
  private readonly handles: EngineHandle[] = [];
  private readonly count: number;
  private readonly pageSize: number;
  private readonly timeoutMs: number;
  private readonly workerPath: URL | undefined;
  private readonly heapMb: number;
  private nextId = 1;
  private pulledSeq = 0;
  private ackedSeq = 0;
  private pulling: Promise<void> | undefined;
  private pullAgain = false;
  private closed = false;
  private started = false;

  constructor(
    private readonly store: Pick<Store, 'headSeq' | 'recordsAsOf' | 'changesSince'>,
    private readonly options: EngineHostOptions = {},
  ) {
    this.count = Math.max(1, options.workers ?? 2);
    this.pageSize = options.pageSize ?? 5000;
    this.timeoutMs = options.callTimeoutMs ?? 30_000;
    this.heapMb =
      options.workerHeapMb ??
      Math.max(MIN_WORKER_HEAP_MB, Math.floor(availableMemory() / 2 ** 20 / (this.count + 1)));
    this.workerPath =
      options.workers === 0
        ? undefined
        : options.workerPath === undefined
          ? defaultWorkerPath()
          : typeof options.workerPath === 'string'
            ? new URL(`file://${options.workerPath}`)
            : options.workerPath;
  }

  /** Loads the store's records into every worker and builds; resolves when all are built. */
  async start(): Promise<StateInfo> {
    const handles = Array.from({ length: this.count }, (_, i) => this.spawn(i));
    try {
      const seq = await this.load(handles);
      this.pulledSeq = seq;
      const infos = await Promise.all(handles.map((h) => h.whenBuilt()));
      await this.pull();
      this.started = true;
      return infos[0]!;
    } catch (error) {
      // A market that cannot be built at start is not retried worker after worker.
      await this.close();
      throw error;
    }
  }

  private spawn(index: number): EngineHandle {
    const handle = new EngineHandle(
      index,
      this.workerPath,
      (error) => {
        this.options.onWorkerError?.(error, index);
        if (this.started && !this.closed) void this.replace(index);
      },
      this.heapMb,
    );
    handle.send({ type: 'init', config: this.options.config ?? {} });
    this.handles[index] = handle;
    return handle;
  }

  /** Streams the records at the head of the log to `handles`; returns that position. */
  private async load(handles: readonly EngineHandle[]): Promise<number> {
    const seq = await this.store.headSeq();
    for await (const page of this.store.recordsAsOf(seq, { pageSize: this.pageSize }))
      for (const h of handles) h.send({ type: 'load', changes: page });
    for (const h of handles) {
      h.sentSeq = seq;
      h.send({ type: 'build', seq });
    }
    return seq;
  }

  /** Replaces a failed worker: a new one loads from the store and catches up. */
  private async replace(index: number): Promise<void> {
    const handle = this.spawn(index);
    try {
      await this.load([handle]);
      await handle.whenBuilt();
      await this.pull();
    } catch (error) {
      this.options.onWorkerError?.(
        { name: 'Error', code: 'INTERNAL', message: String(error) },
        index,
      );
    }
  }

  /**
   * Reads the change log after the last position and posts it to every worker. Calls that
   * overlap run once more after the current one (no change is read twice or missed).
   */
  pull(): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return this.pulling;
    }
    this.pulling = (async () => {
      try {
        do {
          this.pullAgain = false;
          for (;;) {
            const live = this.handles.filter((h) => !h.dead);
            if (live.length === 0) return;
            const from = Math.min(...live.map((h) => h.sentSeq));
            const changes = await this.store.changesSince(from, this.pageSize);
            if (changes.length === 0) break;
            for (const h of live) {
              const fresh = changes.filter((c) => c.seq > h.sentSeq);
              if (fresh.length === 0) continue;
              h.send({ type: 'apply', changes: fresh });
              h.sentSeq = fresh[fresh.length - 1]!.seq;
            }
            this.pulledSeq = Math.max(this.pulledSeq, changes[changes.length - 1]!.seq);
            if (changes.length < this.pageSize) break;
          }
        } while (this.pullAgain);
      } finally {
        this.pulling = undefined;
      }
    })();
    return this.pulling;
  }

  /**
   * Makes `seq` visible: pulls the log up to it and waits until a worker has applied it; from
   * then on every call goes to a worker that has (read-your-writes on this replica).
   */
  async acknowledge(seq: number): Promise<void> {
    while (this.pulledSeq < seq) {
      await this.pull();
      if (this.pulledSeq < seq) await new Promise((r) => setTimeout(r, 5));
    }
    this.ackedSeq = Math.max(this.ackedSeq, seq);
    await Promise.race(this.live().map((h) => h.whenApplied(seq)));
  }

  private live(): EngineHandle[] {
    const live = this.handles.filter((h) => !h.dead && h.built);
    if (live.length === 0) throw new EngineUnavailableError('no engine worker is ready');
    return live;
  }

  /** Picks a worker for a call: built, not refitting if possible, caught up, least busy. */
  private async choose(): Promise<EngineHandle> {
    const live = this.live();
    const ready = live.filter((h) => h.appliedSeq >= this.ackedSeq);
    const pool = ready.length > 0 ? ready : live;
    const idle = pool.filter((h) => !h.refitting);
    const best = (idle.length > 0 ? idle : pool).reduce((a, b) =>
      b.inflight < a.inflight ? b : a,
    );
    await best.whenApplied(this.ackedSeq);
    return best;
  }

  /** Runs an engine operation on a worker. */
  async call<T = unknown>(
    operation: Operation,
    request: unknown,
    scope: Scope,
  ): Promise<CallResult<T>> {
    const h = await this.choose();
    const id = this.nextId++;
    return (await h.call(
      { type: 'call', id, operation, request, scope },
      this.timeoutMs,
    )) as CallResult<T>;
  }

  /** Validates records with the library on a worker (off the event loop). */
  async validate<T = unknown>(
    kind: StoredKind,
    values: unknown[],
    locale: Locale,
  ): Promise<BatchResult<T>> {
    const h = await this.choose();
    const id = this.nextId++;
    const r = await h.call({ type: 'validate', id, kind, values, locale }, this.timeoutMs);
    return r.value as BatchResult<T>;
  }

  /** Records held but left out of the matchers, from one worker. */
  async quarantined(): Promise<QuarantinedRecord[]> {
    const h = await this.choose();
    const id = this.nextId++;
    return (await h.call({ type: 'quarantined', id }, this.timeoutMs)).value as QuarantinedRecord[];
  }

  /** Both markets' library snapshots at a worker's current position, with that state. */
  async snapshot(): Promise<CallResult<{ enterpriseProduct: string; projectInvestor: string }>> {
    const h = await this.choose();
    const id = this.nextId++;
    return (await h.call({ type: 'snapshot', id }, this.timeoutMs)) as CallResult<{
      enterpriseProduct: string;
      projectInvestor: string;
    }>;
  }

  /**
   * Recomputes a past call from the log alone, in a one-off engine: the records as they were
   * at `modelSeq` (the model's build), built with the recorded `asOf`, then every change up
   * to `recordSeq` applied in order, then the same operation on the same request. What a live
   * worker did, step for step, so an audited ranking is reproduced exactly.
   */
  async replay(point: {
    modelSeq: number;
    recordSeq: number;
    asOf: string;
    operation: Operation;
    request: unknown;
    scope: Scope;
  }): Promise<CallResult> {
    let failure: SerializedError | undefined;
    const h = new EngineHandle(-1, this.workerPath, (e) => (failure = e), this.heapMb);
    try {
      h.send({ type: 'init', config: { ...this.options.config, asOf: point.asOf } });
      for await (const page of this.store.recordsAsOf(point.modelSeq, { pageSize: this.pageSize }))
        h.send({ type: 'load', changes: page });
      const built = h.whenBuilt();
      h.send({ type: 'build', seq: point.modelSeq });
      await built;
      let after = point.modelSeq;
      while (after < point.recordSeq) {
        const changes = (await this.store.changesSince(after, this.pageSize)).filter(
          (c) => c.seq <= point.recordSeq,
        );
        if (changes.length === 0) break;
        h.send({ type: 'apply', changes });
        after = changes[changes.length - 1]!.seq;
      }
      const id = this.nextId++;
      return await h.call(
        {
          type: 'call',
          id,
          operation: point.operation,
          request: point.request,
          scope: point.scope,
        },
        this.timeoutMs * 10,
      );
    } catch (error) {
      if (failure) throw new InternalError(failure.message);
      throw error;
    } finally {
      await h.close();
    }
  }

  /** Refits every worker on the outcome events so far, one at a time; returns the new state. */
  async refit(): Promise<StateInfo> {
    await this.pull();
    let info: StateInfo | undefined;
    for (const h of this.live()) {
      h.refitting = true;
      try {
        const built = h.whenBuilt();
        h.send({ type: 'refit' });
        info = await built;
      } finally {
        h.refitting = false;
      }
    }
    return info!;
  }

  /** The state of each worker (last known). */
  status(): {
    workers: { index: number; ready: boolean; refitting: boolean; info?: StateInfo }[];
    pulledSeq: number;
  } {
    return {
      pulledSeq: this.pulledSeq,
      workers: this.handles.map((h) => ({
        index: h.index,
        ready: h.built && !h.dead,
        refitting: h.refitting,
        ...(h.info ? { info: h.info } : {}),
      })),
    };
  }

  /** Whether at least one worker can answer. */
  get ready(): boolean {
    return this.handles.some((h) => h.built && !h.dead);
  }

  /** Stops every worker (after in-flight calls, which the server drains first). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.handles.map((h) => h.close()));
  }
}

export type { Change };
