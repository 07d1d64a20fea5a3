/**
 * The service's optional peer dependencies. `finmatch/serve` and `finmatch serve` need an HTTP
 * server, a metrics registry and a database driver (about 40 MB installed, 66 packages, most of
 * it the embedded PostgreSQL); the matching library does not, so `npm install finmatch` does
 * not install them (see docs/package.md). They are loaded on first use through
 * {@link importPeer}, which turns "module not found" into a {@link MissingDependencyError}
 * naming the package and the command that installs it.
 *
 * @module
 */
import { FinmatchError } from '../errors.js';
import type { LocalizedText } from '../i18n/locale.js';

/**
 * The service's optional peer dependencies and the version ranges finmatch is tested with;
 * package.json's `peerDependencies` lists the same (test/serve/peers.test.ts checks it).
 * `pino` is needed for its types only (fastify brings its own copy at run time).
 */
export const SERVICE_PEER_DEPENDENCIES = Object.freeze({
  '@electric-sql/pglite': '^0.5.17',
  fastify: '^5.12.8',
  pg: '^8.23.1',
  pino: '^10.4.0',
  'prom-client': '^15.1.3',
} as const);

/** A package of {@link SERVICE_PEER_DEPENDENCIES}. */
export type ServicePeer = keyof typeof SERVICE_PEER_DEPENDENCIES;

/** What each peer is used for, in both locales (for the error message). */
const PEER_PURPOSE: Readonly<Record<ServicePeer, LocalizedText>> = {
  '@electric-sql/pglite': { zh: '内嵌数据库', en: 'the embedded database' },
  fastify: { zh: 'HTTP 服务', en: 'the HTTP server' },
  pg: { zh: 'PostgreSQL 数据库连接', en: 'PostgreSQL connections' },
  pino: { zh: '日志类型', en: 'logger types' },
  'prom-client': { zh: 'Prometheus 指标', en: 'Prometheus metrics' },
};

/**
 * Thrown (code `MISSING_DEPENDENCY`) when `finmatch/serve` or `finmatch serve` needs an
 * optional peer dependency that is not installed. The message, in Chinese then English, names
 * the package and the `npm install` command; {@link MissingDependencyError.messages} has each.
 */
export class MissingDependencyError extends FinmatchError {
  /** The package that could not be loaded (`fastify`). */
  readonly packageName: ServicePeer;
  /** The version range to install (`^5.12.8`). */
  readonly versionRange: string;
  /** The message in each locale. */
  override readonly messages: LocalizedText;
  constructor(packageName: ServicePeer, options?: { cause?: unknown }) {
    const versionRange = SERVICE_PEER_DEPENDENCIES[packageName];
    const purpose = PEER_PURPOSE[packageName];
    const install = `npm install ${packageName}@${versionRange}`;
    const all = `npm install ${Object.entries(SERVICE_PEER_DEPENDENCIES)
      .map(([name, range]) => `${name}@${range}`)
      .join(' ')}`;
    const messages: LocalizedText = {
      zh: `finmatch 服务（finmatch/serve、finmatch serve）需要可选依赖 ${packageName}（${purpose.zh}），但未安装。请运行：${install}；或一次安装全部服务依赖：${all}`,
      en: `the finmatch service (finmatch/serve, finmatch serve) needs the optional dependency ${packageName} (${purpose.en}), which is not installed. Run: ${install}; or install every service dependency: ${all}`,
    };
    super('MISSING_DEPENDENCY', `${messages.zh}\n${messages.en}`, options);
    this.name = 'MissingDependencyError';
    this.packageName = packageName;
    this.versionRange = versionRange;
    this.messages = messages;
  }
}

/** Whether `error` says that `name` itself (not a module inside it) cannot be found. */
export function isMissingPackage(error: unknown, name: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  // ESM: "Cannot find package 'fastify' imported from …"; CJS: "Cannot find module 'fastify'".
  return (
    typeof message === 'string' &&
    (message.includes(`package '${name}'`) || message.includes(`module '${name}'`))
  );
}

/**
 * Loads an optional peer dependency with `load` (a literal `import('…')`, so bundlers see it);
 * when the package is not installed, throws a {@link MissingDependencyError}. Other failures
 * (a broken installation) are passed on as they are.
 *
 * @param name - The package.
 * @param load - `() => import(name)`.
 */
export async function importPeer<T>(name: ServicePeer, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissingPackage(error, name)) throw new MissingDependencyError(name, { cause: error });
    throw error;
  }
}
