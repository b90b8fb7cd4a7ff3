import type { JobEvent } from '@app/core';
import { createTestClient, type TestClient, uniqueEmail } from '../../../apps/server/test/harness.ts';
import type { History, RecordedSubscription } from '../history/history.ts';

const password = 'correct horse battery';

/** A person using the builder from one browser: a real tRPC client holding its own session. */
export interface Actor {
  id: string;
  email: string;
  client: TestClient;
}

export async function signUpActor(baseUrl: string, id: string): Promise<Actor> {
  const client = createTestClient(baseUrl);
  const email = uniqueEmail();
  await client.signUp(email, password);
  return { id, email, client };
}

/** The same person in another browser (a session of its own). */
export async function signInActor(baseUrl: string, id: string, email: string): Promise<Actor> {
  const client = createTestClient(baseUrl);
  await client.trpc.auth.signIn.mutate({ email, password });
  return { id, email, client };
}

/** Another tab of the same browser: a separate client (own connections) sharing the session cookie. */
export function tabOf(actor: Actor, baseUrl: string, id: string): Actor {
  const client = createTestClient(baseUrl);
  client.cookie.value = actor.client.cookie.value;
  return { id, email: actor.email, client };
}

export interface DriveOptions {
  /** Stop after this many accepted answers (default: answer until the job is final). */
  maxAnswers?: number;
  timeoutMs: number;
}

/**
 * Plays the user: answers each new question with its recommended option until the job ends (or
 * `maxAnswers`). Reads questions from the recorded stream, like the SPA does. An answer that fails
 * in transit (server down) is sent again; CONFLICT means it already landed or the job moved on.
 */
export async function driveJob(
  history: History,
  actor: Actor,
  subscription: RecordedSubscription,
  jobId: string,
  options: DriveOptions,
): Promise<'complete' | 'failed' | 'cancelled' | 'stopped'> {
  const deadline = Date.now() + options.timeoutMs;
  const handled = new Set<string>();
  let accepted = 0;
  for (;;) {
    const events = subscription.record.events;
    const done = events.find((event): event is Extract<JobEvent, { type: 'done' }> => event.type === 'done');
    if (done) return done.data.status;
    if (options.maxAnswers !== undefined && accepted >= options.maxAnswers) return 'stopped';
    const question = events.findLast(
      (event): event is Extract<JobEvent, { type: 'question_asked' }> =>
        event.type === 'question_asked' && !handled.has(event.data.question.id),
    );
    if (question) {
      const { id: questionId, options: choices } = question.data.question;
      const choice = choices.find((option) => option.recommended) ?? choices[0];
      // Bounded by the deadline: while the server is down every attempt fails fast.
      while (Date.now() < deadline) {
        const result = await history.mutate(actor.id, 'answer', { jobId, questionId }, () =>
          actor.client.trpc.jobs.answer.mutate(
            choice
              ? { jobId, questionId, optionIds: [choice.id] }
              : { jobId, questionId, text: 'Whatever you think' },
          ),
        );
        if (result.ok) accepted += 1;
        if (result.ok || result.code === 'CONFLICT') break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      handled.add(questionId);
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `driving job ${jobId.slice(0, 8)} timed out; last event ${events.at(-1)?.type ?? 'none'}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
