import http from 'node:http';
import { appKeyFor } from '@app/core';
import { expect } from 'vitest';
import type { Person, TestServerContext } from './harness.ts';

/** What the apps origin answered (the body as text; `json()` parses it). */
export interface OriginReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: () => { error?: { code: string; message: string; field?: string } } & Record<string, unknown>;
}

export interface OriginRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the body in pieces with chunked encoding (no Content-Length to refuse it by). */
  chunked?: boolean;
}

/**
 * Talks to one server's apps origin the way a browser would reach `<key>.localhost`: glibc here does
 * not resolve those names (docs/architecture.md#localhost-subdomains), so Node connects to loopback
 * and names the host itself.
 */
export function appsOrigin(context: Pick<TestServerContext, 'server'> | { port: number }) {
  const port = () => ('port' in context ? context.port : context.server.previewPort);

  /** `<app key>.localhost:<port>`: the app's own host. */
  const hostOf = (appId: string) => `${appKeyFor(appId)}.localhost:${port()}`;

  function request(host: string, path: string, options: OriginRequestOptions = {}): Promise<OriginReply> {
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        {
          host: '127.0.0.1',
          port: port(),
          path,
          method: options.method ?? 'GET',
          headers: { host, ...options.headers },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
          });
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body,
              json: () => JSON.parse(body),
            }),
          );
        },
      );
      outgoing.on('error', reject);
      if (options.chunked && options.body) {
        const half = Math.floor(options.body.length / 2);
        outgoing.write(options.body.slice(0, half));
        outgoing.end(options.body.slice(half));
      } else outgoing.end(options.body);
    });
  }

  /** Steps 1 and 2 of signing in: the visit that is sent to the builder, and the code it issues. */
  async function startSignIn(visitor: Person, appId: string) {
    const visit = await request(hostOf(appId), '/');
    expect(visit.status).toBe(302);
    const target = new URL(String(visit.headers.location));
    const state = target.searchParams.get('state') ?? '';
    const stateCookie = cookieSet(visit, 'app_signin_state');
    if (!stateCookie) throw new Error('no state cookie');
    const { url } = await visitor.client.trpc.auth.appOriginCode.mutate({ appId, state });
    return { target, state, stateCookie: stateCookie.pair, callback: new URL(url) };
  }

  /** The published app's whole sign-in round trip: the app-origin session cookie (`app_session=…`). */
  async function signInOnOrigin(visitor: Person, appId: string): Promise<string> {
    const { stateCookie, callback } = await startSignIn(visitor, appId);
    const exchanged = await request(callback.host, `${callback.pathname}${callback.search}`, {
      headers: { cookie: stateCookie },
    });
    expect(exchanged.status).toBe(303);
    expect(exchanged.headers.location).toBe('/');
    const session = cookieSet(exchanged, 'app_session');
    if (!session) throw new Error(`no app session cookie (${exchanged.status})`);
    return session.pair;
  }

  return { hostOf, request, startSignIn, signInOnOrigin };
}

/** `name=value` of a Set-Cookie the reply made, and the whole header for its attributes. */
export function cookieSet(
  reply: Pick<OriginReply, 'headers'>,
  name: string,
): { pair: string; header: string } | null {
  const header = (reply.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith(`${name}=`));
  return header ? { pair: header.split(';')[0] ?? '', header } : null;
}

/**
 * A team: an owner who builds and a viewer who joined by invite, in a new workspace, with one app
 * whose questioning job is cancelled (tests add the versions they need).
 */
export async function teamWithApp(
  person: () => Promise<Person>,
  names: { workspace: string; app: string; prompt: string },
) {
  const owner = await person();
  const viewer = await person();
  const { workspace } = await owner.client.trpc.workspaces.create.mutate({ name: names.workspace });
  const { inviteUrl } = await owner.client.trpc.workspaces.invite.mutate({
    workspaceId: workspace.id,
    email: viewer.email,
    role: 'viewer',
  });
  await viewer.client.trpc.workspaces.acceptInvite.mutate({
    token: new URL(inviteUrl).pathname.split('/').at(-1) ?? '',
  });
  const { app, job } = await owner.client.trpc.apps.create.mutate({
    prompt: names.prompt,
    name: names.app,
    workspaceId: workspace.id,
  });
  await owner.client.trpc.jobs.cancel.mutate({ jobId: job.id });
  return { owner, viewer, workspace, app };
}
