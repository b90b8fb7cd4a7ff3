import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readSystemStats } from '@app/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createContext, type Services } from './context.ts';
import { appRouter } from './router.ts';

export interface HttpServerOptions {
  services: Services;
  /** `<provider>:<model>` for /healthz. */
  modelDescription: string;
  /** Built SPA to serve same-origin (production); omitted in dev where Vite serves it. */
  staticDir?: string;
  onError?: (error: unknown, path: string | undefined) => void;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function createHttpServer(options: HttpServerOptions) {
  const trpcHandler = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: (opts) => createContext(options.services, opts),
    onError: ({ error, path: procedurePath }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') options.onError?.(error.cause ?? error, procedurePath);
    },
  });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
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
    if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      await serveStatic(options.staticDir, url.pathname, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
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

async function serveStatic(root: string, pathname: string, res: http.ServerResponse): Promise<void> {
  const resolved = path.resolve(root, `.${decodeURIComponent(pathname)}`);
  const insideRoot = resolved === root || resolved.startsWith(root + path.sep);
  let file = insideRoot ? resolved : path.join(root, 'index.html');
  const info = await stat(file).catch(() => null);
  // Client-side routes fall back to the SPA shell.
  if (!info || info.isDirectory()) file = path.join(root, 'index.html');
  const isAsset = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(res);
}
