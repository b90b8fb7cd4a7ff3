import type { JobEvent } from '@app/core';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertHistory } from './history/checker.ts';
import { History } from './history/history.ts';
import { snapshotJobs, waitForSettled } from './history/snapshot.ts';
import { type Actor, signInActor, signUpActor } from './support/actors.ts';
import { Cluster } from './support/cluster.ts';
import { createRandom, scenarioSeed } from './support/prng.ts';
import { severalQuestionsCount, severalQuestionsRequest } from './support/requests.ts';

// The same answer sent 50 times at once from five sessions of one person (double clicks, several
// tabs, retries): exactly one is accepted, the rest get CONFLICT, and one answer_received is logged.

let database: TestDatabase;
let cluster: Cluster;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  cluster = new Cluster(database.url);
});
afterAll(async () => {
  await cluster?.stopAll();
  await database?.destroy();
});

const sessions = 5;
const answersPerSession = 10;
const rounds = 3;

describe('50 concurrent identical answers', () => {
  it('accepts exactly one per question, the rest CONFLICT, one answer_received', {
    timeout: 120_000,
  }, async () => {
    const random = createRandom(scenarioSeed('concurrent answers'));
    const server = await cluster.startServer();
    // One question more than the rounds answer, so the job ends waiting (no generation needed);
    // the request leaves more than that open, so every round's question is really asked.
    expect(severalQuestionsCount).toBeGreaterThan(rounds);
    await cluster.startWorker({ maxQuestions: rounds + 1 });
    const history = new History();

    const owner = await signUpActor(server.baseUrl, 'session0');
    const actors: Actor[] = [owner];
    for (let index = 1; index < sessions; index++) {
      actors.push(await signInActor(server.baseUrl, `session${index}`, owner.email));
    }
    const { job } = await owner.client.trpc.apps.create.mutate({ prompt: severalQuestionsRequest });
    const streams = actors.map((actor) => history.subscribe(actor.client, actor.id, job.id));

    for (let round = 1; round <= rounds; round++) {
      const asked = (await streams[0]!.waitForEvent(
        (event) => event.type === 'question_asked' && event.data.question.number === round,
        30_000,
      )) as Extract<JobEvent, { type: 'question_asked' }>;
      const question = asked.data.question;
      const choice = question.options.find((option) => option.recommended) ?? question.options[0];
      const input = choice
        ? { jobId: job.id, questionId: question.id, optionIds: [choice.id] }
        : { jobId: job.id, questionId: question.id, text: 'Whatever works best' };

      const results = await Promise.all(
        actors.flatMap((actor) =>
          Array.from({ length: answersPerSession }, async () => {
            // A little jitter so the requests interleave differently on every run (seeded).
            await new Promise((resolve) => setTimeout(resolve, random.between(0, 15)));
            return history.mutate(actor.id, 'answer', { jobId: job.id, questionId: question.id }, () =>
              actor.client.trpc.jobs.answer.mutate(input),
            );
          }),
        ),
      );
      const accepted = results.filter((result) => result.ok).length;
      const codes = results.flatMap((result) => (result.ok ? [] : [result.code]));
      console.info(
        `[faults] round ${round}: ${accepted} accepted, ${codes.length} rejected (${[...new Set(codes)]})`,
      );
      expect(accepted).toBe(1);
      expect(codes).toEqual(Array.from({ length: sessions * answersPerSession - 1 }, () => 'CONFLICT'));
    }

    await streams[0]!.waitForEvent(
      (event) => event.type === 'question_asked' && event.data.question.number === rounds + 1,
      30_000,
    );
    await waitForSettled(database.db, [job.id], 30_000);
    const snapshot = await snapshotJobs(database.db, [job.id]);
    const total = snapshot[0]!.events.length;
    await Promise.all(streams.map((stream) => stream.waitForSeq(total)));
    history.close();
    assertHistory(history, snapshot);
    const received = snapshot[0]!.events.filter((event) => event.type === 'answer_received');
    expect(received).toHaveLength(rounds);
    expect(snapshot[0]!.questions).toHaveLength(rounds + 1);
    expect(snapshot[0]!.status).toBe('awaiting_answer');
  });
});
