import type { Fact, QuestionDraft } from '@app/core';
import { emptyBlueprint } from '@app/core/schemas';
import { failJob, listEvents, recordTurnResult } from '@app/db';
import { describe, expect, it } from 'vitest';
import { createTestClient, type TestClient, useTestServer } from './harness.ts';
import { expectExactLog, type RecordedStream, recordJobEvents } from './subscribe.ts';

// The log is the whole truth (docs/spine.md#the-event-log): a retry is an event every open tab sees live, and a
// snapshot says how far the log went when it was read, so a client knows when its replay is done.

const context = useTestServer();

const draft: QuestionDraft = {
  text: 'Who will use the tracker?',
  why: 'Roles decide screens and permissions.',
  kind: 'single',
  options: [
    { id: 'support-agents', label: 'Support agents', recommended: true },
    { id: 'whole-company', label: 'Everyone in the company', recommended: false },
  ],
  assumptionIfSkipped: 'Support agents use it.',
};
/** Fact ids are primary keys: each turn result gets facts of its own. */
function ledger(): Fact[] {
  return [
    { id: crypto.randomUUID(), kind: 'goal', text: 'Track support tickets', source: { kind: 'request' } },
  ];
}

/** The same person in a second tab: the same session cookie, a client (and stream) of its own. */
function secondTab(first: TestClient): TestClient {
  const tab = createTestClient(context.baseUrl);
  tab.cookie.value = first.cookie.value;
  return tab;
}

async function waitForType(stream: RecordedStream, type: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!stream.events.some((item) => item.type === type)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${type}; have ${stream.events.map((e) => e.type).join(',')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('jobs.retry in the log', () => {
  it('two tabs follow a retry live: both get job_failed, done, job_retried, then the new turn', async () => {
    const tab1 = createTestClient(context.baseUrl);
    await tab1.signUp();
    const tab2 = secondTab(tab1);
    const { job } = await tab1.trpc.apps.create.mutate({ prompt: 'A tracker for support tickets' });
    const streams = [recordJobEvents(tab1, job.id), recordJobEvents(tab2, job.id)];
    await Promise.all(streams.map((stream) => stream.waitForSeq(1)));

    expect(
      await failJob(context.database.db, { jobId: job.id, phase: 'questioning', turn: 1, message: 'down' }),
    ).toBe(true);
    await Promise.all(streams.map((stream) => stream.waitForSeq(3)));

    // Only tab 1 acts; tab 2 learns of it from its stream alone.
    const { job: retried } = await tab1.trpc.jobs.retry.mutate({ jobId: job.id });
    expect(retried).toMatchObject({ status: 'questioning', error: null, lastSeq: 4 });
    await Promise.all(streams.map((stream) => waitForType(stream, 'job_retried')));

    // The worker's new turn (turn 2, queued by the retry) lands after it.
    await recordTurnResult(context.database.db, {
      jobId: job.id,
      turn: 2,
      ledger: ledger(),
      blueprint: emptyBlueprint(),
      readiness: 30,
      outcome: { action: 'ask_question', question: draft, decision: null },
      usage: [],
    });
    await Promise.all(streams.map((stream) => waitForType(stream, 'question_asked')));
    for (const stream of streams) stream.unsubscribe();

    const log = await listEvents(context.database.db, job.id);
    expect(log.map((item) => item.type)).toEqual([
      'questioning_started',
      'job_failed',
      'done',
      'job_retried',
      'ledger_updated',
      'blueprint_updated',
      'question_asked',
    ]);
    expect(log[3]?.data).toEqual({ phase: 'questioning' });
    for (const stream of streams) {
      expectExactLog(stream.events, 1, log.length);
      expect(stream.events).toEqual(log);
    }
  });

  it('a generation retry streams job_retried { phase: generation } to every open tab', async () => {
    const tab1 = createTestClient(context.baseUrl);
    await tab1.signUp();
    const tab2 = secondTab(tab1);
    const { job } = await tab1.trpc.apps.create.mutate({ prompt: 'A tracker for support tickets' });
    await recordTurnResult(context.database.db, {
      jobId: job.id,
      turn: 1,
      ledger: ledger(),
      blueprint: emptyBlueprint(),
      readiness: 90,
      outcome: { action: 'complete', reason: 'enough_information' },
      usage: [],
    });
    expect(
      await failJob(context.database.db, {
        jobId: job.id,
        phase: 'generation',
        generationRun: 1,
        message: 'x',
      }),
    ).toBe(true);
    const watching = recordJobEvents(tab2, job.id);
    await waitForType(watching, 'done');

    await tab1.trpc.jobs.retry.mutate({ jobId: job.id });
    await waitForType(watching, 'job_retried');
    watching.unsubscribe();
    expect(watching.events.at(-1)).toMatchObject({ type: 'job_retried', data: { phase: 'generation' } });
    expect(await tab2.trpc.jobs.get.query({ jobId: job.id })).toMatchObject({
      status: 'generating',
      error: null,
    });
  });
});

describe('lastSeq: where the replay ends', () => {
  it('jobs.get and every job answer carry the log position they reflect', async () => {
    const client = createTestClient(context.baseUrl);
    await client.signUp();
    const created = await client.trpc.apps.create.mutate({ prompt: 'A tracker for support tickets' });
    expect(created.job.lastSeq).toBe(1);
    const jobId = created.job.id;
    expect((await client.trpc.jobs.get.query({ jobId })).lastSeq).toBe(1);

    await recordTurnResult(context.database.db, {
      jobId,
      turn: 1,
      ledger: ledger(),
      blueprint: emptyBlueprint(),
      readiness: 30,
      outcome: { action: 'ask_question', question: draft, decision: null },
      usage: [],
    });
    const asked = await client.trpc.jobs.get.query({ jobId });
    const log = await listEvents(context.database.db, jobId);
    expect(asked.lastSeq).toBe(log.at(-1)?.seq);
    expect(asked.lastSeq).toBe(4);

    const question = asked.questions[0];
    if (!question) throw new Error('no question');
    // A mutation's answer includes its own events: answer_received is seq 5.
    const answered = await client.trpc.jobs.answer.mutate({
      jobId,
      questionId: question.id,
      optionIds: ['support-agents'],
    });
    expect(answered.job.lastSeq).toBe(5);
    expect((await listEvents(context.database.db, jobId)).at(-1)).toMatchObject({
      seq: 5,
      type: 'answer_received',
    });
  });

  it('a replay from the start reaches the snapshot’s lastSeq, and what it holds up to there is the snapshot', async () => {
    const client = createTestClient(context.baseUrl);
    await client.signUp();
    const { job } = await client.trpc.apps.create.mutate({ prompt: 'A tracker for support tickets' });
    await recordTurnResult(context.database.db, {
      jobId: job.id,
      turn: 1,
      ledger: ledger(),
      blueprint: emptyBlueprint(),
      readiness: 30,
      outcome: { action: 'ask_question', question: draft, decision: null },
      usage: [],
    });
    const snapshot = await client.trpc.jobs.get.query({ jobId: job.id });
    const stream = recordJobEvents(client, job.id);
    await stream.waitForSeq(snapshot.lastSeq);
    stream.unsubscribe();
    const caughtUp = stream.events.filter((item) => item.seq <= snapshot.lastSeq);
    expectExactLog(caughtUp, 1, snapshot.lastSeq);
    const lastAsked = caughtUp.findLast((item) => item.type === 'question_asked');
    expect(lastAsked?.type === 'question_asked' && lastAsked.data.question.id).toBe(
      snapshot.questions[0]?.id,
    );
    expect(caughtUp.at(-1)?.type).toBe('question_asked');
  });
});
