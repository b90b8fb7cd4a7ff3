import type { Db } from '@app/db';
import { defaultPasswordWork, PasswordHasher } from './auth/passwords.ts';
import { type AuthRateLimitOptions, AuthRateLimits, defaultAuthRateLimits } from './auth/rate-limits.ts';
import { builderOriginsFor } from './auth/same-origin.ts';
import { SessionRevocations } from './auth/session-revocations.ts';
import type { WorkLimiterOptions } from './auth/work-limiter.ts';
import type { Services } from './context.ts';
import { createHttpServer } from './http-server.ts';
import { ServerMetrics } from './observability/metrics.ts';
import { type BundleResult, createPreviewServer } from './preview/preview-server.ts';
import { StreamAccessWatch } from './realtime/access-watch.ts';
import { JobEventHub } from './realtime/job-event-hub.ts';

export interface StartServerOptions {
  db: Db;
  connectionString: string;
  port: number;
  host?: string;
  sessionSecret: string;
  secureCookies?: boolean;
  maxQuestions?: number;
  modelDescription: string;
  staticDir?: string;
  /** Apps origin: its port (0 = any free one), its public base URL, and the builder's origin. */
  previewPort: number;
  previewBaseUrl?: string;
  builderOrigin?: string;
  bundle: (files: { path: string; content: string }[]) => Promise<BundleResult>;
  /** Sign-in / sign-up limits (RATE_LIMIT_*); tests set them low. */
  rateLimits?: Partial<AuthRateLimitOptions>;
  /** Client address from X-Forwarded-For (TRUST_PROXY). */
  trustProxy?: boolean;
  /** argon2 work at once and queued (default 2 and 32). */
  passwordWork?: WorkLimiterOptions;
  /** How often open streams re-check their session against the table (default 5 s). */
  sessionCheckIntervalMs?: number;
  /** How often open event streams re-check that their reader may still read (default 10 s). */
  streamAccessCheckMs?: number;
  /** Live updates on the apps origin: re-check and ping intervals (tests shorten them). */
  changeStreams?: { accessCheckMs?: number; pingMs?: number; coalesceMs?: number };
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export interface RunningServer {
  port: number;
  previewPort: number;
  previewBaseUrl: string;
  hub: JobEventHub;
  close(): Promise<void>;
}

/** Wires the realtime hub and the HTTP server; used by main.ts and by the integration tests. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const log = options.log ?? (() => {});
  const hub = new JobEventHub({
    connectionString: options.connectionString,
    onStateChange: (state, error) =>
      log(
        state === 'reconnecting' ? 'warn' : 'info',
        `listener ${state}`,
        error ? { error: String(error) } : {},
      ),
  });
  await hub.start();
  // Apps are served on `<key>.<host>`, so the default base is `localhost` (Chromium resolves every
  // `*.localhost` to loopback itself), never an IP address, which has no subdomains.
  const previewHostname = new URL(options.previewBaseUrl ?? 'http://localhost').hostname;
  // The builder's own port is known only once it listens (below); the apps origin asks lazily.
  let builderPort = options.port;
  const preview = createPreviewServer({
    db: options.db,
    sessionSecret: options.sessionSecret,
    previewHostname,
    builderOrigins: builderOrigins(options.builderOrigin),
    bundle: options.bundle,
    changeStreams: {
      hub,
      ...options.changeStreams,
      accessCheckMs: options.changeStreams?.accessCheckMs ?? options.streamAccessCheckMs ?? 10_000,
    },
    builderUrl: () => options.builderOrigin ?? `http://localhost:${builderPort}`,
    secureCookies: (options.previewBaseUrl ?? '').startsWith('https://'),
    onError: (error) => log('error', 'preview failed', { error: String(error) }),
  });
  const previewPort = await preview.listen(options.previewPort, options.host);
  const previewBaseUrl = options.previewBaseUrl ?? `http://localhost:${previewPort}`;
  const sessionRevocations = new SessionRevocations(options.db, {
    checkIntervalMs: options.sessionCheckIntervalMs ?? 5_000,
    onError: (error) => log('warn', 'session check failed', { error: String(error) }),
  });
  const streamAccess = new StreamAccessWatch(options.db, {
    checkIntervalMs: options.streamAccessCheckMs ?? 10_000,
    onError: (error) => log('warn', 'stream access check failed', { error: String(error) }),
  });
  const services: Services = {
    db: options.db,
    hub,
    sessionSecret: options.sessionSecret,
    secureCookies: options.secureCookies ?? false,
    builderOrigins: builderOriginsFor(options.builderOrigin),
    trustProxy: options.trustProxy ?? false,
    passwords: new PasswordHasher(options.passwordWork ?? defaultPasswordWork),
    rateLimits: new AuthRateLimits(options.db, { ...defaultAuthRateLimits, ...options.rateLimits }),
    sessionRevocations,
    streamAccess,
    maxQuestions: options.maxQuestions ?? 5,
    previewBaseUrl,
    metrics: new ServerMetrics(),
    log,
  };
  const http = createHttpServer({
    services,
    modelDescription: options.modelDescription,
    staticDir: options.staticDir,
    onError: (error, path) =>
      log('error', 'request failed', { path, error: String(error), stack: (error as Error)?.stack }),
  });
  const port = await http.listen(options.port, options.host);
  builderPort = port;
  return {
    port,
    previewPort,
    previewBaseUrl,
    hub,
    async close() {
      sessionRevocations.close();
      streamAccess.close();
      await Promise.all([http.close(), preview.close()]);
      await hub.stop();
    },
  };
}

/**
 * Origins allowed to frame previews. A loopback host also admits its twin (localhost ⇄ 127.0.0.1):
 * they are different origins to the browser, and people type either in development.
 */
export function builderOrigins(publicOrigin: string | undefined): string[] {
  if (!publicOrigin) return ["'self'", 'http://localhost:*', 'http://127.0.0.1:*'];
  const url = new URL(publicOrigin);
  const twins: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };
  const twin = twins[url.hostname];
  if (!twin) return [url.origin];
  const other = new URL(url.origin);
  other.hostname = twin;
  return [url.origin, other.origin];
}
