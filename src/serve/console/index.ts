/**
 * The officer console: a static web page (`/console/`) served by every replica, for bank
 * officers to prospect enterprises for their products and to see which products fit an
 * enterprise and why. It is plain HTML, CSS and one ES module, and calls only the public
 * HTTP API with the key the officer pastes (kept in the tab's `sessionStorage`, sent as the
 * `Authorization` header, never put in a URL).
 *
 * The assets are read once at start from `./static/` beside this module (sources, tests) or
 * from `./console/` beside the bundle (`dist/console/`, copied by the build), and served from
 * memory with a strict Content-Security-Policy: no inline script or style, no other origin,
 * no framing.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** Path the console is served under. */
export const CONSOLE_PATH = '/console/';

/** The console's files and their media types: nothing else is served. */
export const CONSOLE_FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
};

/**
 * The Content-Security-Policy of every console response: scripts, styles and API calls from
 * this origin only (no inline script, no `eval`), no plugins, no framing, no form posts, no
 * `<base>`. `img-src data:` is for the empty favicon.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every console file. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  // Revalidate each time (cheap: ETag), so an upgraded replica serves its own console.
  'cache-control': 'no-cache',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** Where the assets may be: beside the source module, or beside the bundle in dist/. */
function candidateDirs(): string[] {
  return [new URL('./static/', import.meta.url), new URL('./console/', import.meta.url)].map((u) =>
    fileURLToPath(u),
  );
}

/**
 * Reads the console's files. Throws an error naming the directories searched when they are
 * missing (a package built without copying them).
 */
export function loadConsoleAssets(dirs: readonly string[] = candidateDirs()): Map<string, Asset> {
  const dir = dirs.find((d) => Object.keys(CONSOLE_FILES).every((f) => existsSync(d + f)));
  if (dir === undefined)
    throw new Error(
      `finmatch serve: the console's files (${Object.keys(CONSOLE_FILES).join(', ')}) are in none of ${dirs.join(', ')}; rebuild the package (npm run build copies them to dist/console/) or start with console: false`,
    );
  const assets = new Map<string, Asset>();
  for (const [name, type] of Object.entries(CONSOLE_FILES)) {
    const body = readFileSync(dir + name);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    assets.set(name, { body, type, etag });
  }
  return assets;
}

/**
 * Registers the console's routes on `app`: `GET /console` (redirects to `/console/`),
 * `GET /console/` (the page) and `GET /console/<file>` for the files of
 * {@link CONSOLE_FILES}; any other name is the service's 404.
 */
export function registerConsole(app: FastifyInstance, assets = loadConsoleAssets()): void {
  const send = (name: string, ifNoneMatch: string | undefined) => {
    const asset = assets.get(name);
    if (asset === undefined) return undefined;
    const headers = { ...SECURITY_HEADERS, etag: asset.etag, 'content-type': asset.type };
    return ifNoneMatch === asset.etag
      ? { status: 304, headers, body: '' }
      : { status: 200, headers, body: asset.body };
  };
  app.get('/console', (_request, reply) => reply.redirect(CONSOLE_PATH, 302));
  app.get(CONSOLE_PATH, (request, reply) => {
    const out = send('index.html', request.headers['if-none-match'])!;
    return reply.status(out.status).headers(out.headers).send(out.body);
  });
  app.get<{ Params: { file: string } }>(`${CONSOLE_PATH}:file`, (request, reply) => {
    const out = send(request.params.file, request.headers['if-none-match']);
    if (out === undefined) return reply.callNotFound();
    return reply.status(out.status).headers(out.headers).send(out.body);
  });
}
