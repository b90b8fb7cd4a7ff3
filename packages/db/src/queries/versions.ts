import {
  activeJobStatuses,
  Blueprint,
  Check,
  Fact,
  PlanStep,
  VersionStatus,
  versionStatusOf,
} from '@app/core/schemas';
import { sql } from 'kysely';
import { z } from 'zod';
import { type DbOrTrx, inTransaction, type Trx } from '../client.ts';
import { ConflictError } from '../errors.ts';
import type { VersionRow } from '../schema.ts';
import { requireVersionRole } from './access.ts';

export interface AppFile {
  path: string;
  content: string;
}

export interface VersionView {
  id: string;
  appId: string;
  number: number;
  status: VersionStatus;
  request: string;
  createdAt: string;
  jobId: string | null;
  restoredFromVersionId: string | null;
  files: AppFile[];
  ledger: Fact[];
  /** What this version was built from; null for versions from before blueprints. */
  blueprint: Blueprint | null;
  plan: PlanStep[];
  /** The acceptance checks it was verified with; `status` is `checks_failed` when one failed. */
  checks: Check[];
}

/** A stored version status; anything unknown reads as `ready` (the constraint allows no other). */
export function storedVersionStatus(stored: string): VersionStatus {
  return VersionStatus.catch('ready').parse(stored);
}

/** Stored checks, or none when they cannot be read. */
export function storedChecks(stored: unknown): Check[] {
  return z
    .array(Check)
    .catch([])
    .parse(stored ?? []);
}

/** A stored blueprint, or null when there is none (or this version cannot read it). */
export function storedBlueprint(stored: unknown): Blueprint | null {
  return Blueprint.nullable()
    .catch(null)
    .parse(stored ?? null);
}

/** Next number for the app, with the app row locked so concurrent creators cannot collide. */
async function nextVersionNumber(trx: Trx, appId: string): Promise<number> {
  await trx.selectFrom('apps').select('id').where('id', '=', appId).forUpdate().executeTakeFirstOrThrow();
  const row = await trx
    .selectFrom('versions')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('app_id', '=', appId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/**
 * Stores a version with its files. A generation run passes `jobId` + `generationRun`: the unique
 * `(job_id, generation_run)` key makes a rerun after a crash fail instead of adding a second one.
 */
export async function insertVersion(
  db: DbOrTrx,
  input: {
    appId: string;
    request: string;
    files: AppFile[];
    ledger: Fact[];
    /** What the version is built from; none for versions made outside a job's design. */
    blueprint?: Blueprint | null;
    plan: PlanStep[];
    /** What verification found; the status follows from them unless given (a restore copies it). */
    checks?: Check[];
    status?: VersionStatus;
    jobId?: string;
    generationRun?: number;
    restoredFromVersionId?: string;
  },
): Promise<VersionRow> {
  return inTransaction(db, async (trx) => {
    const number = await nextVersionNumber(trx, input.appId);
    const version = await trx
      .insertInto('versions')
      .values({
        app_id: input.appId,
        number,
        job_id: input.jobId ?? null,
        generation_run: input.generationRun ?? null,
        request: input.request,
        ledger: JSON.stringify(input.ledger),
        blueprint: input.blueprint ? JSON.stringify(input.blueprint) : null,
        plan: JSON.stringify(input.plan),
        checks: JSON.stringify(input.checks ?? []),
        status: input.status ?? versionStatusOf(input.checks ?? []),
        restored_from_version_id: input.restoredFromVersionId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.files.length > 0) {
      await trx
        .insertInto('version_files')
        .values(
          input.files.map((file) => ({ version_id: version.id, path: file.path, content: file.content })),
        )
        .execute();
    }
    await trx
      .updateTable('apps')
      .set({ updated_at: sql<string>`now()` })
      .where('id', '=', input.appId)
      .execute();
    return version;
  });
}

export async function findVersion(db: DbOrTrx, versionId: string): Promise<VersionRow | undefined> {
  return db.selectFrom('versions').selectAll().where('id', '=', versionId).executeTakeFirst();
}

export async function listVersionFiles(db: DbOrTrx, versionId: string): Promise<AppFile[]> {
  return db
    .selectFrom('version_files')
    .select(['path', 'content'])
    .where('version_id', '=', versionId)
    .orderBy('path')
    .execute();
}

export async function loadVersionView(db: DbOrTrx, version: VersionRow): Promise<VersionView> {
  return {
    id: version.id,
    appId: version.app_id,
    number: version.number,
    status: storedVersionStatus(version.status),
    request: version.request,
    createdAt: version.created_at.toISOString(),
    jobId: version.job_id,
    restoredFromVersionId: version.restored_from_version_id,
    files: await listVersionFiles(db, version.id),
    ledger: z.array(Fact).catch([]).parse(version.ledger),
    blueprint: storedBlueprint(version.blueprint),
    plan: z.array(PlanStep).catch([]).parse(version.plan),
    checks: storedChecks(version.checks),
  };
}

/** Restoring never rewrites history: it adds a new version carrying the old one's files. */
export async function restoreVersion(
  db: DbOrTrx,
  input: { versionId: string; userId: string },
): Promise<VersionRow> {
  return inTransaction(db, async (trx) => {
    const { version: source } = await requireVersionRole(trx, {
      userId: input.userId,
      versionId: input.versionId,
      action: 'build',
    });
    const active = await trx
      .selectFrom('jobs')
      .select('id')
      .where('app_id', '=', source.app_id)
      .where('status', 'in', activeJobStatuses)
      .executeTakeFirst();
    if (active) throw new ConflictError('Finish or cancel the running job before restoring a version');
    return insertVersion(trx, {
      appId: source.app_id,
      request: `Restore version ${source.number}`,
      files: await listVersionFiles(trx, source.id),
      ledger: z.array(Fact).catch([]).parse(source.ledger),
      blueprint: storedBlueprint(source.blueprint),
      plan: z.array(PlanStep).catch([]).parse(source.plan),
      checks: storedChecks(source.checks),
      status: storedVersionStatus(source.status),
      restoredFromVersionId: source.id,
    });
  });
}
