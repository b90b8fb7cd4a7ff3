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
import { InvalidInputError } from '../errors.ts';
import type { AppRow, JobRow, WorkspaceRole } from '../schema.ts';
import { requireWorkspaceRole, roleAllows, rolesAllowedTo } from './access.ts';
import type { PublishedVersion } from './publishing.ts';
import { transitionJob } from './transition.ts';
import { storedChecks, storedVersionStatus } from './versions.ts';
import { findPersonalWorkspaceId } from './workspaces.ts';

export interface AppSummary {
  id: string;
  name: string;
  workspaceId: string;
  /** The person's role in the app's workspace (what the UI may offer). */
  role: WorkspaceRole;
  createdAt: string;
  updatedAt: string;
  latestVersion: { id: string; number: number; status: VersionStatus; createdAt: string } | null;
  activeJob: { id: string; status: JobStatus; kind: JobKind } | null;
  /** What the app's stable URL serves (queries/publishing.ts); the server adds its URL. */
  published: PublishedVersion | null;
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

/**
 * `apps.create`: the app in a workspace where the person may build (default: their personal one)
 * and its first `create` job, in one transaction.
 */
export async function createAppWithJob(
  db: DbOrTrx,
  input: { userId: string; workspaceId?: string | null; name: string; request: string },
): Promise<{ app: AppRow; job: JobRow }> {
  return inTransaction(db, async (trx) => {
    const workspaceId = input.workspaceId ?? (await findPersonalWorkspaceId(trx, input.userId));
    await requireWorkspaceRole(trx, { userId: input.userId, workspaceId, action: 'build' });
    const app = await trx
      .insertInto('apps')
      .values({ owner_id: input.userId, workspace_id: workspaceId, name: input.name })
      .returningAll()
      .executeTakeFirstOrThrow();
    const job = await startJob(trx, {
      appId: app.id,
      ownerId: input.userId,
      kind: 'create',
      request: input.request,
      baseVersionId: null,
    });
    return { app, job };
  });
}

export const appsPageSize = 50;

/** Keyset position in the apps list: the last row's `updated_at` (to the microsecond) and id. */
interface AppsCursor {
  updatedAt: string;
  id: string;
}

function encodeCursor(cursor: AppsCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const cursorPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): AppsCursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<AppsCursor>;
    if (
      typeof parsed.updatedAt === 'string' &&
      cursorPattern.test(parsed.updatedAt) &&
      typeof parsed.id === 'string' &&
      uuidPattern.test(parsed.id)
    ) {
      return { updatedAt: parsed.updatedAt, id: parsed.id };
    }
  } catch {
    // fall through: any undecodable cursor is the same bad input
  }
  throw new InvalidInputError('cursor', 'not a cursor this list returned');
}

/**
 * `apps.list`: the apps of the workspaces the person is in (or of one, `workspaceId`), most
 * recently updated first, a page at a time. Editors and owners see every app; viewers only use
 * published apps, so they list only those, without the builder's version and job (they may not
 * open them). A workspace the person is not in is NOT_FOUND.
 */
export async function listAppSummaries(
  db: DbOrTrx,
  input: { userId: string; workspaceId?: string | null; cursor?: string | null; limit?: number },
): Promise<{ apps: AppSummary[]; nextCursor: string | null }> {
  if (input.workspaceId) {
    await requireWorkspaceRole(db, { userId: input.userId, workspaceId: input.workspaceId, action: 'use' });
  }
  const limit = input.limit ?? appsPageSize;
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  let query = db
    .selectFrom('apps')
    .innerJoin('workspace_members as member', (join) =>
      join.onRef('member.workspace_id', '=', 'apps.workspace_id').on('member.user_id', '=', input.userId),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('versions')
          .select([
            'versions.id as version_id',
            'versions.number',
            'versions.status as version_status',
            'versions.created_at as version_created_at',
          ])
          .whereRef('versions.app_id', '=', 'apps.id')
          .orderBy('versions.number', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.onTrue(),
    )
    .leftJoin('versions as published', 'published.id', 'apps.published_version_id')
    .leftJoin('jobs', (join) =>
      join.onRef('jobs.app_id', '=', 'apps.id').on('jobs.status', 'in', activeJobStatuses),
    )
    .select([
      'apps.id',
      'apps.name',
      'apps.workspace_id',
      'apps.created_at',
      'apps.updated_at',
      sql<string>`to_char(apps.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
        'updated_key',
      ),
      'member.role',
      'latest.version_id',
      'latest.number',
      'latest.version_status',
      'latest.version_created_at',
      'jobs.id as job_id',
      'jobs.status as job_status',
      'jobs.kind as job_kind',
      'apps.published_at',
      'published.id as published_version_id',
      'published.number as published_number',
    ])
    .where((eb) =>
      eb.or([
        eb('member.role', 'in', rolesAllowedTo('build')),
        eb('apps.published_version_id', 'is not', null),
      ]),
    )
    .orderBy('apps.updated_at', 'desc')
    .orderBy('apps.id', 'desc')
    .limit(limit + 1);
  if (input.workspaceId) query = query.where('apps.workspace_id', '=', input.workspaceId);
  if (after) {
    query = query.where(
      sql<boolean>`(apps.updated_at, apps.id) < (${after.updatedAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ updatedAt: last.updated_key, id: last.id }) : null;
  return {
    apps: page.map((row) => {
      const builds = roleAllows(row.role, 'build');
      return {
        id: row.id,
        name: row.name,
        workspaceId: row.workspace_id,
        role: row.role,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        latestVersion:
          builds && row.version_id && row.number !== null && row.version_created_at
            ? {
                id: row.version_id,
                number: row.number,
                status: storedVersionStatus(row.version_status ?? 'ready'),
                createdAt: row.version_created_at.toISOString(),
              }
            : null,
        activeJob:
          builds && row.job_id && row.job_status && row.job_kind
            ? { id: row.job_id, status: row.job_status, kind: row.job_kind }
            : null,
        published:
          row.published_version_id && row.published_number !== null && row.published_at
            ? {
                versionId: row.published_version_id,
                number: row.published_number,
                publishedAt: row.published_at.toISOString(),
              }
            : null,
      };
    }),
    nextCursor,
  };
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
