import { bundleApp } from '@app/core';
import { clientBatchUrlLength, maxBatchCalls } from '@app/core/schemas';
import type { Db } from '@app/db';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, inject } from 'vitest';
import type { AppRouter } from '../src/router.ts';
import { type RunningServer, startServer } from '../src/server.ts';

export const testSessionSecret = 'test-session-secret-that-is-long-enough-0123456789';

export async function startTestServer(db: Db, connectionString: string, port = 0): Promise<RunningServer> {
  return startServer({
    db,
    connectionString,
    port,
    sessionSecret: testSessionSecret,
    modelDescription: 'offline:builder',
    previewPort: 0,
    bundle: (files) => bundleApp(files),
  });
}

export interface TestServerContext {
  database: TestDatabase;
  server: RunningServer;
  baseUrl: string;
}

/**
 * One database (cloned from the migrated template) and one real server per test file. The returned
 * object is filled in by `beforeAll`; read its fields inside tests, not at module level.
 */
export function useTestServer(): TestServerContext {
  const context = {} as TestServerContext;
  beforeAll(async () => {
    context.database = await createTestDatabase(inject('databaseServerUrl'));
    context.server = await startTestServer(context.database.db, context.database.url);
    context.baseUrl = `http://127.0.0.1:${context.server.port}`;
  });
  afterAll(async () => {
    await context.server?.close();
    await context.database?.destroy();
  });
  return context;
}

export interface TestClient {
  trpc: TRPCClient<AppRouter>;
  /** The session cookie this client holds, if any. */
  cookie: { value: string | null };
  signUp(email?: string, password?: string): Promise<{ id: string; email: string }>;
}

let emailCounter = 0;
export function uniqueEmail(): string {
  emailCounter += 1;
  return `person${emailCounter}.${Date.now()}.${process.pid}@example.com`;
}

/** A real tRPC client over real HTTP (batch + SSE), with a one-cookie jar like a browser's. */
export function createTestClient(baseUrl: string): TestClient {
  const cookie: { value: string | null } = { value: null };
  const cookieFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie.value) headers.set('cookie', cookie.value);
    const response = await fetch(input, { ...init, headers });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      if (!pair) continue;
      const [name, value] = pair.split('=');
      if (name === 'session') cookie.value = value ? `session=${value}` : null;
    }
    return response;
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${baseUrl}/trpc`,
          EventSource,
          eventSourceOptions: () => ({ fetch: cookieFetch }),
        }),
        // As the SPA does: the server refuses larger batches, so split them here.
        false: httpBatchLink({
          url: `${baseUrl}/trpc`,
          fetch: cookieFetch,
          maxItems: maxBatchCalls,
          maxURLLength: clientBatchUrlLength,
        }),
      }),
    ],
  });
  return {
    trpc,
    cookie,
    async signUp(email = uniqueEmail(), password = 'correct horse battery') {
      const { user } = await trpc.auth.signUp.mutate({ email, password });
      return user;
    },
  };
}

export async function expectTRPCError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const shaped = error as { data?: { code?: string }; message?: string };
    return { code: shaped.data?.code ?? 'UNKNOWN', message: shaped.message ?? '' };
  }
  throw new Error('expected the call to fail');
}
