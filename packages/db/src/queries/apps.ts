import {
  activeJobStatuses,
  type Check,
  event,
  type JobKind,
  type JobStatus,
  type VersionStatus,
} from '@app/core/schemas';
import { sql } from 'kysely';
import { type DbOrTrx, inTransaction } from '../client.ts';
import type { AppRow, JobRow } from '../schema.ts';
import { transitionJob } from './transition.ts';
import { storedChecks, storedVersionStatus } from './versions.ts';

export interface AppSummary {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  latestVersion: { id: string; number: number; createdAt: string } | null;
  activeJob: { id: string; status: JobStatus; kind: JobKind } | null;
}

/**
 * Starts a job (a new app's `create`, or a `change`): the job row, `questioning_started`, and the
 * first `questioning_turn` commit together — the first transition of the state machine. A second
 * concurrent job for the same app is a `ConflictError` (the partial unique index on active jobs).
 */
export async function startJob(
  db: DbOrTrx,
  input: { appId: string; ownerId: string; kind: JobKind; request: string; baseVersionId: string | null },
): Promise<JobRow> {
  const { job } = await transitionJob(db, {
    start: {
      app_id: input.appId,
      owner_id: input.ownerId,
      kind: input.kind,
      status: 'questioning',
      request: input.request,
      base_version_id: input.baseVersionId,
      open_question_id: null,
      version_id: null,
      turn: 1,
    },
    write: async (trx) => {
      await trx
        .updateTable('apps')
        .set({ updated_at: sql<string>`now()` })
        .where('id', '=', input.appId)
        .execute();
    },
    events: [event('questioning_started', { request: input.request })],
    enqueue: (job) => ({ task: 'questioning_turn', payload: { jobId: job.id, turn: 1 } }),
  });
  return job;
}

export async function createAppWithJob(
  db: DbOrTrx,
  input: { ownerId: string; name: string; request: string },
): Promise<{ app: AppRow; job: JobRow }> {
  return inTransaction(db, async (trx) => {
    const app = await trx
      .insertInto('apps')
      .values({ owner_id: input.ownerId, name: input.name })
      .returningAll()
      .executeTakeFirstOrThrow();
    const job = await startJob(trx, {
      appId: app.id,
      ownerId: input.ownerId,
      kind: 'create',
      request: input.request,
      baseVersionId: null,
    });
    return { app, job };
  });
}

export async function findOwnedApp(db: DbOrTrx, appId: string, ownerId: string): Promise<AppRow | undefined> {
  return db
    .selectFrom('apps')
    .selectAll()
    .where('id', '=', appId)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
}

export async function listAppSummaries(db: DbOrTrx, ownerId: string): Promise<AppSummary[]> {
  const rows = await db
    .selectFrom('apps')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('versions')
          .select([
            'versions.id as version_id',
            'versions.number',
            'versions.created_at as version_created_at',
          ])
          .whereRef('versions.app_id', '=', 'apps.id')
          .orderBy('versions.number', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.onTrue(),
    )
    .leftJoin('jobs', (join) =>
      join.onRef('jobs.app_id', '=', 'apps.id').on('jobs.status', 'in', activeJobStatuses),
    )
    .select([
      'apps.id',
      'apps.name',
      'apps.created_at',
      'apps.updated_at',
      'latest.version_id',
      'latest.number',
      'latest.version_created_at',
      'jobs.id as job_id',
      'jobs.status as job_status',
      'jobs.kind as job_kind',
    ])
    .where('apps.owner_id', '=', ownerId)
    .orderBy('apps.updated_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    latestVersion:
      row.version_id && row.number !== null && row.version_created_at
        ? { id: row.version_id, number: row.number, createdAt: row.version_created_at.toISOString() }
        : null,
    activeJob:
      row.job_id && row.job_status && row.job_kind
        ? { id: row.job_id, status: row.job_status, kind: row.job_kind }
        : null,
  }));
}

export async function listAppJobs(db: DbOrTrx, appId: string): Promise<JobRow[]> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('app_id', '=', appId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function listAppVersions(
  db: DbOrTrx,
  appId: string,
): Promise<
  {
    id: string;
    number: number;
    request: string;
    status: VersionStatus;
    checks: Check[];
    createdAt: string;
    jobId: string | null;
  }[]
> {
  const rows = await db
    .selectFrom('versions')
    .select(['id', 'number', 'request', 'status', 'checks', 'created_at', 'job_id'])
    .where('app_id', '=', appId)
    .orderBy('number', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    request: row.request,
    status: storedVersionStatus(row.status),
    checks: storedChecks(row.checks),
    createdAt: row.created_at.toISOString(),
    jobId: row.job_id,
  }));
}
