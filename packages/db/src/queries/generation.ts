import {
  type Blueprint,
  type Check,
  event,
  type Fact,
  type JobEvent,
  type NewEvent,
  type PlanStep,
} from '@app/core/schemas';
import type { DbOrTrx } from '../client.ts';
import type { VersionRow } from '../schema.ts';
import { addJobUsage } from './jobs.ts';
import { transitionJob } from './transition.ts';
import { type AppFile, insertVersion } from './versions.ts';

export interface GenerationRunRef {
  jobId: string;
  run: number;
}

/**
 * Appends progress events of a generation run — only while the job is still `generating` at this
 * run. After a cancel (or a newer run) this throws `ConflictError`, which stops the generator.
 */
export async function appendRunEvents(
  db: DbOrTrx,
  ref: GenerationRunRef,
  events: readonly NewEvent[],
): Promise<JobEvent[]> {
  const result = await transitionJob(db, {
    jobId: ref.jobId,
    guard: { status: 'generating', generationRun: ref.run },
    update: {},
    write: (trx) =>
      addJobUsage(
        trx,
        ref.jobId,
        events.flatMap((item) => (item.type === 'usage' ? [item.data] : [])),
      ),
    events,
  });
  return result.events;
}

/**
 * The end of a successful run, in one transaction: the next version (unique per job + run, so a
 * rerun after a crash cannot add a second), the job `complete` pointing at it, and
 * `version_created` + `preview_ready` + `done`.
 */
export async function completeGeneration(
  db: DbOrTrx,
  input: GenerationRunRef & {
    appId: string;
    request: string;
    files: AppFile[];
    ledger: Fact[];
    /** The design the version was built from (the job's blueprint). */
    blueprint: Blueprint | null;
    plan: PlanStep[];
    /** The acceptance checks of the last verification; a failed one stores the version as `checks_failed`. */
    checks: Check[];
    previewUrlFor: (versionId: string) => string;
  },
): Promise<{ version: VersionRow; events: JobEvent[] }> {
  const result = await transitionJob(db, {
    jobId: input.jobId,
    guard: { status: 'generating', generationRun: input.run },
    update: { status: 'complete' },
    write: async (trx) => {
      const version = await insertVersion(trx, {
        appId: input.appId,
        request: input.request,
        files: input.files,
        ledger: input.ledger,
        blueprint: input.blueprint,
        plan: input.plan,
        checks: input.checks,
        jobId: input.jobId,
        generationRun: input.run,
      });
      await trx.updateTable('jobs').set({ version_id: version.id }).where('id', '=', input.jobId).execute();
      return version;
    },
    events: (_job, version) => [
      event('version_created', { versionId: version.id, number: version.number }),
      event('preview_ready', { versionId: version.id, url: input.previewUrlFor(version.id) }),
      event('done', { status: 'complete' }),
    ],
  });
  return { version: result.written, events: result.events };
}
