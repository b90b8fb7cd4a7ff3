import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkPreviewToken } from '@app/core';
import { type AppFile, type Db, findVersion, listVersionFiles } from '@app/db';

export type BundleResult =
  | { ok: true; js: string; css: string }
  | { ok: false; problems: { path: string; line: number | null; message: string }[] };

export interface PreviewServerOptions {
  db: Db;
  sessionSecret: string;
  /** The builder's origin(s): the only pages allowed to frame previews. */
  builderOrigins: readonly string[];
  bundle: (files: AppFile[]) => Promise<BundleResult>;
  onError?: (error: unknown) => void;
}

const uuidPattern = /^\/v\/([0-9a-f-]{36})\/?$/;

/**
 * The preview origin (its own port, so its own origin): generated code runs here and can never read
 * the builder's cookies or call its API — and the CSP gives it no network at all. Every request
 * needs a valid, unexpired token signed for that version.
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

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://preview');
      const match = uuidPattern.exec(url.pathname);
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
      if (!version) return send(res, 404, 'text/plain', 'Version not found');
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
          "connect-src 'none'",
          `frame-ancestors ${options.builderOrigins.join(' ')}`,
          "base-uri 'none'",
          "form-action 'none'",
        ].join('; '),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      res.end(page(`Version ${version.number}`, bundled.js, bundled.css));
    } catch (error) {
      options.onError?.(error);
      send(res, 500, 'text/plain', 'Preview failed');
    }
  });

  return {
    server,
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

function page(title: string, js: string, css: string): string {
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
<script type="module">${escapeInlineScript(js)}</script>
</body>
</html>`;
}
