import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type http from 'node:http';
import { isIP } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';

export interface StaticSiteOptions {
  /** The built SPA (apps/web/dist). */
  root: string;
  /** Base of the apps origin (PREVIEW_URL): the builder frames apps from it and its subdomains. */
  previewBaseUrl: string;
}

/**
 * The apps' origins: the base itself and, for a host name, every `<key>.<host>` (docs/deploy.md#the-apps-origin: each
 * app has its own origin under the apps host). An IP address has no subdomains.
 */
function appFrameSources(previewBaseUrl: string): string[] {
  const url = new URL(previewBaseUrl);
  const sources = [url.origin];
  if (!isIP(url.hostname.replace(/^\[|\]$/g, ''))) sources.push(`${url.protocol}//*.${url.host}`);
  return sources;
}

/**
 * `script-src 'self'` and the SPA's one inline script (the theme set before first paint, in
 * apps/web/index.html): allowed by its hash, read from the built file, so editing it needs no
 * change here and no other inline script can run.
 */
function inlineScriptHashes(indexHtml: string): string[] {
  const hashes: string[] = [];
  for (const match of indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const body = match[1] ?? '';
    if (body.trim() === '') continue;
    hashes.push(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  }
  return hashes;
}

export function securityHeaders(options: { previewBaseUrl: string; inlineScripts?: string[] }) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${(options.inlineScripts ?? []).join(' ')}`.trim(),
    // React sets `style` through the CSSOM (not blocked); Tailwind ships one stylesheet.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src ${appFrameSources(options.previewBaseUrl).join(' ')}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * The production SPA through sirv: it serves only the files present at start (a fixed map, so no
 * path can reach outside the root however it is encoded), falls back to index.html for client
 * routes (paths without an extension), and never throws on a bad escape. Source maps are refused
 * even if a build left some behind: they would publish the source. Hashed files under /assets/
 * are cached for a year; everything else (the shell) revalidates so a deploy shows at once.
 * Returns false when it did not answer (the caller sends 404).
 */
export function createStaticSite(options: StaticSiteOptions) {
  const root = path.resolve(options.root);
  const indexFile = path.join(root, 'index.html');
  const indexHtml = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : '';
  const indexStats = existsSync(indexFile) ? statSync(indexFile) : null;
  const headers = securityHeaders({
    previewBaseUrl: options.previewBaseUrl,
    inlineScripts: inlineScriptHashes(indexHtml),
  });
  const serve = sirv(root, {
    single: true,
    dev: false,
    etag: true,
    dotfiles: false,
    setHeaders(res, pathname, stats) {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      // `pathname` is what was asked for; a client route under /assets/ is answered with the shell.
      const isShell = indexStats !== null && stats.ino === indexStats.ino && stats.dev === indexStats.dev;
      const immutable = pathname.startsWith('/assets/') && !isShell;
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  /** `decodedPathname`: the request path with its escapes decoded (the caller validated them). */
  return (req: http.IncomingMessage, res: http.ServerResponse, decodedPathname: string): Promise<boolean> => {
    if (decodedPathname.toLowerCase().endsWith('.map')) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      res.once('finish', () => resolve(true));
      res.once('close', () => resolve(true));
      serve(req, res, () => resolve(false));
    });
  };
}
