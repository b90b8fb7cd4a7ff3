import type { ServerResponse } from 'node:http';

/**
 * The apps origin's own pages (sign-in problems, 403, 404, signed out) and the bar above a
 * published app. Everything here is static HTML: every piece of text from people (an app's name,
 * an email) goes through `escapeHtml`, never spliced in raw, and no page carries script.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The sign-out button: a same-origin form post (sign-in.ts checks the Origin). */
export function signOutForm(label = 'Sign out'): string {
  return `<form method="post" action="/_auth/sign-out" style="margin:0"><button type="submit" data-testid="app-bar-sign-out" style="font:inherit;font-size:12px;padding:3px 10px;border-radius:6px;border:1px solid rgba(127,127,127,.45);background:transparent;color:inherit;cursor:pointer">${escapeHtml(label)}</button></form>`;
}

/**
 * The bar above the app: its name, who is signed in, sign out. Outside the app's React root, so
 * the app can neither render over it nor change what it says.
 */
export function appBar(input: { appName: string; email: string }): string {
  return `<header id="app-bar" data-testid="app-bar" style="display:flex;align-items:center;gap:12px;height:36px;padding:0 12px;font:13px/1.2 system-ui,sans-serif;background:#111827;color:#f9fafb;position:sticky;top:0;z-index:2147483647">
<strong data-testid="app-bar-name" style="flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">${escapeHtml(input.appName)}</strong>
<span data-testid="app-bar-user" style="opacity:.8;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:45%">${escapeHtml(input.email)}</span>
${signOutForm()}
</header>`;
}

const pageSecurityHeaders = {
  'content-security-policy': [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'private, no-store',
};

/** A small page of the apps origin's own: a heading, a line of text, optional actions (HTML built here). */
export function sendNotice(
  res: ServerResponse,
  status: number,
  input: { title: string; message: string; actionsHtml?: string },
): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...pageSecurityHeaders });
  res.end(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(input.title)}</title></head>
<body style="font:15px/1.5 system-ui,sans-serif;display:flex;min-height:100vh;margin:0;align-items:center;justify-content:center;background:#f9fafb;color:#111827">
<main data-testid="origin-notice" style="max-width:28rem;padding:24px;text-align:center">
<h1 style="font-size:20px;margin:0 0 8px">${escapeHtml(input.title)}</h1>
<p style="margin:0 0 16px;color:#4b5563">${escapeHtml(input.message)}</p>
${input.actionsHtml ?? ''}
</main>
</body>
</html>`);
}

export function link(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" style="color:#4f46e5">${escapeHtml(label)}</a>`;
}
