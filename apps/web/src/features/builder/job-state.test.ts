import type { Fact, JobEvent, Question } from '@app/core/schemas';
import { describe, expect, it } from 'vitest';
import {
  emptyJobState,
  foldJobEvents,
  type JobSnapshot,
  jobStateReducer,
  openQuestion,
} from './job-state.ts';

const questionId = '00000000-0000-4000-8000-000000000001';
const secondQuestionId = '00000000-0000-4000-8000-000000000002';
const versionId = '00000000-0000-4000-8000-0000000000aa';

function question(id: string, number: number): Question {
  return {
    id,
    number,
    text: `Question ${number}?`,
    why: 'Because',
    kind: 'single',
    options: [
      { id: 'a', label: 'A', recommended: true },
      { id: 'b', label: 'B', recommended: false },
    ],
    assumptionIfSkipped: `I'll assume A for ${number}.`,
    status: 'open',
    answer: null,
  };
}

function fact(text: string, source: Fact['source'] = { kind: 'request' }): Fact {
  return { id: crypto.randomUUID(), kind: 'requirement', text, source };
}

/** A log as the server writes it: seq 1, 2, 3 … with timestamps a second apart. */
function log(...events: { type: JobEvent['type']; data: unknown }[]): JobEvent[] {
  return events.map(
    (event, index) =>
      ({
        ...event,
        seq: index + 1,
        at: new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString(),
      }) as JobEvent,
  );
}

const questioningLog = log(
  { type: 'questioning_started', data: { request: 'A ticket tracker' } },
  { type: 'ledger_updated', data: { ledger: [fact('Tracks tickets')], readiness: 20 } },
  { type: 'question_asked', data: { question: question(questionId, 1) } },
  { type: 'answer_received', data: { questionId, optionIds: ['b'], text: null } },
  {
    type: 'ledger_updated',
    data: {
      ledger: [fact('Tracks tickets'), fact('Uses B', { kind: 'answer', questionId })],
      readiness: 45,
    },
  },
  { type: 'question_asked', data: { question: question(secondQuestionId, 2) } },
);

const generationLog = [
  ...questioningLog,
  ...log(
    { type: 'question_skipped', data: { questionId: secondQuestionId, assumption: 'Assume A' } },
    { type: 'questioning_complete', data: { ledger: [fact('Final')], questionCount: 2, reason: 'skipped' } },
    { type: 'generation_started', data: {} },
    {
      type: 'plan_created',
      data: {
        steps: [
          { index: 0, title: 'Scaffold', phase: 'scaffold', files: ['src/App.tsx'] },
          { index: 1, title: 'Style', phase: 'styling', files: ['src/App.css'] },
        ],
      },
    },
    { type: 'step_started', data: { index: 0 } },
    { type: 'file_written', data: { path: 'src/App.tsx', content: 'v1' } },
    { type: 'step_completed', data: { index: 0 } },
    { type: 'step_started', data: { index: 1 } },
    { type: 'file_written', data: { path: 'src/App.css', content: 'body{}' } },
    { type: 'file_written', data: { path: 'src/App.tsx', content: 'v2' } },
    {
      type: 'usage',
      data: { phase: 'generation', model: 'm', inputTokens: 10, outputTokens: 5, costUsd: 0.1 },
    },
    {
      type: 'usage',
      data: { phase: 'generation', model: 'm', inputTokens: 1, outputTokens: 2, costUsd: 0.2 },
    },
  ),
].map((event, index) => ({ ...event, seq: index + 1 }));

describe('jobStateReducer', () => {
  it('follows a questioning conversation: open question, answers, ledger and readiness', () => {
    const state = foldJobEvents(questioningLog);
    expect(state.status).toBe('awaiting_answer');
    expect(state.request).toBe('A ticket tracker');
    expect(state.readiness).toBe(45);
    expect(state.ledger.map((entry) => entry.text)).toEqual(['Tracks tickets', 'Uses B']);
    expect(state.questions.map((entry) => [entry.number, entry.status])).toEqual([
      [1, 'answered'],
      [2, 'open'],
    ]);
    expect(state.questions[0]?.answer).toEqual({ optionIds: ['b'], text: null });
    expect(openQuestion(state)?.id).toBe(secondQuestionId);
  });

  it('reaches the same state whether the log arrives at once, one by one, or replayed after a reconnect', () => {
    const atOnce = foldJobEvents(generationLog);
    const oneByOne = generationLog.reduce(
      (state, event) => jobStateReducer(state, { type: 'events', events: [event] }),
      emptyJobState,
    );
    // A reconnect resends from the last seen seq; a fresh subscription replays everything again.
    const firstHalf = foldJobEvents(generationLog.slice(0, 9));
    const replayed = jobStateReducer(jobStateReducer(firstHalf, { type: 'events', events: generationLog }), {
      type: 'events',
      events: generationLog.slice(5),
    });
    expect(oneByOne).toEqual(atOnce);
    expect(replayed).toEqual(atOnce);
  });

  it('shows a skipped question with the assumption it made, and the reason questioning ended', () => {
    const state = foldJobEvents(generationLog);
    expect(state.questions[1]).toMatchObject({ status: 'skipped', assumptionIfSkipped: 'Assume A' });
    expect(state.questioning).toEqual({ reason: 'skipped', questionCount: 2 });
    expect(state.ledger.map((entry) => entry.text)).toEqual(['Final']);
    expect(openQuestion(state)).toBeNull();
  });

  it('tracks plan steps, the file being written (latest content wins) and total usage', () => {
    const state = foldJobEvents(generationLog);
    expect(state.status).toBe('generating');
    expect(state.generation?.steps.map((step) => step.status)).toEqual(['done', 'running']);
    expect(state.generation?.files).toEqual([
      { path: 'src/App.tsx', content: 'v2' },
      { path: 'src/App.css', content: 'body{}' },
    ]);
    expect(state.generation?.lastWrittenPath).toBe('src/App.tsx');
    expect(state.usage).toEqual({ inputTokens: 11, outputTokens: 7, costUsd: 0.3 });
  });

  it('ends complete with the version, or failed with the problems and message', () => {
    const base = generationLog.length;
    const complete = foldJobEvents([
      ...generationLog,
      ...log(
        { type: 'validation_finished', data: { ok: true, problems: [] } },
        { type: 'version_created', data: { versionId, number: 1 } },
        { type: 'done', data: { status: 'complete' } },
      ).map((event, index) => ({ ...event, seq: base + index + 1 })),
    ]);
    expect(complete.status).toBe('complete');
    expect(complete.version).toEqual({ versionId, number: 1 });

    const problem = { path: 'src/App.tsx', line: 3, message: 'Type error', source: 'types' as const };
    const failed = foldJobEvents([
      ...generationLog,
      ...log(
        { type: 'validation_finished', data: { ok: false, problems: [problem] } },
        { type: 'job_failed', data: { message: 'The app did not pass validation', retryable: true } },
        { type: 'done', data: { status: 'failed' } },
      ).map((event, index) => ({ ...event, seq: base + index + 1 })),
    ]);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatchObject({ message: 'The app did not pass validation', retryable: true });
    expect(failed.generation?.validation?.problems).toEqual([problem]);
  });

  it('paints from a snapshot until the log arrives, then lets the log win', () => {
    const snapshot: JobSnapshot = {
      id: 'job',
      status: 'awaiting_answer',
      request: 'A ticket tracker',
      questions: [question(questionId, 1)],
      ledger: [fact('From snapshot')],
      readiness: 30,
      versionId: null,
      error: null,
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      updatedAt: '2025-01-01T00:00:00.000Z',
      lastSeq: 6,
    };
    const painted = jobStateReducer(emptyJobState, { type: 'snapshot', job: snapshot });
    expect(openQuestion(painted)?.id).toBe(questionId);
    expect(painted.ledger.map((entry) => entry.text)).toEqual(['From snapshot']);

    const afterLog = jobStateReducer(painted, { type: 'events', events: questioningLog });
    expect(afterLog).toEqual(foldJobEvents(questioningLog));
    // A stale snapshot later never rolls the log back.
    expect(jobStateReducer(afterLog, { type: 'snapshot', job: snapshot })).toBe(afterLog);
  });

  it('runs a failed turn again on job_retried: the failure goes, the next question follows', () => {
    const retriedLog = log(
      { type: 'questioning_started', data: { request: 'x' } },
      { type: 'job_failed', data: { message: 'Model timed out', retryable: true } },
      { type: 'done', data: { status: 'failed' } },
      { type: 'job_retried', data: { phase: 'questioning' } },
    );
    const failed = foldJobEvents(retriedLog.slice(0, 3));
    expect(failed).toMatchObject({ status: 'failed', failure: { message: 'Model timed out' } });

    const retried = jobStateReducer(failed, { type: 'events', events: retriedLog.slice(3) });
    expect(retried).toMatchObject({ status: 'questioning', failure: null, statusSince: retriedLog[3]?.at });
    const asked = jobStateReducer(retried, {
      type: 'events',
      events: log({ type: 'question_asked', data: { question: question(questionId, 1) } }).map((event) => ({
        ...event,
        seq: 5,
      })),
    });
    expect(openQuestion(asked)?.id).toBe(questionId);
  });

  it('starts a retried generation from nothing: no stale plan, files or problems; the version stays', () => {
    const base = generationLog.length;
    const problem = { path: 'src/App.tsx', line: 3, message: 'Type error', source: 'types' as const };
    const failedRun = [
      ...generationLog,
      ...log(
        { type: 'validation_finished', data: { ok: false, problems: [problem] } },
        { type: 'job_failed', data: { message: 'The app did not pass validation', retryable: true } },
        { type: 'done', data: { status: 'failed' } },
        { type: 'job_retried', data: { phase: 'generation' } },
      ).map((event, index) => ({ ...event, seq: base + index + 1 })),
    ];
    const retried = foldJobEvents(failedRun);
    expect(retried.status).toBe('generating');
    expect(retried.failure).toBeNull();
    expect(retried.generation).toEqual({
      startedAt: failedRun.at(-1)?.at,
      steps: [],
      files: [],
      lastWrittenPath: null,
      validation: null,
      verification: null,
      fixAttempt: 0,
    });
    // What the log says before the retry (questions, ledger, usage) is kept.
    expect(retried.questions).toEqual(foldJobEvents(generationLog).questions);
    expect(retried.usage).toEqual({ inputTokens: 11, outputTokens: 7, costUsd: 0.3 });

    const newRun = jobStateReducer(retried, {
      type: 'events',
      events: log(
        { type: 'generation_started', data: {} },
        { type: 'file_written', data: { path: 'src/App.tsx', content: 'v3' } },
      ).map((event, index) => ({ ...event, seq: failedRun.length + index + 1 })),
    });
    expect(newRun.generation?.files).toEqual([{ path: 'src/App.tsx', content: 'v3' }]);
  });

  it('never takes a status from a snapshot once the log is folded (no guessing a retry)', () => {
    const failed = foldJobEvents(
      log(
        { type: 'questioning_started', data: { request: 'x' } },
        { type: 'job_failed', data: { message: 'Model timed out', retryable: true } },
        { type: 'done', data: { status: 'failed' } },
      ),
    );
    const snapshot: JobSnapshot = {
      id: 'job',
      status: 'questioning',
      request: 'x',
      questions: [],
      ledger: [],
      readiness: 0,
      versionId: null,
      error: null,
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      updatedAt: '2025-01-01T00:01:00.000Z',
      lastSeq: 4,
    };
    expect(jobStateReducer(failed, { type: 'snapshot', job: snapshot })).toBe(failed);
  });
});
