import {
  addUsage,
  type Blueprint,
  type Check,
  type CompletionReason,
  type Fact,
  type JobEvent,
  type JobStatus,
  type PlanStep,
  type Problem,
  type Question,
  type Usage,
  zeroUsage,
} from '@app/core/schemas';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type StepStatus = 'pending' | 'running' | 'done';
export type PlanStepState = PlanStep & { status: StepStatus };
export type WrittenFile = { path: string; content: string };

/**
 * One verification's acceptance checks. `afterFix`: the fix attempt it re-verified (0 for the
 * build's first verification), so "after fix 1" can be said of the checks shown.
 */
export type Verification = { ok: boolean; checks: Check[]; afterFix: number };

export type GenerationState = {
  startedAt: string;
  steps: PlanStepState[];
  /** In the order they were first written; a rewrite (fix loop) replaces the content in place. */
  files: WrittenFile[];
  lastWrittenPath: string | null;
  validation: { ok: boolean; problems: Problem[] } | null;
  /**
   * The latest `validation_finished`'s checks. A `fix_started` keeps them: until the fix is
   * re-verified they are still the truth about the app (and what the fix is working on).
   */
  verification: Verification | null;
  fixAttempt: number;
};

export type JobFailure = { message: string; retryable: boolean };

/**
 * What the reducer reads of a job as `jobs.get` (and every job mutation) returns it. `lastSeq`: the
 * last seq of the log when the snapshot was read — the replay is caught up once it gets here.
 */
export type JobSnapshot = Pick<
  RouterOutputs['jobs']['get'],
  | 'id'
  | 'status'
  | 'request'
  | 'questions'
  | 'ledger'
  | 'readiness'
  | 'versionId'
  | 'error'
  | 'usage'
  | 'updatedAt'
  | 'lastSeq'
> & {
  /** The design so far; absent from servers older than blueprints, null before the first turn. */
  blueprint?: Blueprint | null;
};

/**
 * Everything the builder shows about one job. Built by folding the job's event log, in `seq`
 * order, so a page that replays the log after a refresh or a reconnect lands on exactly the state a
 * page that watched it live has.
 */
export type JobState = {
  /** Highest seq folded in; anything at or below it is a replay we already have. */
  lastSeq: number;
  status: JobStatus | null;
  request: string | null;
  questions: Question[];
  ledger: Fact[];
  readiness: number;
  /** The latest blueprint: the snapshot's, then each `blueprint_updated` (turns and edits alike). */
  blueprint: Blueprint | null;
  questioning: { reason: CompletionReason; questionCount: number } | null;
  generation: GenerationState | null;
  version: { versionId: string; number: number } | null;
  usage: Usage;
  failure: JobFailure | null;
  /** When the job reached its current status (for elapsed-time displays). */
  statusSince: string | null;
};

export const emptyJobState: JobState = {
  lastSeq: 0,
  status: null,
  request: null,
  questions: [],
  ledger: [],
  readiness: 0,
  blueprint: null,
  questioning: null,
  generation: null,
  version: null,
  usage: zeroUsage,
  failure: null,
  statusSince: null,
};

export type JobStateAction =
  | { type: 'events'; events: JobEvent[] }
  /**
   * `jobs.get` or a mutation's answer. Before any event has arrived it paints the page at once;
   * after that the log is the whole truth and a snapshot changes nothing.
   */
  | { type: 'snapshot'; job: JobSnapshot };

function withQuestion(questions: Question[], question: Question): Question[] {
  const others = questions.filter((existing) => existing.id !== question.id);
  return [...others, question].sort((a, b) => a.number - b.number);
}

function updateQuestion(questions: Question[], id: string, change: Partial<Question>): Question[] {
  return questions.map((question) => (question.id === id ? { ...question, ...change } : question));
}

function updateSteps(generation: GenerationState, index: number, status: StepStatus): GenerationState {
  return {
    ...generation,
    steps: generation.steps.map((step) => (step.index === index ? { ...step, status } : step)),
  };
}

function withFile(generation: GenerationState, file: WrittenFile): GenerationState {
  const exists = generation.files.some((existing) => existing.path === file.path);
  return {
    ...generation,
    files: exists
      ? generation.files.map((existing) => (existing.path === file.path ? file : existing))
      : [...generation.files, file],
    lastWrittenPath: file.path,
  };
}

function freshGeneration(at: string): GenerationState {
  return {
    startedAt: at,
    steps: [],
    files: [],
    lastWrittenPath: null,
    validation: null,
    verification: null,
    fixAttempt: 0,
  };
}

/** Events of a generation that the log shows before its `generation_started` still need a home. */
function ensureGeneration(state: JobState, at: string): GenerationState {
  return state.generation ?? freshGeneration(at);
}

function moveTo(state: JobState, status: JobStatus, at: string): JobState {
  return state.status === status ? state : { ...state, status, statusSince: at };
}

function applyEvent(state: JobState, event: JobEvent): JobState {
  switch (event.type) {
    case 'questioning_started':
      return { ...moveTo(state, 'questioning', event.at), request: event.data.request };
    case 'question_asked':
      return {
        ...moveTo(state, 'awaiting_answer', event.at),
        questions: withQuestion(state.questions, event.data.question),
      };
    case 'answer_received':
      return {
        ...moveTo(state, 'questioning', event.at),
        questions: updateQuestion(state.questions, event.data.questionId, {
          status: 'answered',
          answer: { optionIds: event.data.optionIds, text: event.data.text },
        }),
      };
    case 'question_skipped':
      return {
        ...moveTo(state, 'questioning', event.at),
        questions: updateQuestion(state.questions, event.data.questionId, {
          status: 'skipped',
          assumptionIfSkipped: event.data.assumption,
        }),
      };
    case 'ledger_updated':
      return { ...state, ledger: event.data.ledger, readiness: event.data.readiness };
    case 'blueprint_updated':
      return { ...state, blueprint: event.data.blueprint, readiness: event.data.readiness };
    case 'questioning_complete':
      return {
        ...moveTo(state, 'generating', event.at),
        ledger: event.data.ledger,
        questioning: { reason: event.data.reason, questionCount: event.data.questionCount },
      };
    case 'generation_started':
      // A retried generation starts over: a fresh plan, fresh files, no stale problems.
      return {
        ...moveTo(state, 'generating', event.at),
        failure: null,
        generation: freshGeneration(event.at),
      };
    case 'plan_created':
      return {
        ...state,
        generation: {
          ...ensureGeneration(state, event.at),
          steps: event.data.steps.map((step) => ({ ...step, status: 'pending' as const })),
        },
      };
    case 'step_started':
      return {
        ...state,
        generation: updateSteps(ensureGeneration(state, event.at), event.data.index, 'running'),
      };
    case 'step_completed':
      return {
        ...state,
        generation: updateSteps(ensureGeneration(state, event.at), event.data.index, 'done'),
      };
    case 'file_written':
      return { ...state, generation: withFile(ensureGeneration(state, event.at), event.data) };
    case 'validation_finished': {
      const generation = ensureGeneration(state, event.at);
      const { ok, problems, checks } = event.data;
      return {
        ...state,
        generation: {
          ...generation,
          validation: { ok, problems },
          verification: { ok, checks, afterFix: generation.fixAttempt },
        },
      };
    }
    case 'fix_started':
      return {
        ...state,
        generation: {
          ...ensureGeneration(state, event.at),
          fixAttempt: event.data.attempt,
          validation: { ok: false, problems: event.data.problems },
        },
      };
    case 'version_created':
      return { ...state, version: event.data };
    case 'preview_ready':
      // The URL in the log is unsigned (the worker signs nothing); the preview panel opens the
      // link versions.get signs, with a fresh token, for the version `version_created` named.
      return state;
    case 'usage':
      return { ...state, usage: addUsage(state.usage, event.data) };
    case 'job_failed':
      return {
        ...moveTo(state, 'failed', event.at),
        failure: { message: event.data.message, retryable: event.data.retryable },
      };
    case 'job_retried':
      // The failed phase runs again. A generation run starts from nothing: the failed run's plan,
      // files and problems belong to it (its files stay in no version), so they are dropped now,
      // not only once the new run's `generation_started` arrives.
      return event.data.phase === 'questioning'
        ? { ...moveTo(state, 'questioning', event.at), failure: null }
        : { ...moveTo(state, 'generating', event.at), failure: null, generation: freshGeneration(event.at) };
    case 'job_cancelled':
      return moveTo(state, 'cancelled', event.at);
    case 'done':
      return moveTo(state, event.data.status, event.at);
  }
}

function applySnapshot(state: JobState, job: JobSnapshot): JobState {
  if (state.lastSeq > 0) return state;
  return {
    ...state,
    status: job.status,
    request: job.request,
    questions: job.questions,
    ledger: job.ledger,
    readiness: job.readiness,
    blueprint: job.blueprint ?? null,
    usage: job.usage,
    failure: job.error ? { message: job.error.message, retryable: job.error.retryable } : null,
    statusSince: job.updatedAt,
  };
}

export function jobStateReducer(state: JobState, action: JobStateAction): JobState {
  if (action.type === 'snapshot') return applySnapshot(state, action.job);
  let next = state;
  for (const event of [...action.events].sort((a, b) => a.seq - b.seq)) {
    // A replay after a reconnect may resend what we have; the log is gapless, so seq dedupes.
    if (event.seq <= next.lastSeq) continue;
    // The first event of a fresh log replaces whatever a snapshot painted before it arrived.
    const base = next.lastSeq === 0 ? { ...emptyJobState, request: next.request } : next;
    next = { ...applyEvent(base, event), lastSeq: event.seq };
  }
  return next;
}

export function foldJobEvents(events: JobEvent[], initial: JobState = emptyJobState): JobState {
  return jobStateReducer(initial, { type: 'events', events });
}

export function openQuestion(state: JobState): Question | null {
  return state.status === 'awaiting_answer'
    ? (state.questions.find((question) => question.status === 'open') ?? null)
    : null;
}
