import { Blueprint } from '@app/core/schemas';
import type { AppDetails, AppJobSummary } from './use-builder-data.ts';
import { useVersion } from './use-builder-data.ts';

/**
 * What a change job changes: the blueprint of the newest version another job built (the version
 * the change started from, also once this job has built its own). Null for a create job, or for a
 * version built before blueprints existed. Read through the schema, so an older server's answer
 * without a blueprint is simply none.
 */
export function useBaseBlueprint(details: AppDetails, job: AppJobSummary): Blueprint | null {
  const base =
    job.kind === 'change' ? details.versions.find((version) => version.jobId !== job.id) : undefined;
  const version = useVersion(base?.id ?? null);
  const data: unknown = version.data;
  if (!data || typeof data !== 'object' || !('blueprint' in data)) return null;
  return Blueprint.nullable().catch(null).parse(data.blueprint);
}
