import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendNotice } from './origin-pages.ts';
import { type PublishedAppOptions, servePublishedApp } from './published-app.ts';
import { handleSignInCallback, handleSignOut, sendSignedOut } from './sign-in.ts';

/**
 * The published app's routes on an app's host (previews keep `/v/<versionId>/`). Returns false for
 * a path that is not one of them, so the apps origin's other routes get their turn.
 */
const publishedPaths = new Set(['/', '/_auth/callback', '/_auth/sign-out', '/_auth/signed-out']);

export async function handlePublishedRoutes(
  options: PublishedAppOptions,
  req: IncomingMessage,
  res: ServerResponse,
  input: { appId: string; url: URL },
): Promise<boolean> {
  const { pathname } = input.url;
  const method = req.method ?? 'GET';
  const read = method === 'GET' || method === 'HEAD';
  if (pathname === '/' && read) await servePublishedApp(options, req, res, input.appId);
  else if (pathname === '/_auth/callback' && read) await handleSignInCallback(options, req, res, input);
  else if (pathname === '/_auth/sign-out' && method === 'POST')
    await handleSignOut(options, req, res, input.appId);
  else if (pathname === '/_auth/signed-out' && read) sendSignedOut(res);
  else if (publishedPaths.has(pathname)) {
    sendNotice(res, 405, { title: 'Not allowed', message: `${method} is not allowed here.` });
  } else return false;
  return true;
}
