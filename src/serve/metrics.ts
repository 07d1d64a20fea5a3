/**
 * Prometheus metrics of a replica: request latency by route, index size by kind, the change
 * log position and the model version of each engine worker.
 *
 * @module
 */
import type * as PromClient from 'prom-client';
import type { EngineHost } from './engine/host.js';

/** The metrics of one replica. */
export interface Metrics {
  observe(route: string, method: string, status: number, seconds: number): void;
  render(): Promise<string>;
  contentType: string;
}

/** Latency buckets, seconds: from 1 ms (a warm ranking) to 30 s (a timeout). */
const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];

/**
 * Creates a registry of its own (two replicas in one process do not share counters).
 * `promClient` is the loaded `prom-client` module (an optional peer, see peers.ts).
 */
export function createMetrics(host: EngineHost, promClient: typeof PromClient): Metrics {
  const { Gauge, Histogram, Registry, collectDefaultMetrics } = promClient;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'finmatch_process_' });
  const latency = new Histogram({
    name: 'finmatch_http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'finmatch_index_records',
    help: 'Records held by the engine, by kind (first ready worker)',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const w = host.status().workers.find((x) => x.info);
      if (!w?.info) return;
      for (const [kind, n] of Object.entries(w.info.counts)) this.set({ kind }, n);
    },
  });
  new Gauge({
    name: 'finmatch_model_seq',
    help: 'Change-log position of the model of each engine worker (the model version is m<seq>)',
    labelNames: ['worker'],
    registers: [registry],
    collect() {
      for (const w of host.status().workers)
        if (w.info) this.set({ worker: String(w.index) }, w.info.modelSeq);
    },
  });
  new Gauge({
    name: 'finmatch_pending_events',
    help: 'Outcome events waiting for the next refit, by worker',
    labelNames: ['worker'],
    registers: [registry],
    collect() {
      for (const w of host.status().workers)
        if (w.info) this.set({ worker: String(w.index) }, w.info.pendingEvents);
    },
  });
  new Gauge({
    name: 'finmatch_change_seq',
    help: 'Last change-log position this replica has read',
    registers: [registry],
    collect() {
      this.set(host.status().pulledSeq);
    },
  });
  return {
    observe(route, method, status, seconds) {
      latency.observe({ route, method, status: String(status) }, seconds);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
