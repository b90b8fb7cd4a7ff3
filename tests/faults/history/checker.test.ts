import { emptyBlueprint, type JobEvent } from '@app/core';
import { describe, expect, it } from 'vitest';
import { checkHistory, type JobSnapshot } from './checker.ts';
import type { HistoryData, MutationRecord, SubscriptionRecord } from './history.ts';

// Hand-made histories: the checker must pass a consistent one and name each kind of violation.

const jobId = '00000000-0000-4000-8000-000000000001';
const questionIds = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'] as const;
const at = '2026-01-01T00:00:00.000Z';

function question(index: 0 | 1) {
  return {
    id: questionIds[index],
    number: index + 1,
    text: `Question ${index + 1}?`,
    why: 'because',
    kind: 'single' as const,
    options: [{ id: 'a', label: 'A', recommended: true }],
    assumptionIfSkipped: 'A',
    status: 'open' as const,
    answer: null,
  };
}

type Body = Pick<JobEvent, 'type' | 'data'>;
const started: Body = { type: 'questioning_started', data: { request: 'A tracker' } };
const ledger: Body = { type: 'ledger_updated', data: { ledger: [], readiness: 40 } };
const blueprint: Body = { type: 'blueprint_updated', data: { blueprint: emptyBlueprint(), readiness: 40 } };
const asked = (index: 0 | 1): Body => ({ type: 'question_asked', data: { question: question(index) } });
const answered = (index: 0 | 1): Body => ({
  type: 'answer_received',
  data: { questionId: questionIds[index], optionIds: ['a'], text: null },
});
const failed: Body = { type: 'job_failed', data: { message: 'model down', retryable: true } };
const doneFailed: Body = { type: 'done', data: { status: 'failed' } };
const retried = (phase: 'questioning' | 'generation'): Body => ({ type: 'job_retried', data: { phase } });
const complete: Body = {
  type: 'questioning_complete',
  data: { ledger: [], questionCount: 0, reason: 'enough_information' },
};
const generationStarted: Body = { type: 'generation_started', data: {} };
const versionCreated: Body = {
  type: 'version_created',
  data: { versionId: '00000000-0000-4000-8000-0000000000b1', number: 1 },
};
const doneComplete: Body = { type: 'done', data: { status: 'complete' } };

function log(...bodies: Body[]): JobEvent[] {
  return bodies.map((body, index) => ({ seq: index + 1, at, ...body }) as JobEvent);
}

function snapshot(events: JobEvent[], overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  const questions = events.flatMap((event) =>
    event.type === 'question_asked'
      ? [{ id: event.data.question.id, number: event.data.question.number, status: 'open' }]
      : [],
  );
  return { jobId, status: 'awaiting_answer', events, questions, ...overrides };
}

function stream(events: JobEvent[], resumeFrom = 0, id = 'client1'): SubscriptionRecord {
  return {
    id,
    clientId: id,
    jobId,
    resumeFrom,
    events,
    receivedAt: events.map(() => 0),
    connectionStates: [],
    errors: [],
    stoppedEarly: false,
  };
}

function retryMutation(outcome: string): MutationRecord {
  return {
    clientId: 'client1',
    procedure: 'retry',
    jobId,
    questionId: null,
    outcome,
    startedAt: 0,
    endedAt: 0,
  };
}

function answer(outcome: string, index: 0 | 1 = 0): MutationRecord {
  return {
    clientId: 'client1',
    procedure: 'answer',
    jobId,
    questionId: questionIds[index],
    outcome,
    startedAt: 0,
    endedAt: 0,
  };
}

// Each turn as recordTurnResult writes it; between the turns, an edit (jobs.updateBlueprint).
const goodLog = log(
  started,
  ledger,
  blueprint,
  asked(0),
  ledger,
  blueprint,
  answered(0),
  ledger,
  blueprint,
  asked(1),
);

function check(history: Partial<HistoryData>, jobs: JobSnapshot[]) {
  return checkHistory({ subscriptions: [], mutations: [], ...history }, jobs);
}

describe('history checker', () => {
  it('accepts a consistent history: full streams, resumed streams, one accepted answer', () => {
    const violations = check(
      {
        subscriptions: [stream(goodLog), stream(goodLog.slice(3), 3, 'client2')],
        mutations: [answer('ok'), answer('CONFLICT'), answer('CONFLICT')],
      },
      [snapshot(goodLog)],
    );
    expect(violations).toEqual([]);
  });

  it('finds a gap in the log', () => {
    const gapped = goodLog.filter((event) => event.seq !== 4);
    expect(check({}, [snapshot(gapped)])).toContainEqual(expect.stringMatching(/not gapless at position 4/));
  });

  it('accepts a blueprint_updated only in a turn or as an edit while a question waits', () => {
    const afterDone = log(started, failed, doneFailed, blueprint);
    expect(check({}, [snapshot(afterDone, { status: 'failed' })])).toContainEqual(
      expect.stringMatching(/blueprint_updated \(seq 4\) while final/),
    );
    const inGeneration = log(started, ledger, blueprint, complete, generationStarted, blueprint);
    expect(check({}, [snapshot(inGeneration, { status: 'generating' })])).toContainEqual(
      expect.stringMatching(/blueprint_updated \(seq 6\) while generating/),
    );
  });

  it('finds a duplicate in a client stream', () => {
    const doubled = [...goodLog.slice(0, 3), goodLog[2] as JobEvent, ...goodLog.slice(3)];
    expect(check({ subscriptions: [stream(doubled)] }, [snapshot(goodLog)])).toContainEqual(
      expect.stringMatching(/duplicate seq 3/),
    );
  });

  it('finds a skipped event and a missing tail in client streams', () => {
    const skipped = goodLog.filter((event) => event.seq !== 2);
    const short = goodLog.slice(0, 4);
    const violations = check({ subscriptions: [stream(skipped), stream(short, 0, 'client2')] }, [
      snapshot(goodLog),
    ]);
    expect(violations).toContainEqual(expect.stringMatching(/client1: expected seq 2 at position 2, got 3/));
    expect(violations).toContainEqual(expect.stringMatching(/client2: missed the tail/));
  });

  it('accepts a prefix from a client that stopped early, but not a wrong resume point', () => {
    const early = { ...stream(goodLog.slice(0, 2)), stoppedEarly: true };
    expect(check({ subscriptions: [early] }, [snapshot(goodLog)])).toEqual([]);
    expect(check({ subscriptions: [stream(goodLog.slice(2), 3)] }, [snapshot(goodLog)])).toContainEqual(
      expect.stringMatching(/expected seq 4 at position 1, got 3/),
    );
  });

  it('finds an event whose body differs from the log', () => {
    const altered = goodLog.map((event) =>
      event.seq === 2 ? ({ ...event, data: { ledger: [], readiness: 99 } } as JobEvent) : event,
    );
    expect(check({ subscriptions: [stream(altered)] }, [snapshot(goodLog)])).toContainEqual(
      expect.stringMatching(/seq 2 differs from the log/),
    );
  });

  it('finds two questions asked for one number', () => {
    const twice = log(started, ledger, asked(0), { type: 'question_asked', data: { question: question(0) } });
    expect(check({}, [snapshot(twice)])).toContainEqual(
      expect.stringMatching(/2 question_asked events for question 1/),
    );
  });

  it('finds two accepted answers for one question, and two answer_received events', () => {
    const doubleAnswer = log(started, ledger, asked(0), answered(0), answered(0));
    const violations = check({ mutations: [answer('ok'), answer('ok')] }, [
      snapshot(doubleAnswer, { status: 'questioning' }),
    ]);
    expect(violations).toContainEqual(expect.stringMatching(/2 answers accepted/));
    expect(violations).toContainEqual(expect.stringMatching(/answered\/skipped 2 times/));
  });

  it('finds an accepted answer that never reached the log', () => {
    const unanswered = log(started, ledger, asked(0));
    expect(check({ mutations: [answer('ok')] }, [snapshot(unanswered)])).toContainEqual(
      expect.stringMatching(/accepted answer has no answer_received/),
    );
  });

  it('finds a turn that never ended (stuck) and a failure without done', () => {
    const stuck = log(started, ledger, asked(0), answered(0));
    expect(check({}, [snapshot(stuck, { status: 'questioning' })])).toContainEqual(
      expect.stringMatching(/stuck while turn/),
    );
    const noDone = log(started, failed);
    expect(check({}, [snapshot(noDone, { status: 'failed' })])).toContainEqual(
      expect.stringMatching(/stuck while failing/),
    );
  });

  it('accepts a visible failure and a job_retried after it; rejects done without job_failed', () => {
    const retriedTurn = log(started, failed, doneFailed, retried('questioning'), ledger, asked(0));
    expect(check({ mutations: [retryMutation('ok')] }, [snapshot(retriedTurn)])).toEqual([]);
    const silent = log(started, doneFailed);
    expect(check({}, [snapshot(silent, { status: 'failed' })])).toContainEqual(
      expect.stringMatching(/done\(failed\) \(seq 2\) while turn/),
    );
  });

  it('follows a retried generation to its new run, and the job row must agree', () => {
    const retriedBuild = log(
      started,
      complete,
      generationStarted,
      failed,
      doneFailed,
      retried('generation'),
      generationStarted,
      versionCreated,
      doneComplete,
    );
    expect(check({}, [snapshot(retriedBuild, { status: 'complete' })])).toEqual([]);
    // The retried run must create its own version: the failed run's does not count.
    const noNewVersion = log(
      started,
      complete,
      generationStarted,
      versionCreated,
      failed,
      doneFailed,
      retried('generation'),
      doneComplete,
    );
    expect(check({}, [snapshot(noNewVersion, { status: 'complete' })])).toContainEqual(
      expect.stringMatching(/done\(complete\) \(seq 8\) while generating/),
    );
  });

  it('rejects a failed job that resumes without job_retried, and a retry of a job that had not failed', () => {
    const silentRetry = log(started, failed, doneFailed, ledger, asked(0));
    expect(check({}, [snapshot(silentRetry)])).toContainEqual(
      expect.stringMatching(/ledger_updated \(seq 4\) while final/),
    );
    const retriedActive = log(started, ledger, asked(0), retried('questioning'));
    expect(check({}, [snapshot(retriedActive, { status: 'questioning' })])).toContainEqual(
      expect.stringMatching(/job_retried \(seq 4\) while awaiting/),
    );
  });

  it('finds an accepted retry that left no job_retried in the log', () => {
    const unlogged = log(started, failed, doneFailed);
    expect(
      check({ mutations: [retryMutation('ok')] }, [snapshot(unlogged, { status: 'failed' })]),
    ).toContainEqual(expect.stringMatching(/1 retries accepted but 0 job_retried logged/));
    expect(
      check({ mutations: [retryMutation('CONFLICT')] }, [snapshot(unlogged, { status: 'failed' })]),
    ).toEqual([]);
  });

  it('finds a job row that disagrees with its log', () => {
    expect(check({}, [snapshot(goodLog, { status: 'generating' })])).toContainEqual(
      expect.stringMatching(/log says awaiting_answer but the job row is generating/),
    );
  });
});
