import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AppFile, appAccess, type Db, findPublishedVersion, listVersionFiles } from '@app/db';
import type { BundleResult } from '../preview/preview-server.ts';
import { type AppOriginCookies, findAppOriginUser } from './app-origin-session.ts';
import { dataHostTag } from './data-host.ts';
import { appBar, escapeHtml, sendNotice, signOutForm } from './origin-pages.ts';
import { redirectToBuilderSignIn, type SignInRoutesOptions } from './sign-in.ts';

export interface PublishedAppOptions extends SignInRoutesOptions {
  cookies: AppOriginCookies;
  db: Db;
  /** The apps origin's bundle cache (versions are immutable: one bundle per version, shared with previews). */
  bundleVersion: (versionId: string, files: AppFile[]) => Promise<BundleResult>;
}

/**
 * `GET /` on an app's host: the published version, full screen, for members of the app's
 * workspace (any role). The order of the checks is what a visitor may learn:
 * - no session here → the builder's sign-in (whether the app exists or is published stays unsaid);
 * - signed in but not a member (now: membership is read on every request, so a removed member
 *   is out at once) → 403 with nothing of the app, not even its name;
 * - a member, nothing published → 404;
 * - else the app, with the bar.
 */
export async function servePublishedApp(
  options: PublishedAppOptions,
  req: IncomingMessage,
  res: ServerResponse,
  appId: string,
): Promise<void> {
  const user = await findAppOriginUser(options.db, options.cookies, req, appId);
  if (!user) return redirectToBuilderSignIn(options, res, appId);
  const access = await appAccess(options.db, { userId: user.id, appId });
  if (!access) {
    return sendNotice(res, 403, {
      title: 'You don’t have access to this app',
      message: `You are signed in as ${user.email}, who is not a member of this app’s workspace. Ask one of its owners to invite you.`,
      actionsHtml: signOutForm('Sign in as someone else'),
    });
  }
  const published = await findPublishedVersion(options.db, appId);
  if (!published) {
    return sendNotice(res, 404, {
      title: 'This app is not published',
      message: 'Its builders have not published a version yet, or took it offline.',
      actionsHtml: signOutForm(),
    });
  }
  const bundled = await options.bundleVersion(
    published.versionId,
    await listVersionFiles(options.db, published.versionId),
  );
  if (!bundled.ok) {
    return sendNotice(res, 500, {
      title: 'This app cannot start',
      message: 'The published version does not build. Its builders can publish another version.',
    });
  }
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'private, no-store',
    // As for previews, except: not framed by anyone (the app is the page, and its sign-out form
    // must not be clickjacked); its own origin reachable (the data API lives here); forms may post
    // only here.
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'unsafe-inline'",
      "style-src 'unsafe-inline'",
      'img-src data: blob:',
      'font-src data:',
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(publishedPage({ appName: published.appName, email: user.email }, bundled.js, bundled.css));
}

/** `</script>` / `</style>` inside the bundle would end the inline element early. */
function escapeInline(code: string, tag: 'script' | 'style'): string {
  return code.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

function publishedPage(input: { appName: string; email: string }, js: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.appName)}</title>
<style>${escapeInline(css, 'style')}</style>
</head>
<body style="margin:0">
${appBar(input)}
<div id="root"></div>
${dataHostTag({ api: '/api/v1', previewToken: null })}
<script type="module">${escapeInline(js, 'script')}</script>
</body>
</html>`;
}
