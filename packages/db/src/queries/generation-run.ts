import type { DbOrTrx } from '../client.ts';
import type { GenerationRunRef } from './generation.ts';

/**
 * Whether the job is still `generating` at this run — false after a cancel, a failure or a retry
 * that started a newer run (null: the job is gone). One indexed row: cheap enough to poll.
 */
export async function isGenerationRunCurrent(db: DbOrTrx, ref: GenerationRunRef): Promise<boolean | null> {
  const job = await db
    .selectFrom('jobs')
    .select(['status', 'generation_run'])
    .where('id', '=', ref.jobId)
    .executeTakeFirst();
  if (!job) return null;
  return job.status === 'generating' && job.generation_run === ref.run;
}
