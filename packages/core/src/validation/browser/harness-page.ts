import type { BrowserContext } from 'playwright-core';

/**
 * The page the app is verified on. It lives at a fixed origin that exists nowhere (`.invalid`
 * never resolves, and the browser's resolver maps every host to nothing anyway): Playwright
 * answers its three URLs from memory and refuses every other request, so the app reaches
 * nothing but its own bundle — no loopback service, no metadata endpoint, no internet.
 *
 * https, so the app runs in a secure context as it does on the apps origin in production.
 */
export const harnessOrigin = 'https://app.verify.invalid';
export const scriptUrl = `${harnessOrigin}/app.js`;
const styleUrl = `${harnessOrigin}/app.css`;

export interface HarnessBundle {
  js: string;
  css: string;
}

/**
 * The same CSP as the preview (apps/server/src/preview/preview-server.ts) except that the script
 * and stylesheet are files of this origin, not inline: a page error then points at `app.js`,
 * whose source map leads back to the app's own file and line.
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verification</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
<div id="root"></div>
<script src="/app.js"></script>
</body>
</html>`;

/**
 * Serves the bundle (once the run that owns `context` has set it) to every page of `context`
 * and refuses everything else, reporting each
 * refused URL (the app tried to reach something: a problem, whatever it was). WebSockets are not
 * requests to `route`: they are refused by `routeWebSocket` without ever connecting.
 */
export async function serveBundle(
  context: BrowserContext,
  currentBundle: () => HarnessBundle | null,
  onRefused: (url: string) => void,
): Promise<void> {
  const headers = {
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const bundle = currentBundle();
    if (!bundle) {
      await route.abort('blockedbyclient');
    } else if (url === `${harnessOrigin}/`) {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: html });
    } else if (url === scriptUrl) {
      await route.fulfill({
        status: 200,
        contentType: 'text/javascript; charset=utf-8',
        headers,
        body: bundle.js,
      });
    } else if (url === styleUrl) {
      await route.fulfill({ status: 200, contentType: 'text/css; charset=utf-8', headers, body: bundle.css });
    } else if (url === `${harnessOrigin}/favicon.ico`) {
      // The browser asks for it by itself; not the app's doing.
      await route.fulfill({ status: 404, body: '' });
    } else {
      onRefused(url);
      await route.abort('blockedbyclient');
    }
  });
  await context.routeWebSocket(/.*/, (socket) => {
    onRefused(socket.url());
    void socket.close({ code: 1008, reason: 'refused' }).catch(() => {});
  });
}
