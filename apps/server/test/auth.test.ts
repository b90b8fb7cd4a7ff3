import { describe, expect, it } from 'vitest';
import { createTestClient, expectTRPCError, uniqueEmail, useTestServer } from './harness.ts';

const context = useTestServer();

describe('accounts', () => {
  it('signs up, is signed in by cookie, and signs back in after signing out', async () => {
    const client = createTestClient(context.baseUrl);
    const email = uniqueEmail();
    const user = await client.signUp(email.toUpperCase());
    expect(user.email).toBe(email.toLowerCase());
    expect(await client.trpc.auth.me.query()).toEqual({ user });
    const oldCookie = client.cookie.value;
    await client.trpc.auth.signOut.mutate();
    expect(await client.trpc.auth.me.query()).toBeNull();
    // The old cookie is revoked server-side, not just forgotten by the client.
    const replay = createTestClient(context.baseUrl);
    replay.cookie.value = oldCookie;
    expect(await replay.trpc.auth.me.query()).toBeNull();
    const again = await client.trpc.auth.signIn.mutate({ email, password: 'correct horse battery' });
    expect(again.user.id).toBe(user.id);
  });

  it('sets an httpOnly SameSite=Lax session cookie', async () => {
    const response = await fetch(`${context.baseUrl}/trpc/auth.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: uniqueEmail(), password: 'long enough password' }),
    });
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('rejects a wrong password or unknown email with UNAUTHORIZED', async () => {
    const client = createTestClient(context.baseUrl);
    const email = uniqueEmail();
    await client.signUp(email);
    const other = createTestClient(context.baseUrl);
    const wrong = await expectTRPCError(
      other.trpc.auth.signIn.mutate({ email, password: 'not the password' }),
    );
    expect(wrong.code).toBe('UNAUTHORIZED');
    const unknown = await expectTRPCError(
      other.trpc.auth.signIn.mutate({ email: uniqueEmail(), password: 'whatever123' }),
    );
    expect(unknown).toEqual(wrong);
    expect(other.cookie.value).toBeNull();
  });

  it('rejects a duplicate email with CONFLICT', async () => {
    const email = uniqueEmail();
    await createTestClient(context.baseUrl).signUp(email);
    const duplicate = await expectTRPCError(createTestClient(context.baseUrl).signUp(email));
    expect(duplicate.code).toBe('CONFLICT');
  });

  it('rejects a bad email or short password with BAD_REQUEST naming the field', async () => {
    const client = createTestClient(context.baseUrl);
    const badEmail = await expectTRPCError(
      client.trpc.auth.signUp.mutate({ email: 'not-an-email', password: 'long enough password' }),
    );
    expect(badEmail.code).toBe('BAD_REQUEST');
    expect(badEmail.message).toMatch(/^email:/);
    const shortPassword = await expectTRPCError(
      client.trpc.auth.signUp.mutate({ email: uniqueEmail(), password: 'short' }),
    );
    expect(shortPassword.code).toBe('BAD_REQUEST');
    expect(shortPassword.message).toMatch(/^password: .*at least 8/);
  });

  it('answers UNAUTHORIZED without a session', async () => {
    const anonymous = createTestClient(context.baseUrl);
    expect((await expectTRPCError(anonymous.trpc.apps.list.query())).code).toBe('UNAUTHORIZED');
    expect((await expectTRPCError(anonymous.trpc.jobs.get.query({ jobId: crypto.randomUUID() }))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it("answers NOT_FOUND for another user's app or job, exactly as for a missing id", async () => {
    const owner = createTestClient(context.baseUrl);
    await owner.signUp();
    const { app, job } = await owner.trpc.apps.create.mutate({ prompt: 'A tracker for support tickets' });
    expect((await owner.trpc.jobs.get.query({ jobId: job.id })).status).toBe('questioning');

    const intruder = createTestClient(context.baseUrl);
    await intruder.signUp();
    const theirJob = await expectTRPCError(intruder.trpc.jobs.get.query({ jobId: job.id }));
    const missingJob = await expectTRPCError(intruder.trpc.jobs.get.query({ jobId: crypto.randomUUID() }));
    expect(theirJob).toEqual({ code: 'NOT_FOUND', message: 'Job not found' });
    expect(missingJob).toEqual(theirJob);
    expect((await expectTRPCError(intruder.trpc.apps.get.query({ appId: app.id }))).code).toBe('NOT_FOUND');
    expect(await intruder.trpc.apps.list.query()).toEqual({ apps: [], nextCursor: null });
  });

  it('answers BAD_REQUEST for a malformed id', async () => {
    const client = createTestClient(context.baseUrl);
    await client.signUp();
    const malformed = await expectTRPCError(client.trpc.jobs.get.query({ jobId: 'not-a-uuid' }));
    expect(malformed.code).toBe('BAD_REQUEST');
    expect(malformed.message).toMatch(/^jobId:/);
  });
});

describe('/healthz', () => {
  it('reports ok and the model', async () => {
    const response = await fetch(`${context.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, model: 'offline:builder' });
  });
});
