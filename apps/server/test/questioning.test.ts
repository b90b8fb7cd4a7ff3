import type { Fact, QuestionDraft } from '@app/core';
import { emptyBlueprint } from '@app/core/schemas';
import { failJob, listEvents, recordTurnResult } from '@app/db';
import { countGraphileJobs } from '@app/db/testing';
import { describe, expect, it } from 'vitest';
import { createTestClient, expectTRPCError, useTestServer } from './harness.ts';

const context = useTestServer();

/** The design the first turn stored: jobs.get hands it back as is. */
const ticketDesign = {
  ...emptyBlueprint('Tickets'),
  entities: [
    {
      id: 'ticket',
      name: 'Ticket',
      pluralName: 'Tickets',
      fields: [
        {
          id: 'ticket-subject',
          name: 'Subject',
          type: 'text' as const,
          options: [],
          required: true,
          referenceEntityId: null,
          range: null,
          sourceFactIds: [],
        },
      ],
      statusFieldId: null,
      sourceFactIds: [],
    },
  ],
};

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

/** A job whose first turn has asked `draft` (as the worker would have committed it). */
async function jobWithOpenQuestion() {
  const client = createTestClient(context.baseUrl);
  await client.signUp();
  const { job } = await client.trpc.apps.create.mutate({ prompt: 'A tracker for support tickets' });
  const ledger: Fact[] = [
    { id: crypto.randomUUID(), kind: 'goal', text: 'Track support tickets', source: { kind: 'request' } },
  ];
  await recordTurnResult(context.database.db, {
    jobId: job.id,
    turn: 1,
    ledger,
    blueprint: ticketDesign,
    readiness: 30,
    outcome: { action: 'ask_question', question: draft, decision: null },
    usage: [],
  });
  const view = await client.trpc.jobs.get.query({ jobId: job.id });
  const question = view.questions[0];
  if (!question) throw new Error('no question');
  return { client, jobId: job.id, question };
}

describe('answering questions', () => {
  it('shows the open question and the ledger on jobs.get', async () => {
    const { client, jobId, question } = await jobWithOpenQuestion();
    const view = await client.trpc.jobs.get.query({ jobId });
    expect(view.status).toBe('awaiting_answer');
    expect(view.readiness).toBe(30);
    expect(question).toMatchObject({ number: 1, status: 'open', text: draft.text, options: draft.options });
    expect(view.ledger.map((fact) => fact.text)).toEqual(['Track support tickets']);
    expect(view.blueprint).toEqual(ticketDesign);
    // The question's decision (what its options change) is internal: the API's Question is docs/architecture.md#shapes'.
    expect(Object.keys(question).sort()).toEqual(
      ['answer', 'assumptionIfSkipped', 'id', 'kind', 'number', 'options', 'status', 'text', 'why'].sort(),
    );
  });

  it('accepts exactly one of 20 concurrent identical answers; the rest get CONFLICT', async () => {
    const { client, jobId, question } = await jobWithOpenQuestion();
    const turnsBefore = await countGraphileJobs(context.database.db, 'questioning_turn');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        client.trpc.jobs.answer.mutate({ jobId, questionId: question.id, optionIds: ['support-agents'] }),
      ),
    );
    const accepted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(accepted).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected')
        expect((outcome.reason as { data?: { code?: string } }).data?.code).toBe('CONFLICT');
    }
    const events = await listEvents(context.database.db, jobId);
    expect(events.filter((e) => e.type === 'answer_received')).toHaveLength(1);
    expect(await countGraphileJobs(context.database.db, 'questioning_turn')).toBe(turnsBefore + 1);
    const view = await client.trpc.jobs.get.query({ jobId });
    expect(view.status).toBe('questioning');
    expect(view.questions[0]).toMatchObject({
      status: 'answered',
      answer: { optionIds: ['support-agents'], text: null },
    });
  });

  it('answers CONFLICT for a question that is not open, writing nothing', async () => {
    const { client, jobId, question } = await jobWithOpenQuestion();
    await client.trpc.jobs.answer.mutate({ jobId, questionId: question.id, text: 'Our support team' });
    const before = await listEvents(context.database.db, jobId);
    const again = await expectTRPCError(
      client.trpc.jobs.answer.mutate({ jobId, questionId: question.id, text: 'x' }),
    );
    expect(again.code).toBe('CONFLICT');
    const unknown = await expectTRPCError(
      client.trpc.jobs.skipQuestion.mutate({ jobId, questionId: crypto.randomUUID() }),
    );
    expect(unknown.code).toBe('CONFLICT');
    expect(await listEvents(context.database.db, jobId)).toHaveLength(before.length);
  });

  it("rejects another question's option ids with BAD_REQUEST naming optionIds", async () => {
    const { client, jobId, question } = await jobWithOpenQuestion();
    const bad = await expectTRPCError(
      client.trpc.jobs.answer.mutate({ jobId, questionId: question.id, optionIds: ['calendar-view'] }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/^optionIds:/);
    const tooLong = await expectTRPCError(
      client.trpc.jobs.answer.mutate({ jobId, questionId: question.id, text: 'x'.repeat(4001) }),
    );
    expect(tooLong.code).toBe('BAD_REQUEST');
    expect(tooLong.message).toMatch(/^text:/);
    expect((await client.trpc.jobs.get.query({ jobId })).status).toBe('awaiting_answer');
  });

  it('skips a question: its default is recorded and the next turn is queued', async () => {
    const { client, jobId, question } = await jobWithOpenQuestion();
    const { job } = await client.trpc.jobs.skipQuestion.mutate({ jobId, questionId: question.id });
    expect(job.questions[0]?.status).toBe('skipped');
    const skipped = (await listEvents(context.database.db, jobId)).find((e) => e.type === 'question_skipped');
    expect(skipped?.data).toEqual({ questionId: question.id, assumption: draft.assumptionIfSkipped });
  });

  it('builds now: skips the open question and queues the final turn', async () => {
    const { client, jobId } = await jobWithOpenQuestion();
    const { job } = await client.trpc.jobs.build.mutate({ jobId });
    expect(job.status).toBe('questioning');
    expect(job.questions[0]?.status).toBe('skipped');
  });

  it('cancels in any non-final status exactly once', async () => {
    const { client, jobId } = await jobWithOpenQuestion();
    const { job } = await client.trpc.jobs.cancel.mutate({ jobId });
    expect(job.status).toBe('cancelled');
    expect((await expectTRPCError(client.trpc.jobs.cancel.mutate({ jobId }))).code).toBe('CONFLICT');
    const done = (await listEvents(context.database.db, jobId)).filter((e) => e.type === 'done');
    expect(done.map((e) => e.data)).toEqual([{ status: 'cancelled' }]);
    expect((await expectTRPCError(client.trpc.jobs.retry.mutate({ jobId }))).code).toBe('CONFLICT');
  });

  it('a stale turn result (superseded by Build now) persists nothing', async () => {
    const { client, jobId } = await jobWithOpenQuestion();
    await client.trpc.jobs.build.mutate({ jobId });
    await expect(
      recordTurnResult(context.database.db, {
        jobId,
        turn: 1,
        ledger: [],
        blueprint: emptyBlueprint(),
        readiness: 50,
        outcome: { action: 'ask_question', question: draft, decision: null },
        usage: [],
      }),
    ).rejects.toThrow(/no longer in the expected state/);
    expect((await client.trpc.jobs.get.query({ jobId })).questions).toHaveLength(1);
  });

  it('retries a failed turn: back to questioning with a fresh turn queued, and the failure shown until then', async () => {
    const client = createTestClient(context.baseUrl);
    await client.signUp();
    const { job } = await client.trpc.apps.create.mutate({ prompt: 'A tracker for support tickets' });
    expect(
      await failJob(context.database.db, {
        jobId: job.id,
        phase: 'questioning',
        turn: 1,
        message: 'model unavailable',
      }),
    ).toBe(true);
    const failed = await client.trpc.jobs.get.query({ jobId: job.id });
    expect(failed).toMatchObject({
      status: 'failed',
      error: { message: 'model unavailable', retryable: true },
    });
    const events = await listEvents(context.database.db, job.id);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['job_failed', 'done']);

    const turnsBefore = await countGraphileJobs(context.database.db, 'questioning_turn');
    const { job: retried } = await client.trpc.jobs.retry.mutate({ jobId: job.id });
    expect(retried).toMatchObject({ status: 'questioning', error: null });
    expect(await countGraphileJobs(context.database.db, 'questioning_turn')).toBe(turnsBefore + 1);
    expect((await expectTRPCError(client.trpc.jobs.retry.mutate({ jobId: job.id }))).code).toBe('CONFLICT');
  });
});
