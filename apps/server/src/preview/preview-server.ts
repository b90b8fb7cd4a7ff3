import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { appIdFromKey, appKeyFor, appKeyFromHost, checkPreviewToken } from '@app/core';
import { type AppFile, type Db, findVersion, listVersionFiles } from '@app/db';
import { createAppOriginUserResolver } from '../apps-origin/app-origin-session.ts';
import { handlePublishedRoutes } from '../apps-origin/apps-origin-routes.ts';
import { type ChangeStreamOptions, createChangeStreams } from '../apps-origin/change-stream.ts';
import { createDataApi } from '../apps-origin/data-api.ts';
import { dataHostTag } from '../apps-origin/data-host.ts';
import { createDataRateLimit, type DataRateLimitOptions } from '../apps-origin/data-rate-limit.ts';

export type BundleResult =
  | { ok: true; js: string; css: string }
  | { ok: false; problems: { path: string; line: number | null; message: string }[] };

export interface PreviewServerOptions {
  db: Db;
  sessionSecret: string;
  /** The apps origin's host (PREVIEW_URL's hostname): app key `k` is served at `<k>.<this>`. */
  previewHostname: string;
  /** The builder's origin(s): the only pages allowed to frame previews. */
  builderOrigins: readonly string[];
  bundle: (files: AppFile[]) => Promise<BundleResult>;
  /** Published apps (apps-origin/): the builder's origin for signing in (default: dev's), https cookies. */
  builderUrl?: () => string;
  secureCookies?: boolean;
  /** Live updates of app records (apps-origin/change-stream.ts): the process's one LISTEN hub. */
  changeStreams?: Omit<ChangeStreamOptions, 'onError'>;
  /** The data API's per-caller request limit (apps-origin/data-rate-limit.ts). */
  dataRateLimit?: DataRateLimitOptions;
  onError?: (error: unknown) => void;
}

/**
 * What a preview document may do under its CSP sandbox: run, submit its own forms, ask with
 * `confirm()`, save a download (CSV export). No same-origin, popups or top navigation.
 */
export const previewSandboxFlags = 'allow-scripts allow-forms allow-modals allow-downloads';

const versionPathPattern = /^\/v\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/;

/**
 * The apps origin (docs/deploy.md#the-apps-origin): every app on its own host, `<appKey>.<previewHostname>`, routed by the
 * `Host` header. A port of its own would not be enough: cookies ignore ports, so a preview on the
 * builder's host would receive the builder's session cookie and could plant cookies the builder
 * reads, and every app would share one localStorage. On a host of its own an app sees neither the
 * builder's cookies (host-only, on another host) nor another app's storage; the CSP lets it reach its
 * own host only (the data API). A version is served only on its own app's host, and only with a
 * valid, unexpired token signed for it; any other host — the bare one included — is a 404. A
 * preview document also gets an opaque origin (the CSP's `sandbox`), so a draft never acts as the
 * published app that shares its host.
 */
export function createPreviewServer(options: PreviewServerOptions) {
  // Versions are immutable, so a bundle never goes stale; keep the most recent few.
  const cache = new Map<string, Promise<BundleResult>>();
  const bundleVersion = (versionId: string, files: AppFile[]) => {
    let result = cache.get(versionId);
    if (!result) {
      result = options.bundle(files);
      cache.set(versionId, result);
      result.catch(() => cache.delete(versionId));
      if (cache.size > 50) cache.delete(cache.keys().next().value as string);
    }
    return result;
  };

  const cookies = { secure: options.secureCookies ?? false };
  const builderUrl = options.builderUrl ?? (() => 'http://localhost:3000');
  const published = { db: options.db, cookies, builderUrl, bundleVersion };
  const handleDataApi = createDataApi({
    db: options.db,
    sessionSecret: options.sessionSecret,
    resolveUser: createAppOriginUserResolver(options.db, cookies),
    consume: createDataRateLimit(options.db, options.dataRateLimit),
    ...(options.changeStreams
      ? {
          changes: createChangeStreams({
            ...options.changeStreams,
            ...(options.onError ? { onError: options.onError } : {}),
          }),
        }
      : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });

  const server = http.createServer(async (req, res) => {
    try {
      const appKey = appKeyFromHost(req.headers.host, options.previewHostname);
      if (!appKey) return send(res, 404, 'text/plain', 'Not found');
      const url = URL.parse(req.url ?? '/', 'http://preview');
      if (!url) return send(res, 400, 'text/plain', 'Bad request');
      const appId = appIdFromKey(appKey);
      if (appId && (await handlePublishedRoutes(published, req, res, { appId, url }))) return;
      if (appId && (await handleDataApi(req, res, { appId, url }))) return;
      const match = versionPathPattern.exec(url.pathname);
      if (!match?.[1]) return send(res, 404, 'text/plain', 'Not found');
      const versionId = match[1];
      const check = checkPreviewToken(url.searchParams.get('token'), versionId, options.sessionSecret);
      if (!check.ok) {
        return send(
          res,
          check.reason === 'missing' ? 401 : 403,
          'text/plain',
          `Preview link ${check.reason.replace('_', ' ')}`,
        );
      }
      const version = await findVersion(options.db, versionId);
      // Another app's version on this origin would run with this app's storage: not here.
      if (!version || appKeyFor(version.app_id) !== appKey)
        return send(res, 404, 'text/plain', 'Version not found');
      const bundled = await bundleVersion(versionId, await listVersionFiles(options.db, versionId));
      if (!bundled.ok) {
        const list = bundled.problems.map((p) => `${p.path}:${p.line ?? '?'} ${p.message}`).join('\n');
        return send(res, 500, 'text/plain', `This version does not build:\n${list}`);
      }
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'private, no-store',
        'content-security-policy': [
          "default-src 'none'",
          "script-src 'unsafe-inline'",
          "style-src 'unsafe-inline'",
          'img-src data: blob:',
          'font-src data:',
          // Its own origin only: the data API (apps-origin/data-api.ts) lives there.
          "connect-src 'self'",
          `frame-ancestors ${options.builderOrigins.join(' ')}`,
          "base-uri 'none'",
          "form-action 'none'",
          // An opaque origin (no allow-same-origin): a draft runs beside the published app on this
          // app's host, and on the host's own origin its code could send a member's app session to
          // the live data API. Opaque, it holds no cookie or storage of the host, its requests are
          // cross-site (the SameSite session stays home) and only the preview's own data API,
          // which takes the link's token and answers CORS, lets it in.
          `sandbox ${previewSandboxFlags}`,
        ].join('; '),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      const dataHost = dataHostTag({
        api: `/v/${versionId}/api/v1`,
        previewToken: url.searchParams.get('token'),
      });
      res.end(page(`Version ${version.number}`, bundled.js, bundled.css, dataHost));
    } catch (error) {
      options.onError?.(error);
      send(res, 500, 'text/plain', 'Preview failed');
    }
  });

  return {
    server,
    /** Who is signed in on an app's origin (null: nobody); callers check membership themselves. */
    resolveAppOriginUser: createAppOriginUserResolver(options.db, cookies),
    async listen(port: number, host = '127.0.0.1'): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      return (server.address() as AddressInfo).port;
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

/** `</script>` inside the bundle would end the inline script early. */
function escapeInlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1');
}

/**
 * Framed by the builder, an app on its own site is a third party, and a browser that blocks
 * third-party storage (Chromium with third-party cookies blocked, incognito) throws on the first
 * touch of `localStorage`, which would crash every generated app in the preview panel. There the
 * app gets an in-memory stand-in that lasts as long as the page; where storage is allowed (opened
 * in its own tab, or partitioned per top site) it keeps the real one of its own origin.
 */
const storageFallback = `(() => {
  for (const name of ['localStorage', 'sessionStorage']) {
    try { window[name].getItem(''); continue; } catch {}
    const items = new Map();
    Object.defineProperty(window, name, { configurable: true, value: {
      get length() { return items.size; },
      key: (index) => [...items.keys()][index] ?? null,
      getItem: (key) => items.get(String(key)) ?? null,
      setItem: (key, value) => { items.set(String(key), String(value)); },
      removeItem: (key) => { items.delete(String(key)); },
      clear: () => items.clear(),
    } });
  }
})();`;

function page(title: string, js: string, css: string, dataHost = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${css.replace(/<\/(style)/gi, '<\\/$1')}</style>
</head>
<body>
<div id="root"></div>
${dataHost}
<script>${storageFallback}</script>
<script type="module">${escapeInlineScript(js)}</script>
</body>
</html>`;
}
