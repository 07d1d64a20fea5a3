/**
 * Errors as the service answers them: the library's typed errors keep their code, issues and
 * option; the service adds its own codes (authentication, limits, availability). Every
 * message is in the caller's language (`Accept-Language`), and no response carries a stack
 * trace or an internal message.
 *
 * @module
 */
import type { z } from 'zod';
import { FinmatchError, type ValidationIssue } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { describeValue } from '../../util/describe.js';
import { EngineTimeoutError, EngineUnavailableError } from '../engine/host.js';
import { StoreUnavailableError } from '../store/errors.js';

/** Codes the service adds to the library's. */
export const SERVICE_ERROR_CODES = [
  'INVALID_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TIMEOUT',
  'NOT_READY',
  'INTERNAL',
] as const;
export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number];

/** Every code a response may carry. */
export const ALL_ERROR_CODES = [
  'VALIDATION_FAILED',
  'DUPLICATE_ID',
  'UNKNOWN_ID',
  'INVALID_OPTION',
  'INVALID_PROFILE',
  'INVALID_SNAPSHOT',
  'PARSE_FAILED',
  'INVALID_ENCODING',
  'IO_FAILED',
  ...SERVICE_ERROR_CODES,
] as const;

const STATUS: Record<string, number> = {
  VALIDATION_FAILED: 422,
  DUPLICATE_ID: 409,
  UNKNOWN_ID: 404,
  INVALID_OPTION: 400,
  INVALID_PROFILE: 400,
  INVALID_SNAPSHOT: 400,
  PARSE_FAILED: 400,
  INVALID_ENCODING: 400,
  IO_FAILED: 500,
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TIMEOUT: 503,
  NOT_READY: 503,
  INTERNAL: 500,
};

/** Service messages, in both languages. */
const MESSAGES: Record<ServiceErrorCode, Record<Locale, string>> = {
  INVALID_REQUEST: { en: 'the request is invalid', zh: '请求无效' },
  UNAUTHORIZED: {
    en: 'a valid API key is required (Authorization: Bearer fmk_…)',
    zh: '需要有效的 API 密钥（Authorization: Bearer fmk_…）',
  },
  FORBIDDEN: { en: 'this key may not do that', zh: '此密钥无权执行该操作' },
  NOT_FOUND: { en: 'no such route', zh: '没有这个接口' },
  CONFLICT: { en: 'conflicts with a stored record', zh: '与已存储的记录冲突' },
  RATE_LIMITED: {
    en: 'too many requests for this key; retry later',
    zh: '此密钥请求过多，请稍后重试',
  },
  PAYLOAD_TOO_LARGE: { en: 'the request body is too large', zh: '请求体过大' },
  UNSUPPORTED_MEDIA_TYPE: {
    en: 'send JSON (Content-Type: application/json)',
    zh: '请发送 JSON（Content-Type: application/json）',
  },
  TIMEOUT: { en: 'the engine did not answer in time', zh: '引擎未能及时响应' },
  NOT_READY: { en: 'the service is starting or stopping', zh: '服务正在启动或停止' },
  INTERNAL: { en: 'internal error (logged)', zh: '内部错误（已记录）' },
};

/** An error the service answers with: code, status, message, details. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    readonly details: {
      issues?: readonly ValidationIssue[];
      option?: string;
      id?: string;
      retryAfter?: number;
    } = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = STATUS[code] ?? 500;
  }
}

/** A service error with its standard message (optionally more detail). */
export function serviceError(
  code: ServiceErrorCode,
  locale: Locale,
  detail?: string,
  extra: HttpError['details'] = {},
): HttpError {
  const base = MESSAGES[code][locale];
  return new HttpError(code, detail ? `${base}: ${detail}` : base, extra);
}

/** Picks zh or en from an `Accept-Language` header (highest weight wins; default zh). */
export function localeOf(header: string | undefined): Locale {
  if (!header) return 'zh';
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
    const locale: Locale | undefined = tag.startsWith('zh')
      ? 'zh'
      : tag.startsWith('en')
        ? 'en'
        : undefined;
    if (locale && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? 'zh';
}

/** Turns zod issues into the library's issue shape, in the caller's language. */
export function requestIssues(
  error: z.ZodError,
  where: 'body' | 'query' | 'params',
  locale: Locale,
): ValidationIssue[] {
  const en = locale === 'en';
  return error.issues.map((i) => {
    const path = [where, ...i.path.map(String)].join('.');
    const issue: ValidationIssue = { path, code: i.code, message: i.message };
    switch (i.code) {
      case 'invalid_type':
        issue.expected = i.expected;
        issue.message = en
          ? `expected ${i.expected}, received ${describeValue(i.input)}`
          : `应为 ${i.expected}，收到 ${describeValue(i.input)}`;
        break;
      case 'too_big':
        issue.expected = `≤ ${String(i.maximum)}`;
        issue.message = en
          ? `must be at most ${String(i.maximum)}`
          : `不能大于 ${String(i.maximum)}`;
        break;
      case 'too_small':
        issue.expected = `≥ ${String(i.minimum)}`;
        issue.message = en
          ? `must be at least ${String(i.minimum)}`
          : `不能小于 ${String(i.minimum)}`;
        break;
      case 'unrecognized_keys':
        issue.message = en
          ? `unknown field(s) ${i.keys.join(', ')}`
          : `未知字段 ${i.keys.join('、')}`;
        break;
      case 'invalid_value':
        issue.expected = i.values.map((v) => JSON.stringify(v)).join(' | ');
        issue.message = en
          ? `expected one of ${issue.expected}, received ${describeValue(i.input)}`
          : `应为 ${issue.expected} 之一，收到 ${describeValue(i.input)}`;
        break;
      default:
        if (!en) issue.message = `无效：${i.message}`;
    }
    if (i.input !== undefined && i.code !== 'unrecognized_keys')
      issue.received = describeValue(i.input);
    return issue;
  });
}

/** Maps anything thrown to an {@link HttpError}; `internal` reports whether it is a bug to log. */
export function toHttpError(
  error: unknown,
  locale: Locale,
): { error: HttpError; internal: boolean } {
  if (error instanceof HttpError) return { error, internal: false };
  if (error instanceof EngineTimeoutError)
    return { error: serviceError('TIMEOUT', locale), internal: false };
  if (error instanceof EngineUnavailableError)
    return { error: serviceError('NOT_READY', locale), internal: false };
  // The database is unreachable: the replica cannot serve now (logged; retry elsewhere).
  if (error instanceof StoreUnavailableError)
    return { error: serviceError('NOT_READY', locale), internal: true };
  if (error instanceof FinmatchError) {
    const e = error as FinmatchError & {
      issues?: readonly ValidationIssue[];
      option?: string;
      id?: string;
    };
    if (e.code === 'IO_FAILED') return { error: serviceError('INTERNAL', locale), internal: true };
    return {
      error: new HttpError(e.code, e.messages?.[locale] ?? e.message, {
        ...(e.issues ? { issues: e.issues } : {}),
        ...(typeof e.option === 'string' ? { option: e.option } : {}),
        ...(typeof e.id === 'string' ? { id: e.id } : {}),
      }),
      internal: false,
    };
  }
  // Fastify's own errors (bad JSON, body too large, wrong media type).
  const fe = error as { code?: string; statusCode?: number; message?: string };
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { error: serviceError('PAYLOAD_TOO_LARGE', locale), internal: false };
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { error: serviceError('UNSUPPORTED_MEDIA_TYPE', locale), internal: false };
  if (fe.statusCode === 400 || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return {
      error: serviceError(
        'INVALID_REQUEST',
        locale,
        locale === 'en' ? 'the body is not valid JSON' : '请求体不是有效的 JSON',
      ),
      internal: false,
    };
  return { error: serviceError('INTERNAL', locale), internal: true };
}

/** The JSON body of an error response. */
export function errorBody(error: HttpError, requestId: string) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details.issues ? { issues: error.details.issues } : {}),
      ...(error.details.option !== undefined ? { option: error.details.option } : {}),
      ...(error.details.id !== undefined ? { id: error.details.id } : {}),
      requestId,
    },
  };
}
