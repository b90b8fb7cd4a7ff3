import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleApp } from '@app/core';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.ts';
import { testSessionSecret } from './harness.ts';
import { type RawResponse, rawRequest } from './raw-http.ts';

// A built SPA as Vite leaves it: the shell with its one inline script, hashed assets, and a
// source map that must never be served.
const themeScript = "\n      try { document.documentElement.classList.toggle('dark', true); } catch {}\n    ";
const indexHtml = `<!doctype html><html><head><script>${themeScript}</script>
<script type="module" crossorigin src="/assets/index-abc123.js"></script></head>
<body><div id="root"></div></body></html>`;

let database: TestDatabase;
let server: RunningServer;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'static-site-'));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), indexHtml);
  await writeFile(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(
    path.join(root, 'assets', 'index-abc123.js'),
    'console.log("app")\n//# sourceMappingURL=index-abc123.js.map',
  );
  await writeFile(path.join(root, 'assets', 'index-abc123.js.map'), '{"sources":["secret.ts"]}');
  await writeFile(path.join(root, '.env'), 'SESSION_SECRET=do-not-serve');
  database = await createTestDatabase(inject('databaseServerUrl'));
  server = await startServer({
    db: database.db,
    connectionString: database.url,
    port: 0,
    sessionSecret: testSessionSecret,
    modelDescription: 'offline:builder',
    previewPort: 0,
    previewBaseUrl: 'http://apps.example.test:3001',
    builderOrigin: 'http://builder.example.test',
    staticDir: root,
    bundle: (files) => bundleApp(files),
  });
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
  if (root) await rm(root, { recursive: true, force: true });
});

const get = (target: string, headers: Record<string, string> = {}) =>
  rawRequest({ port: server.port, path: target, headers });

function expectShell(response: RawResponse): void {
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/html/);
  expect(response.body).toBe(indexHtml);
  expect(response.headers['cache-control']).toBe('no-cache');
}

describe('the production SPA', () => {
  it('serves the shell with its security headers', async () => {
    const response = await get('/');
    expectShell(response);
    const csp = String(response.headers['content-security-policy']);
    const themeHash = createHash('sha256').update(themeScript).digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${themeHash}'`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain('frame-src http://apps.example.test:3001 http://*.apps.example.test:3001');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('falls back to the shell for client routes, never caching it as an asset', async () => {
    for (const route of ['/apps/6f1c', '/jobs/1/2/3?tab=log', '/sign-in', '/assets/no-extension']) {
      expectShell(await get(route));
    }
  });

  it('serves hashed assets with a year of immutable cache', async () => {
    const response = await get('/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/favicon.svg')).headers['cache-control']).toBe('no-cache');
  });

  it('refuses source maps however they are spelled, and missing files with 404 (not the shell)', async () => {
    for (const target of [
      '/assets/index-abc123.js.map',
      '/assets/index-abc123.js.MAP',
      '/assets/index-abc123.js.m%61p',
    ]) {
      const response = await get(target);
      expect(response.status, target).toBe(404);
      expect(response.body).not.toContain('secret.ts');
    }
    expect((await get('/assets/missing-123.js')).status).toBe(404);
  });

  it('never leaves the root: traversal attempts get the shell or 404, never the file', async () => {
    const attempts = [
      '/..%2f..%2fetc/passwd',
      '/../../etc/passwd',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%5c..%5cetc%5cpasswd',
      '/.env',
      '/assets/../.env',
    ];
    for (const target of attempts) {
      const response = await get(target);
      expect([200, 404], target).toContain(response.status);
      expect(response.body, target).not.toMatch(/root:|SESSION_SECRET/);
      if (response.status === 200) expect(response.body).toBe(indexHtml);
    }
  });

  it('answers 400 to a bad escape in a static path and keeps serving', async () => {
    for (const target of ['/%E0%A4%A', '/assets/%', '/apps/%ZZ']) {
      expect((await get(target)).status, target).toBe(400);
    }
    expectShell(await get('/'));
    expect((await get('/healthz')).status).toBe(200);
  });

  it('serves only GET and HEAD', async () => {
    expect((await rawRequest({ port: server.port, path: '/', method: 'HEAD' })).status).toBe(200);
    expect((await rawRequest({ port: server.port, path: '/', method: 'DELETE' })).status).toBe(404);
  });
});
