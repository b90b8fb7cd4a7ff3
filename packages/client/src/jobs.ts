import { isFinalStatus, type JobEvent, type Question } from '@app/core/schemas';
import type { BuilderClient, RouterOutputs } from './client.ts';

export type Job = RouterOutputs['jobs']['get'];

/** The job's open question, if one waits for an answer. */
export function openQuestion(job: Job): Question | undefined {
  return job.status === 'awaiting_answer'
    ? job.questions.find((question) => question.status === 'open')
    : undefined;
}

export function isFinished(job: Job): boolean {
  return isFinalStatus(job.status);
}

/**
 * Answers the open question the way a person in a hurry would: with its recommended option(s), or,
 * when it recommends nothing (a free-text question), by skipping it so its stated default holds.
 * Returns the job as the mutation left it (unchanged when no question is open).
 */
export async function answerRecommended(client: BuilderClient, job: Job): Promise<Job> {
  const question = openQuestion(job);
  if (!question) return job;
  const recommended = question.options.filter((option) => option.recommended).map((option) => option.id);
  const result =
    question.kind !== 'text' && recommended.length > 0
      ? await client.jobs.answer.mutate({ jobId: job.id, questionId: question.id, optionIds: recommended })
      : await client.jobs.skipQuestion.mutate({ jobId: job.id, questionId: question.id });
  return result.job;
}

/** Events after which `jobs.get` answers differently (status, questions, ledger, blueprint, version). */
const jobChangingEvents = new Set<JobEvent['type']>([
  'question_asked',
  'answer_received',
  'question_skipped',
  'ledger_updated',
  'blueprint_updated',
  'questioning_complete',
  'generation_started',
  'version_created',
  'preview_ready',
  'job_failed',
  'job_retried',
  'job_cancelled',
  'done',
]);

export interface WaitForOptions {
  signal?: AbortSignal;
  /** Reject after this long (default: wait as long as the signal allows). */
  timeoutMs?: number;
  /** Every event after the job as first read, in order (a checklist, a log). */
  onEvent?: (event: JobEvent) => void;
  /**
   * Each time the job has been read again (after an event that changes it). Awaited before the
   * predicate is asked, so it may act on the job, e.g. answer its question.
   */
  onJob?: (job: Job) => Promise<void> | void;
}

export interface JobMoment {
  job: Job;
  /** The event that led to this reading; null for the first read. */
  event: JobEvent | null;
}

export class WaitForTimeoutError extends Error {
  override readonly name = 'WaitForTimeoutError';
}

/**
 * Resolves with the job once `predicate` holds for it, reading it first and then following
 * `jobs.events`. The job is read BEFORE subscribing and the stream starts after that reading's
 * `lastSeq`, so nothing that happens in between is missed and nothing earlier is replayed as if new.
 * `job` in the predicate is as of the last job-changing event (a `file_written` does not re-read it).
 * Rejects when the signal aborts, the timeout passes, or the stream fails for good (e.g. the token
 * was revoked).
 */
export function waitFor(
  client: BuilderClient,
  jobId: string,
  predicate: (moment: JobMoment) => boolean,
  options: WaitForOptions = {},
): Promise<Job> {
  return new Promise<Job>((resolve, reject) => {
    let settled = false;
    let unsubscribe = () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (outcome: { job: Job } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if ('job' in outcome) resolve(outcome.job);
      else reject(outcome.error);
    };
    const onAbort = () => finish({ error: options.signal?.reason ?? new Error('aborted') });
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(
        () =>
          finish({ error: new WaitForTimeoutError(`Job ${jobId}: timed out after ${options.timeoutMs} ms`) }),
        options.timeoutMs,
      );
    }

    // Events arrive faster than the job can be re-read: readings are serialised, and one reading
    // after a burst covers every event of it.
    let current: JobMoment | null = null;
    let rereadNeeded = false;
    let reading: Promise<void> | null = null;
    const consider = async (moment: JobMoment) => {
      current = moment;
      await options.onJob?.(moment.job);
      if (!settled && predicate(moment)) finish({ job: moment.job });
    };
    const reread = (event: JobEvent) => {
      rereadNeeded = true;
      if (reading) return;
      reading = (async () => {
        while (rereadNeeded && !settled) {
          rereadNeeded = false;
          await consider({ job: await client.jobs.get.query({ jobId }), event });
        }
      })()
        .catch((error: unknown) => finish({ error }))
        .finally(() => {
          reading = null;
        });
    };

    void (async () => {
      const job = await client.jobs.get.query({ jobId });
      await consider({ job, event: null });
      if (settled) return;
      const subscription = client.jobs.events.subscribe(
        { jobId, lastEventId: job.lastSeq },
        {
          onData: (tracked) => {
            if (settled) return;
            const event = tracked.data as JobEvent;
            options.onEvent?.(event);
            if (jobChangingEvents.has(event.type)) reread(event);
            else if (current && predicate({ job: current.job, event })) finish({ job: current.job });
          },
          onError: (error) => finish({ error }),
        },
      );
      unsubscribe = () => subscription.unsubscribe();
      if (settled) unsubscribe();
    })().catch((error: unknown) => finish({ error }));
  });
}

export interface RunToCompletionOptions extends Omit<WaitForOptions, 'onJob'> {
  /** How each open question is answered (default: `answerRecommended`). */
  answer?: (client: BuilderClient, job: Job) => Promise<Job>;
}

/**
 * Follows a job to its final status (`complete`, `failed` or `cancelled`), answering each question
 * as it opens. One subscription for the whole run; each question is answered once, even though
 * several readings may show it open before the answer's commit moves the job on.
 */
export async function runToCompletion(
  client: BuilderClient,
  jobId: string,
  options: RunToCompletionOptions = {},
): Promise<Job> {
  const answer = options.answer ?? answerRecommended;
  const answered = new Set<string>();
  return waitFor(client, jobId, ({ job }) => isFinished(job), {
    ...options,
    onJob: async (job) => {
      const question = openQuestion(job);
      if (!question || answered.has(question.id)) return;
      answered.add(question.id);
      await answer(client, job);
    },
  });
}
