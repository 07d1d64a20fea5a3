/**
 * Messages between the service's main thread and its engine workers, and how errors cross
 * the thread boundary (typed errors keep their class, code, issues and option).
 *
 * @module
 */
import {
  FinmatchError,
  OptionError,
  UnknownIdError,
  ValidationError,
  type ErrorCode,
  type ValidationIssue,
} from '../../errors.js';
import type { Locale, LocalizedText } from '../../i18n/locale.js';
import type { Operation } from '../api/schemas.js';
import type { Change, StoredKind } from '../store/types.js';
import type { Scope } from './operations.js';
import type { StateConfig, StateInfo, QuarantinedRecord } from './state.js';

/** Main thread → worker. */
export type Request =
  | { type: 'init'; config: StateConfig }
  | { type: 'load'; changes: Change[] }
  | { type: 'build'; seq: number }
  | { type: 'apply'; changes: Change[] }
  | { type: 'refit' }
  | { type: 'call'; id: number; operation: Operation; request: unknown; scope: Scope }
  | { type: 'validate'; id: number; kind: StoredKind; values: unknown[]; locale: Locale }
  | { type: 'quarantined'; id: number }
  | { type: 'snapshot'; id: number };

/** Worker → main thread. */
export type Reply =
  | { type: 'built'; info: StateInfo }
  | { type: 'applied'; seq: number }
  | { type: 'result'; id: number; ok: true; value: unknown; info: StateInfo }
  | { type: 'result'; id: number; ok: false; error: SerializedError }
  | { type: 'fatal'; error: SerializedError };

/** A typed error as plain data. */
export interface SerializedError {
  name: string;
  code: ErrorCode | 'INTERNAL';
  message: string;
  /** The message in each locale, when the error has both. */
  messages?: LocalizedText;
  issues?: readonly ValidationIssue[];
  kind?: string;
  option?: string;
  id?: string;
}

/** Turns any thrown value into data (non-finmatch errors become `INTERNAL`, no stack). */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof FinmatchError) {
    const e = error as FinmatchError & Partial<SerializedError>;
    return {
      name: e.name,
      code: e.code,
      message: e.message,
      ...(e.messages ? { messages: { zh: e.messages.zh, en: e.messages.en } } : {}),
      ...(e.issues ? { issues: e.issues } : {}),
      ...(typeof e.kind === 'string' ? { kind: e.kind } : {}),
      ...(typeof e.option === 'string' ? { option: e.option } : {}),
      ...(typeof e.id === 'string' ? { id: e.id } : {}),
    };
  }
  return {
    name: 'Error',
    code: 'INTERNAL',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** Rebuilds the typed error on this side. */
export function deserializeError(e: SerializedError): Error {
  switch (e.name) {
    case 'ValidationError':
      return new ValidationError(e.kind ?? 'record', e.issues ?? [], e.message);
    case 'OptionError':
      return new OptionError(e.option ?? '', e.messages ?? e.message);
    case 'UnknownIdError':
      return new UnknownIdError(e.id ?? '', e.message);
    default:
      if (e.code === 'INTERNAL') return new InternalError(e.message);
      return Object.assign(new FinmatchError(e.code, e.messages ?? e.message), { name: e.name });
  }
}

/** A failure inside the engine that is not the caller's fault (the message is logged, not shown). */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}

export type { QuarantinedRecord };
