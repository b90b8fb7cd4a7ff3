import type { JobEvent, Question } from '@app/core';
import { subscribeToJob, type TestClient } from '../client.ts';
import { type LatencySummary, summarize } from '../stats.ts';

/** Questions answered per job: the worker's cap is 5, so answering 1–4 always yields a next question. */
const answersPerJob = 4;
const turnTimeoutMs = 10_000;

/**
 * Turn overhead (docs/architecture.md#benchmarks), as a person sees it: the `jobs.answer` request leaves the client → the
 * next `question_asked` is parsed from the job's event stream. One person at a time (turns in
 * sequence), so this is latency, not throughput.
 */
export async function measureTurnOverhead(
  client: TestClient,
  options: { warmup: number; samples: number; timeLimitMs: number },
): Promise<LatencySummary & { firstQuestion: LatencySummary }> {
  const turnTimings: number[] = [];
  const firstQuestionTimings: number[] = [];
  const needed = options.warmup + options.samples;
  const deadline = performance.now() + options.timeLimitMs;
  let jobIndex = 0;
  while (turnTimings.length < needed && performance.now() < deadline) {
    jobIndex += 1;
    const createdAt = performance.now();
    const { job } = await client.trpc.apps.create.mutate({
      prompt: `A tracker for our support tickets with priorities (${jobIndex})`,
    });
    const asked = watchQuestions(client, job.id);
    try {
      let question = await asked.next(1);
      firstQuestionTimings.push(asked.parsedAt(1) - createdAt);
      for (let round = 0; round < answersPerJob && turnTimings.length < needed; round++) {
        const sentAt = performance.now();
        const firstOption = question.options[0];
        const answered = client.trpc.jobs.answer.mutate({
          jobId: job.id,
          questionId: question.id,
          optionIds: firstOption ? [firstOption.id] : [],
          text: firstOption ? undefined : 'Something else',
        });
        const [next] = await Promise.all([asked.next(question.number + 1), answered]);
        turnTimings.push(asked.parsedAt(next.number) - sentAt);
        question = next;
      }
    } finally {
      asked.close();
    }
  }
  if (turnTimings.length < needed) {
    throw new Error(`turn overhead: only ${turnTimings.length} of ${needed} turns within the time limit`);
  }
  return {
    ...summarize(turnTimings.slice(options.warmup)),
    firstQuestion: summarize(firstQuestionTimings.slice(1)),
  };
}

/** Collects a job's `question_asked` events and lets the caller wait for question number N. */
function watchQuestions(client: TestClient, jobId: string) {
  const asked = new Map<number, { question: Question; parsedAt: number }>();
  let wake: (() => void) | null = null;
  const subscription = subscribeToJob(client, jobId, undefined, (event: JobEvent, parsedAt) => {
    if (event.type === 'job_failed') throw new Error(`job ${jobId} failed: ${event.data.message}`);
    if (event.type !== 'question_asked') return;
    asked.set(event.data.question.number, { question: event.data.question, parsedAt });
    wake?.();
  });
  return {
    async next(number: number): Promise<Question> {
      const deadline = performance.now() + turnTimeoutMs;
      for (;;) {
        const found = asked.get(number);
        if (found) return found.question;
        if (subscription.errors.length > 0) throw subscription.errors[0];
        const remaining = deadline - performance.now();
        if (remaining <= 0)
          throw new Error(`job ${jobId}: question ${number} not asked within ${turnTimeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(remaining, 250));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    },
    parsedAt: (number: number) => asked.get(number)?.parsedAt ?? Number.NaN,
    close: () => subscription.unsubscribe(),
  };
}
