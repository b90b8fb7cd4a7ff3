import { event, type Fact, type Problem, generateApp as runGeneration, versionUrlFor } from '@app/core';
import {
  appendRunEvents,
  completeGeneration,
  type Db,
  failJob,
  findJob,
  findVersion,
  type GenerateAppPayload,
  listLedger,
  loadVersionView,
  storedBlueprint,
} from '@app/db';
import { watchForCancel } from './cancel-watch.ts';
import type { TaskHandler } from './context.ts';
import { logEvents } from './log-events.ts';

async function loadBaseVersion(db: Db, versionId: string | null) {
  const version = versionId ? await findVersion(db, versionId) : undefined;
  return version ? loadVersionView(db, version) : null;
}

function brokenMessage(problems: readonly Problem[]): string {
  const count = problems.length;
  const listed = problems
    .slice(0, 3)
    .map((problem) => `${problem.path}${problem.line ? `:${problem.line}` : ''} ${problem.message}`)
    .join('; ');
  return `The generated app still has ${count} problem${count === 1 ? '' : 's'} after the fix attempts: ${listed}`;
}

function unchangedMessage(message: string, base: { number: number } | null): string {
  return base ? `${message} Version ${base.number} is still the current one.` : message;
}

/** The version keeps everything known about the app: what it was built from, then this job's facts. */
function mergeLedgers(base: readonly Fact[], job: readonly Fact[]): Fact[] {
  const ids = new Set(job.map((fact) => fact.id));
  return [...base.filter((fact) => !ids.has(fact.id) && fact.kind !== 'unknown'), ...job];
}

/**
 * One generation run (docs/spine.md#idempotent-tasks): plan → files → validation → capped fixes → one version. Runs at
 * least once: progress events are appended only while the job is still `generating` at this run,
 * and the version is keyed by (job, run), so a rerun after a crash may redo the work but never
 * stores a second version. A cancel aborts the model call in flight within about a second.
 */
export const generateApp: TaskHandler<GenerateAppPayload> = async (payload, context) => {
  const { db, logger } = context;
  const job = await findJob(db, payload.jobId);
  if (job?.status !== 'generating' || job.generation_run !== payload.run) {
    logger.info('generation run is stale, nothing to do', { jobId: payload.jobId, run: payload.run });
    return;
  }
  if (!context.verification.available) {
    // Never build what cannot be verified: generated code only ever runs in the sandboxed browser.
    logger.error('no browser for verification; build failed', { jobId: job.id });
    await failJob(db, {
      jobId: job.id,
      phase: 'generation',
      generationRun: payload.run,
      message: context.verification.message,
    });
    return;
  }
  const { verifier } = context.verification;
  const ref = { jobId: job.id, run: payload.run };
  const [ledger, base] = await Promise.all([
    listLedger(db, job.id),
    loadBaseVersion(db, job.base_version_id),
  ]);
  // The job's blueprint is what gets built; the version keeps it as what it was built from.
  const blueprint = storedBlueprint(job.blueprint) ?? base?.blueprint ?? null;
  if (!blueprint) {
    await failJob(db, {
      jobId: job.id,
      phase: 'generation',
      generationRun: payload.run,
      retryable: false,
      message: 'There is no design to build: this job has no blueprint. Start a new request for the app.',
    });
    return;
  }
  const cancel = watchForCancel(db, ref);
  const signal = AbortSignal.any([context.signal, cancel.signal]);
  const started = Date.now();
  try {
    const append = async (events: Parameters<typeof appendRunEvents>[2]) =>
      logEvents(logger, job.id, await appendRunEvents(db, ref, events));
    await append([event('generation_started', {})]);
    const result = await runGeneration(
      { model: context.model, verifier },
      {
        request: job.request,
        kind: job.kind,
        ledger,
        blueprint,
        currentVersion: base && { files: base.files, blueprint: base.blueprint },
        signal,
      },
      { emit: (item) => append([item]) },
    );
    if (result.outcome !== 'built') {
      await failJob(db, {
        jobId: job.id,
        phase: 'generation',
        generationRun: payload.run,
        // Unchanged is an answer, not an accident: retrying the same request changes nothing.
        retryable: result.outcome === 'broken',
        message:
          result.outcome === 'broken'
            ? brokenMessage(result.problems)
            : unchangedMessage(result.message, base),
      });
      return;
    }
    const { version, events } = await completeGeneration(db, {
      ...ref,
      appId: job.app_id,
      request: job.request,
      files: result.files,
      ledger: mergeLedgers(base?.ledger ?? [], ledger),
      blueprint,
      plan: result.plan,
      checks: result.checks,
      previewUrlFor: (versionId) => versionUrlFor(context.preview.baseUrl, job.app_id, versionId),
    });
    logEvents(logger, job.id, events);
    logger.info('version created', {
      jobId: job.id,
      run: payload.run,
      version: version.number,
      status: version.status,
      checks: `${result.checks.filter((check) => check.ok).length}/${result.checks.length}`,
      ms: Date.now() - started,
    });
  } catch (error) {
    // Cancelled: the cancel mutation already wrote job_cancelled + done; nothing more to persist.
    if (cancel.cancelled && !context.signal.aborted) {
      logger.info('generation cancelled', { jobId: job.id, run: payload.run });
      return;
    }
    throw error;
  } finally {
    cancel.stop();
  }
};
