import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { maxBatchCalls, maxRequestUrlLength } from '@app/core/schemas';
import { readSystemStats } from '@app/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createContext, type Services } from './context.ts';
import { createExportDownload } from './exports/export-download.ts';
import { appRouter } from './router.ts';
import { createStaticSite } from './static-files.ts';

export interface HttpServerOptions {
  services: Services;
  /** `<provider>:<model>` for /healthz. */
  modelDescription: string;
  /** Built SPA to serve same-origin (production); omitted in dev where Vite serves it. */
  staticDir?: string;
  onError?: (error: unknown, path: string | undefined) => void;
}

/** Request body ≤ 1 MiB (413 past it); batch size and request targets: core's limits. */
export const maxBodyBytes = 1024 * 1024;

export function createHttpServer(options: HttpServerOptions) {
  const trpcHandler = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: (opts) => createContext(options.services, opts),
    maxBodySize: maxBodyBytes,
    maxBatchSize: maxBatchCalls,
    onError: ({ error, path: procedurePath }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') options.onError?.(error.cause ?? error, procedurePath);
    },
  });
  const exportDownload = createExportDownload({
    db: options.services.db,
    sessionSecret: options.services.sessionSecret,
  });
  const staticSite = options.staticDir
    ? createStaticSite({ root: options.staticDir, previewBaseUrl: options.services.previewBaseUrl })
    : null;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    // Longer targets: 414 (Node itself answers 431 past 16 KiB of headers).
    if (target.length > maxRequestUrlLength) return answerText(res, 414, 'URI too long');
    // Every path is decoded once here, so no handler below meets an escape that throws
    // (`/%E0%A4%A`, `/%`) or a NUL; such a request is the client's mistake: 400.
    // Origin-form only (`/path?query`): a target like `//host/x` would otherwise parse as a host.
    if (!target.startsWith('/')) return answerText(res, 400, 'Bad request: malformed URL');
    let url: URL;
    let decodedPath: string;
    try {
      url = new URL(`http://localhost${target}`);
      decodedPath = decodeURIComponent(url.pathname);
    } catch {
      return answerText(res, 400, 'Bad request: malformed URL');
    }
    if (decodedPath.includes('\0')) return answerText(res, 400, 'Bad request: malformed URL');
    if (url.pathname.startsWith('/trpc/')) {
      if (req.headers.accept?.includes('text/event-stream')) announceReconnectDelay(res);
      trpcHandler(req, res);
      return;
    }
    if (url.pathname === '/healthz') {
      const { db, hub } = options.services;
      const stats = await readSystemStats(db).catch(() => null);
      const listener = hub.state;
      // Ready = this process can serve: database reachable and LISTEN held. Workers are reported, not
      // required: the API keeps answering (and jobs keep queueing) while workers restart.
      const ok = stats !== null && listener === 'listening';
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({
          ok,
          model: options.modelDescription,
          database: stats !== null,
          listener,
          workers: stats?.liveWorkers ?? null,
          // Verification happens on the workers, so each worker records in its heartbeat whether it
          // found a Chromium (migration 0002): a worker without one fails every build it takes.
          verifier: stats && verifierHealth(stats.liveWorkers, stats.liveWorkersWithoutBrowser),
          queueDepth: stats?.queueDepth ?? null,
          subscriptions: hub.subscriptionCount,
        }),
      );
      return;
    }
    if (url.pathname === '/metrics') {
      const { db, hub, metrics } = options.services;
      const stats = await readSystemStats(db).catch(() => null);
      if (!stats) {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('database unavailable\n');
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(
        metrics.render({
          stats,
          subscriptions: hub.subscriptionCount,
          listenerUp: hub.state === 'listening',
        }),
      );
      return;
    }
    if (await exportDownload(req, res, url)) return;
    if (staticSite && (req.method === 'GET' || req.method === 'HEAD')) {
      if (await staticSite(req, res, decodedPath)) return;
    }
    answerText(res, 404, 'Not found');
  }

  // The one place a request's failure ends: whatever a handler throws (or rejects with) becomes a
  // 500 for this request, never an unhandled rejection that takes the process down.
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error, req.url);
      if (!res.headersSent) answerText(res, 500, 'Internal server error');
      else res.destroy();
    });
  });
  // Keep-alive sockets of SSE clients would otherwise hold `close()` open forever.
  server.keepAliveTimeout = 65_000;

  return {
    server,
    async listen(port: number, host = '127.0.0.1'): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    },
    async close(): Promise<void> {
      // server.close() waits for open SSE streams; end them first (clients reconnect elsewhere).
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * How long an SSE client waits before reconnecting. EventSource defaults to 3 s (browsers and the
 * `eventsource` package alike), and after a server restart that wait comes on top of the restart; it
 * repeats while the server is still starting. The stream's own `retry:` field shortens it, but
 * tRPC's SSE producer never writes one, so it is put in front of the stream's first chunk.
 */
const sseReconnectDelayMs = 1_000;

function announceReconnectDelay(res: http.ServerResponse): void {
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  let first = true;
  res.write = ((...args: unknown[]) => {
    if (first) {
      first = false;
      const type = String(res.getHeader('content-type') ?? '');
      if (res.statusCode === 200 && type.startsWith('text/event-stream')) {
        write(`retry: ${sseReconnectDelayMs}\n\n`);
      }
    }
    return write(...args);
  }) as typeof res.write;
}

function answerText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(`${text}\n`);
}

function verifierHealth(liveWorkers: number, withoutBrowser: number) {
  return {
    browser:
      withoutBrowser === 0 ? (liveWorkers > 0 ? 'every worker has one' : 'no live workers') : 'missing',
    workersWithoutBrowser: withoutBrowser,
    ...(withoutBrowser > 0 && {
      warning: `${withoutBrowser} worker${withoutBrowser === 1 ? '' : 's'} cannot verify apps, so their builds fail: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    }),
  };
}
