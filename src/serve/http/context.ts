/**
 * What a route handler receives, and the table entry that declares a route: method, path,
 * roles, schemas and handler. The server registers the table and the OpenAPI document is
 * generated from it, so the two cannot disagree.
 *
 * @module
 */
import type { z } from 'zod';
import type { Locale } from '../../i18n/locale.js';
import type { Caller, KeyRing } from '../auth.js';
import type { EngineHost } from '../engine/host.js';
import type { StateConfig } from '../engine/state.js';
import type { Role, Store } from '../store/types.js';

/** The parts of a running service a handler may use. */
export interface Services {
  store: Store;
  host: EngineHost;
  keys: KeyRing;
  config: StateConfig;
}

/** One request, parsed and authorised. */
export interface RouteContext<P = unknown, Q = unknown, B = unknown> {
  params: P;
  query: Q;
  body: B;
  /** Undefined on public routes. */
  caller: Caller | undefined;
  locale: Locale;
  requestId: string;
  services: Services;
}

/** A raw (non-JSON-object) answer, e.g. a stored snapshot's bytes or the metrics text. */
export interface RawReply {
  raw: string;
  contentType: string;
}

/** One route of the table. */
export interface RouteDef {
  method: 'GET' | 'POST' | 'DELETE';
  /** Fastify path syntax (`/v1/records/:kind`). */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Roles allowed; `public` routes need no key. */
  roles: readonly Role[] | 'public';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Success status. Default 200. */
  status?: number;
  /** Whether the route writes (so the OpenAPI document and the docs can say so). */
  writes?: boolean;
  handler: (ctx: RouteContext<never, never, never>) => Promise<unknown>;
}
