import type { JobEvent } from '@app/core';
import type { HistoryData, SubscriptionRecord } from './history.ts';

/** One job as the database has it at the end of a scenario: the source of truth. */
export interface JobSnapshot {
  jobId: string;
  status: string;
  /** The whole log, ordered by seq. */
  events: JobEvent[];
  /** `questions` rows of the job. */
  questions: { id: string; number: number; status: string }[];
}

export interface CheckOptions {
  /**
   * Every job must be at rest: waiting for an answer or final. A turn or generation still running
   * at the end is "stuck" (scenarios wait for quiescence before checking). Default true.
   */
  requireSettled?: boolean;
}

/**
 * Compares what clients saw with what the database holds. Returns every violation found (empty
 * means the history is consistent):
 * - each job's log has `seq` 1..n, gapless;
 * - each subscription received an exact, duplicate-free, in-order copy of the log after its resume
 *   point — all of it, unless the client stopped early (then a prefix);
 * - one `question_asked` per question number, and one per question row;
 * - at most one accepted answer per question (mutation outcomes and `answer_received` events);
 * - every accepted retry left its `job_retried` in the log;
 * - every started turn reached a question, the end of questioning, or a visible failure
 *   (`job_failed` + `done`), every generation a `done`; nothing is left running (when settled).
 */
export function checkHistory(history: HistoryData, jobs: readonly JobSnapshot[], options: CheckOptions = {}) {
  const violations: string[] = [];
  const byId = new Map(jobs.map((job) => [job.jobId, job]));
  for (const job of jobs) {
    violations.push(...checkLog(job));
    violations.push(...checkQuestions(job));
    violations.push(...checkLifecycle(job, options.requireSettled ?? true));
  }
  for (const subscription of history.subscriptions) {
    const job = byId.get(subscription.jobId);
    if (!job) {
      violations.push(`${subscription.id}: job ${subscription.jobId} is not in the snapshot`);
      continue;
    }
    violations.push(...checkStream(subscription, job));
  }
  violations.push(...checkAnswers(history, byId));
  violations.push(...checkRetries(history, byId));
  return violations;
}

/** Throws with every violation listed (the first 30), so a failing scenario says what broke. */
export function assertHistory(
  history: HistoryData,
  jobs: readonly JobSnapshot[],
  options?: CheckOptions,
): void {
  const violations = checkHistory(history, jobs, options);
  if (violations.length === 0) return;
  const shown = violations.slice(0, 30).map((violation) => `  - ${violation}`);
  const more = violations.length > 30 ? `\n  … and ${violations.length - 30} more` : '';
  throw new Error(`history check failed (${violations.length} violations):\n${shown.join('\n')}${more}`);
}

const short = (jobId: string) => jobId.slice(0, 8);

function checkLog(job: JobSnapshot): string[] {
  for (const [index, event] of job.events.entries()) {
    if (event.seq !== index + 1) {
      return [`job ${short(job.jobId)}: log is not gapless at position ${index + 1} (seq ${event.seq})`];
    }
  }
  return [];
}

function checkStream(subscription: SubscriptionRecord, job: JobSnapshot): string[] {
  const problems: string[] = [];
  const expected = job.events.slice(subscription.resumeFrom);
  const seen = new Set<number>();
  for (const [index, event] of subscription.events.entries()) {
    if (seen.has(event.seq)) {
      problems.push(`${subscription.id}: duplicate seq ${event.seq}`);
      break;
    }
    seen.add(event.seq);
    const want = expected[index];
    if (!want) {
      problems.push(`${subscription.id}: seq ${event.seq} is beyond the log (${job.events.length} events)`);
      break;
    }
    if (event.seq !== want.seq) {
      problems.push(
        `${subscription.id}: expected seq ${want.seq} at position ${index + 1}, got ${event.seq}`,
      );
      break;
    }
    if (JSON.stringify(event) !== JSON.stringify(want)) {
      problems.push(
        `${subscription.id}: seq ${event.seq} differs from the log (${event.type} vs ${want.type})`,
      );
      break;
    }
  }
  if (problems.length === 0 && !subscription.stoppedEarly && subscription.events.length < expected.length) {
    const last = subscription.events.at(-1)?.seq ?? subscription.resumeFrom;
    problems.push(`${subscription.id}: missed the tail: received up to seq ${last} of ${job.events.length}`);
  }
  return problems;
}

function checkQuestions(job: JobSnapshot): string[] {
  const problems: string[] = [];
  const askedByNumber = new Map<number, number>();
  const askedIds = new Set<string>();
  for (const event of job.events) {
    if (event.type !== 'question_asked') continue;
    const { number, id } = event.data.question;
    askedByNumber.set(number, (askedByNumber.get(number) ?? 0) + 1);
    askedIds.add(id);
  }
  for (const [number, count] of askedByNumber) {
    if (count > 1)
      problems.push(`job ${short(job.jobId)}: ${count} question_asked events for question ${number}`);
  }
  const rowNumbers = new Set<number>();
  for (const row of job.questions) {
    if (rowNumbers.has(row.number))
      problems.push(`job ${short(job.jobId)}: two question rows numbered ${row.number}`);
    rowNumbers.add(row.number);
    if (!askedIds.has(row.id))
      problems.push(`job ${short(job.jobId)}: question ${row.number} has no question_asked`);
  }
  if (askedIds.size !== job.questions.length) {
    problems.push(
      `job ${short(job.jobId)}: ${askedIds.size} questions asked but ${job.questions.length} rows`,
    );
  }
  return problems;
}

function checkAnswers(history: HistoryData, jobs: Map<string, JobSnapshot>): string[] {
  const problems: string[] = [];
  const accepted = new Map<string, number>();
  for (const mutation of history.mutations) {
    if (mutation.procedure !== 'answer' || mutation.outcome !== 'ok' || !mutation.questionId) continue;
    const key = `${mutation.jobId}/${mutation.questionId}`;
    accepted.set(key, (accepted.get(key) ?? 0) + 1);
  }
  for (const [key, count] of accepted) {
    if (count > 1) problems.push(`question ${key}: ${count} answers accepted`);
    const [jobId, questionId] = key.split('/') as [string, string];
    const job = jobs.get(jobId);
    const received = job?.events.filter(
      (event) => event.type === 'answer_received' && event.data.questionId === questionId,
    );
    if (job && received?.length === 0)
      problems.push(`question ${key}: accepted answer has no answer_received`);
  }
  for (const job of jobs.values()) {
    const closes = new Map<string, number>();
    for (const event of job.events) {
      if (event.type !== 'answer_received' && event.type !== 'question_skipped') continue;
      closes.set(event.data.questionId, (closes.get(event.data.questionId) ?? 0) + 1);
    }
    for (const [questionId, count] of closes) {
      if (count > 1)
        problems.push(`job ${short(job.jobId)}: question ${questionId} answered/skipped ${count} times`);
    }
  }
  return problems;
}

function checkRetries(history: HistoryData, jobs: Map<string, JobSnapshot>): string[] {
  const accepted = new Map<string, number>();
  for (const mutation of history.mutations) {
    if (mutation.procedure !== 'retry' || mutation.outcome !== 'ok') continue;
    accepted.set(mutation.jobId, (accepted.get(mutation.jobId) ?? 0) + 1);
  }
  const problems: string[] = [];
  for (const [jobId, count] of accepted) {
    const job = jobs.get(jobId);
    const logged = job?.events.filter((event) => event.type === 'job_retried').length ?? 0;
    if (job && logged < count)
      problems.push(`job ${short(jobId)}: ${count} retries accepted but ${logged} job_retried logged`);
  }
  return problems;
}

type Phase = 'none' | 'turn' | 'awaiting' | 'generating' | 'failing' | 'cancelling' | 'final';

const generationProgress = new Set<string>([
  'generation_started',
  'plan_created',
  'step_started',
  'step_completed',
  'file_written',
  'validation_finished',
  'fix_started',
  'version_created',
  'preview_ready',
]);

/**
 * Replays the log through the job's state machine (docs/state-machine.md): a turn starts with the request, an
 * answer or a skip and must end in a question, the end of questioning, or `job_failed` + `done`.
 * Only a failed job moves on, and only through `job_retried`, back to the phase that failed.
 */
function checkLifecycle(job: JobSnapshot, requireSettled: boolean): string[] {
  const problems: string[] = [];
  const name = `job ${short(job.jobId)}`;
  let phase: Phase = 'none';
  let finalStatus: string | null = null;
  let versionCreated = false;
  const bad = (event: JobEvent) => problems.push(`${name}: ${event.type} (seq ${event.seq}) while ${phase}`);
  for (const event of job.events) {
    switch (event.type) {
      case 'questioning_started':
        if (phase !== 'none') bad(event);
        phase = 'turn';
        break;
      case 'question_asked':
        if (phase !== 'turn') bad(event);
        phase = 'awaiting';
        break;
      case 'answer_received':
        if (phase !== 'awaiting') bad(event);
        phase = 'turn';
        break;
      case 'question_skipped':
        if (phase !== 'awaiting' && phase !== 'turn') bad(event);
        phase = 'turn';
        break;
      case 'questioning_complete':
        if (phase !== 'turn') bad(event);
        phase = 'generating';
        versionCreated = false;
        break;
      // A turn's result, or `jobs.updateBlueprint` while a question waits (an edit: the job stays
      // awaiting its answer). Anywhere else the design changed outside the state machine.
      case 'ledger_updated':
      case 'blueprint_updated':
        if (phase !== 'turn' && phase !== 'awaiting') bad(event);
        break;
      case 'usage':
        if (phase !== 'turn' && phase !== 'generating') bad(event);
        break;
      case 'job_failed':
        if (phase !== 'turn' && phase !== 'generating') bad(event);
        phase = 'failing';
        break;
      case 'job_retried':
        if (phase !== 'final' || finalStatus !== 'failed') bad(event);
        phase = event.data.phase === 'questioning' ? 'turn' : 'generating';
        finalStatus = null;
        versionCreated = false;
        break;
      case 'job_cancelled':
        if (phase === 'final' || phase === 'none' || phase === 'failing' || phase === 'cancelling')
          bad(event);
        phase = 'cancelling';
        break;
      case 'done': {
        const status = event.data.status;
        const expected =
          status === 'failed'
            ? phase === 'failing'
            : status === 'cancelled'
              ? phase === 'cancelling'
              : phase === 'generating' && versionCreated;
        if (!expected) problems.push(`${name}: done(${status}) (seq ${event.seq}) while ${phase}`);
        phase = 'final';
        finalStatus = status;
        break;
      }
      default:
        if (!generationProgress.has(event.type) || phase !== 'generating') bad(event);
        if (event.type === 'version_created') versionCreated = true;
    }
  }
  if (requireSettled && phase !== 'awaiting' && phase !== 'final') {
    const last = job.events.at(-1);
    problems.push(`${name}: stuck while ${phase} (last event ${last?.type ?? 'none'} seq ${last?.seq ?? 0})`);
  }
  const expectedStatus =
    phase === 'awaiting'
      ? 'awaiting_answer'
      : phase === 'final'
        ? finalStatus
        : phase === 'turn'
          ? 'questioning'
          : null;
  if (requireSettled && expectedStatus && job.status !== expectedStatus) {
    problems.push(`${name}: the log says ${expectedStatus} but the job row is ${job.status}`);
  }
  return problems;
}
