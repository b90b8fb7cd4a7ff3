import type { JobEvent } from '@app/core';
import { subscribeToJob, type TestClient } from '../client.ts';
import { type LatencySummary, summarize } from '../stats.ts';

export interface BuildToPreviewResult extends LatencySummary {
  /** Jobs whose interview completed by itself (no question to press Build on): not samples. */
  skipped: number;
  /** Each build's Build → preview_ready, in order (the request cycles through three apps). */
  timingsMs: number[];
  /** Builds that ended in job_failed instead of a preview (their messages), not timed. */
  failures: string[];
  /** Acceptance checks run per build (validation_finished.checks of the last verification). */
  checksPerBuild: number[];
  checksPassed: number[];
  /** Verifications per build (1 when the compiled app passes first time). */
  verificationsPerBuild: number[];
  /** Build → generation_started and generation_started → preview_ready, per build. */
  queuedMs: LatencySummary;
  generatingMs: LatencySummary;
}

// Requests the offline interview asks about (a well-specified one builds without waiting for Build).
const requests = [
  'A tool library for our makerspace: members borrow tools and we track loans with due dates.',
  'Track job applicants for our hiring pipeline.',
  'A log of hotel guest complaints.',
];
const stepTimeoutMs = 120_000;

/**
 * `buildToVerifiedPreview` (docs/architecture.md#benchmarks), offline, as a person sees it: the
 * `jobs.build` request leaves the client → `preview_ready` is parsed from the job's event stream,
 * with every acceptance check run in between (compile, bundle, type check, sandboxed browser).
 * Each sample is a new app: create it, wait for the interview's first question, press Build.
 * The first `warmup` builds start the worker's browser and are not counted.
 */
export async function measureBuildToVerifiedPreview(
  client: TestClient,
  options: { warmup: number; samples: number },
): Promise<BuildToPreviewResult> {
  const timings: number[] = [];
  const queued: number[] = [];
  const generating: number[] = [];
  const checksPerBuild: number[] = [];
  const checksPassed: number[] = [];
  const verificationsPerBuild: number[] = [];
  let skipped = 0;
  const failures: string[] = [];
  let warmed = 0;
  const wanted = options.warmup + options.samples;
  for (let index = 0; timings.length < options.samples; index++) {
    if (index >= 3 * wanted)
      throw new Error(
        `buildToVerifiedPreview: ${index} jobs, ${skipped} never waited for Build, ${failures.length} failed: ${failures[0]}`,
      );
    const prompt = `${requests[index % requests.length]} (${index + 1})`;
    const { job } = await client.trpc.apps.create.mutate({ prompt });
    const events = watch(client, job.id);
    try {
      const first = await events.until(
        (event) => event.type === 'question_asked' || event.type === 'questioning_complete',
      );
      // The interview finished on its own: nothing to press Build on, so no sample.
      if (first.event.type === 'questioning_complete') {
        skipped += 1;
        await events.until((event) => event.type === 'done');
        continue;
      }
      const sentAt = performance.now();
      await client.trpc.jobs.build.mutate({ jobId: job.id });
      const started = await events.until((event) => event.type === 'generation_started');
      const ready = await events.until((event) => event.type === 'preview_ready');
      if (warmed < options.warmup) {
        warmed += 1;
        continue;
      }
      const verifications = events.seen.filter((event) => event.type === 'validation_finished');
      const last = verifications.at(-1);
      timings.push(ready.parsedAt - sentAt);
      queued.push(started.parsedAt - sentAt);
      generating.push(ready.parsedAt - started.parsedAt);
      verificationsPerBuild.push(verifications.length);
      if (last?.type === 'validation_finished') {
        checksPerBuild.push(last.data.checks.length);
        checksPassed.push(last.data.checks.filter((check) => check.ok).length);
      }
    } catch (error) {
      // A build that fails (a verification cut short on a loaded machine) is reported, not timed.
      if (!(error instanceof JobFailed)) throw error;
      failures.push(error.message);
    } finally {
      events.close();
    }
  }
  return {
    ...summarize(timings),
    skipped,
    timingsMs: timings.map((ms) => Math.round(ms)),
    failures,
    checksPerBuild,
    checksPassed,
    verificationsPerBuild,
    queuedMs: summarize(queued),
    generatingMs: summarize(generating),
  };
}

class JobFailed extends Error {}

/** A job's events as they are parsed; `until` waits for the first (new or already seen) match. */
function watch(client: TestClient, jobId: string) {
  const seen: JobEvent[] = [];
  const parsedAt = new Map<JobEvent, number>();
  let wake: (() => void) | null = null;
  const subscription = subscribeToJob(client, jobId, undefined, (event, at) => {
    seen.push(event);
    parsedAt.set(event, at);
    wake?.();
  });
  return {
    seen,
    async until(matches: (event: JobEvent) => boolean): Promise<{ event: JobEvent; parsedAt: number }> {
      const deadline = performance.now() + stepTimeoutMs;
      for (;;) {
        const found = seen.find(matches);
        if (found) return { event: found, parsedAt: parsedAt.get(found) ?? performance.now() };
        const failed = seen.find((event) => event.type === 'job_failed');
        if (failed?.type === 'job_failed') throw new JobFailed(`job ${jobId} failed: ${failed.data.message}`);
        if (subscription.errors.length > 0) throw subscription.errors[0];
        const remaining = deadline - performance.now();
        if (remaining <= 0) throw new Error(`job ${jobId}: no matching event within ${stepTimeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(remaining, 250));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    close: () => subscription.unsubscribe(),
  };
}
