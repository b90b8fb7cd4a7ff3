import type { JobEvent } from '@app/core/schemas';
import { findFreePort } from '@app/db';
import { getUntypedClient } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../apps/server/test/harness.ts';
import { severalQuestionsRequest } from '../../../tests/faults/support/requests.ts';
import {
  answerRecommended,
  createBuilderClient,
  isMissingProcedure,
  isUnreachable,
  openQuestion,
  runToCompletion,
  signInWithCookie,
  signUpWithCookie,
  trpcErrorCode,
  WaitForTimeoutError,
  waitFor,
} from '../src/index.ts';
import { useBuilder } from './builder.ts';

const builder = useBuilder({ maxQuestions: 3 });
const password = 'correct horse battery';

async function tokenClient() {
  const email = uniqueEmail();
  const session = await signUpWithCookie(builder.baseUrl, { email, password });
  const { token } = await session.client.auth.createToken.mutate({ name: 'client test' });
  return { email, session, token, client: createBuilderClient({ url: builder.baseUrl, token }) };
}

describe('createBuilderClient', () => {
  it('keeps a cookie session from sign-up and sign-in, and sends it on every call', async () => {
    const email = uniqueEmail();
    const signedUp = await signUpWithCookie(builder.baseUrl, { email, password });
    expect(signedUp.jar.value).toMatch(/^session=./);
    expect(await signedUp.client.auth.me.query()).toEqual({ user: signedUp.user });

    const signedIn = await signInWithCookie(`${builder.baseUrl}/`, { email, password });
    expect(signedIn.jar.value).not.toBe(signedUp.jar.value);
    expect((await signedIn.client.auth.me.query())?.user.email).toBe(email);
    // A cookie given as a string works as well as a jar.
    const byString = createBuilderClient({ url: builder.baseUrl, cookie: signedIn.jar.value as string });
    expect((await byString.auth.me.query())?.user.id).toBe(signedUp.user.id);

    await signedIn.client.auth.signOut.mutate();
    expect(signedIn.jar.value).toBeNull();
    expect(await byString.auth.me.query()).toBeNull();
  });

  it('acts as the token’s owner on queries, mutations and the events stream; an unknown token is refused', async () => {
    const { client, session } = await tokenClient();
    expect((await client.auth.me.query())?.user.id).toBe(session.user.id);
    const { job } = await client.apps.create.mutate({ prompt: 'A tracker for our support tickets' });
    // The stream carries the token too: the first question arrives over SSE.
    const events: JobEvent[] = [];
    const asked = await waitFor(client, job.id, ({ job: current }) => current.status === 'awaiting_answer', {
      timeoutMs: 20_000,
      onEvent: (event) => events.push(event),
    });
    expect(openQuestion(asked)).toBeDefined();
    expect(events.map((event) => event.type)).toContain('question_asked');
    expect(events.map((event) => event.seq)).toEqual(
      Array.from({ length: events.length }, (_, index) => (events[0]?.seq ?? 0) + index),
    );
    await client.jobs.cancel.mutate({ jobId: job.id });

    const stranger = createBuilderClient({ url: builder.baseUrl, token: 'not-a-real-token' });
    const refused = await stranger.apps.list.query().catch((error: unknown) => error);
    expect(trpcErrorCode(refused)).toBe('UNAUTHORIZED');
  });

  // A build runs the verifier in Chromium: a few seconds on an idle machine, far more on a busy one.
  it('runToCompletion answers each question with its recommendation and follows the build to a preview', {
    timeout: 90_000,
  }, async () => {
    const { client } = await tokenClient();
    const { job } = await client.apps.create.mutate({ prompt: severalQuestionsRequest });
    const events: JobEvent[] = [];
    const final = await runToCompletion(client, job.id, {
      timeoutMs: 80_000,
      onEvent: (event) => events.push(event),
    });
    expect(final.status).toBe('complete');
    expect(final.versionId).not.toBeNull();
    // Every question the interview asked was answered once, with exactly its recommended option(s).
    expect(final.questions.length).toBeGreaterThanOrEqual(2);
    for (const question of final.questions) {
      expect(question.status).toBe('answered');
      const recommended = question.options.filter((option) => option.recommended).map((option) => option.id);
      expect(question.answer?.optionIds).toEqual(recommended);
    }
    const types = events.map((event) => event.type);
    expect(types).toContain('validation_finished');
    expect(types.at(-1)).toBe('done');
    const verified = events.find((event) => event.type === 'validation_finished');
    expect(verified?.type === 'validation_finished' && verified.data.checks.length).toBeGreaterThan(0);
    const version = await client.versions.get.query({ versionId: final.versionId as string });
    expect(version.previewUrl).toMatch(/^http:\/\/.+\/v\/.+\?token=/);
  });

  it('answerRecommended leaves a job without an open question alone', async () => {
    const { client } = await tokenClient();
    const { job } = await client.apps.create.mutate({ prompt: 'A tracker for our support tickets' });
    await client.jobs.cancel.mutate({ jobId: job.id });
    const cancelled = await client.jobs.get.query({ jobId: job.id });
    expect(await answerRecommended(client, cancelled)).toBe(cancelled);
  });

  it('waitFor rejects on its timeout and on abort, and ends its stream', async () => {
    const { client } = await tokenClient();
    const { job } = await client.apps.create.mutate({ prompt: 'A tracker for our support tickets' });
    const never = () => false;
    const started = Date.now();
    await expect(waitFor(client, job.id, never, { timeoutMs: 300 })).rejects.toBeInstanceOf(
      WaitForTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(5_000);

    const controller = new AbortController();
    const waiting = waitFor(client, job.id, never, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stopped by the test')), 200);
    await expect(waiting).rejects.toThrow('stopped by the test');
    await client.jobs.cancel.mutate({ jobId: job.id });
  });

  it('tells a missing procedure and an unreachable server apart from other errors', async () => {
    const { client } = await tokenClient();
    const missing = await getUntypedClient(client)
      .query('versions.noSuchProcedure', {})
      .catch((error: unknown) => error);
    expect(isMissingProcedure(missing)).toBe(true);
    const missingRecord = await client.jobs.get
      .query({ jobId: crypto.randomUUID() })
      .catch((error: unknown) => error);
    expect(trpcErrorCode(missingRecord)).toBe('NOT_FOUND');
    expect(isMissingProcedure(missingRecord)).toBe(false);
    expect(isUnreachable(missingRecord)).toBe(false);

    const closedPort = await findFreePort();
    const nowhere = createBuilderClient({ url: `http://127.0.0.1:${closedPort}`, token: 'x' });
    const unreachable = await nowhere.apps.list.query().catch((error: unknown) => error);
    expect(isUnreachable(unreachable)).toBe(true);
  });
});
