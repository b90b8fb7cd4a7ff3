import { bundleApp } from '@app/core';
import type { Db } from '@app/db';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, inject } from 'vitest';
// By path, not as a package: @app/client depends on this server for `type AppRouter`, and a
// dependency back would make a cycle in the workspace graph.
import {
  type BuilderClient,
  type CookieJar,
  createBuilderClient,
  createCookieJar,
} from '../../../packages/client/src/index.ts';
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
  trpc: BuilderClient;
  /** The session cookie this client holds, if any (assign to share a session between clients). */
  cookie: CookieJar;
  signUp(email?: string, password?: string): Promise<{ id: string; email: string }>;
}

let emailCounter = 0;
export function uniqueEmail(): string {
  emailCounter += 1;
  return `person${emailCounter}.${Date.now()}.${process.pid}@example.com`;
}

/** A signed-up person with their own client (cookie jar), as the team tests need several. */
export interface Person {
  client: TestClient;
  id: string;
  email: string;
}

export async function signUpPerson(baseUrl: string): Promise<Person> {
  const client = createTestClient(baseUrl);
  const user = await client.signUp();
  return { client, id: user.id, email: user.email };
}

/**
 * A real tRPC client over real HTTP (batch + SSE) with a one-cookie jar like a browser's: the
 * client package's own, so the tests talk to the server exactly as scripts and the CLI do.
 */
export function createTestClient(baseUrl: string): TestClient {
  const cookie = createCookieJar();
  const trpc = createBuilderClient({ url: baseUrl, cookie });
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
