import type { JobEvent, JobStatus, NewEvent } from '@app/core/schemas';
import { sql, type UpdateObject } from 'kysely';
import type { DbOrTrx, Trx } from '../client.ts';
import { ConflictError } from '../errors.ts';
import type { Database, JobRow } from '../schema.ts';
import { type TaskToEnqueue, taskContract } from '../tasks.ts';
import { appendEvents } from './events.ts';

/**
 * Adds a graphile-worker job with SQL, so it commits or rolls back with everything else
 * (docs/spine.md#transactional-enqueue). The payload crosses its schema on the way in as it will on
 * the way out; attempts and job key come from the task's contract.
 */
export async function enqueueTask(trx: Trx, task: TaskToEnqueue): Promise<void> {
  const contract = taskContract(task.task);
  const payload = contract.payload.parse(task.payload);
  await sql`select graphile_worker.add_job(
      identifier => ${task.task},
      payload => ${JSON.stringify(payload)}::json,
      max_attempts => ${contract.maxAttempts}::int,
      job_key => ${contract.jobKey(payload)}::text,
      run_at => ${task.runAt ?? null}::timestamptz
    )`.execute(trx);
}

export interface JobGuard {
  /** The job must be in one of these statuses … */
  status: JobStatus | readonly JobStatus[];
  /** … and, when given, have exactly this open question (null: none). */
  openQuestionId?: string | null;
  /** … and, when given, belong to this user (others see a conflict only after a NOT_FOUND check). */
  ownerId?: string;
  /** … and, when given, be at this turn / generation run (stale worker payloads do nothing). */
  turn?: number;
  generationRun?: number;
}

export interface JobTransition<R> {
  jobId: string;
  guard: JobGuard;
  /** Column values or SQL expressions (e.g. ``sql`generation_run + 1` ``). */
  update: UpdateObject<Database, 'jobs'>;
  /** Extra writes that belong to the same state change (question rows, ledger facts, versions …). */
  write?: (trx: Trx, job: JobRow) => Promise<R>;
  events: readonly NewEvent[] | ((job: JobRow, written: R) => readonly NewEvent[]);
  enqueue?: TaskToEnqueue | ((job: JobRow, written: R) => TaskToEnqueue | null);
}

/**
 * The spine's one state-change function (SPEC §4.1): a conditional update of the job, the writes
 * that go with it, its events and the next worker task — all in ONE transaction. Zero rows updated
 * means the caller's view of the job is stale: `ConflictError`, and nothing is written or enqueued.
 */
export async function transitionJob<R = undefined>(
  db: DbOrTrx,
  transition: JobTransition<R>,
): Promise<{ job: JobRow; events: JobEvent[]; written: R }> {
  const run = async (trx: Trx) => {
    const { guard } = transition;
    const statuses = (Array.isArray(guard.status) ? guard.status : [guard.status]) as JobStatus[];
    let query = trx
      .updateTable('jobs')
      .set({ ...transition.update, updated_at: sql<string>`now()` })
      .where('id', '=', transition.jobId)
      .where('status', 'in', statuses);
    if (guard.openQuestionId !== undefined) {
      query =
        guard.openQuestionId === null
          ? query.where('open_question_id', 'is', null)
          : query.where('open_question_id', '=', guard.openQuestionId);
    }
    if (guard.ownerId !== undefined) query = query.where('owner_id', '=', guard.ownerId);
    if (guard.turn !== undefined) query = query.where('turn', '=', guard.turn);
    if (guard.generationRun !== undefined) query = query.where('generation_run', '=', guard.generationRun);
    const job = await query.returningAll().executeTakeFirst();
    if (!job) throw new ConflictError(`job ${transition.jobId} is no longer in the expected state`);

    const written = (transition.write ? await transition.write(trx, job) : undefined) as R;
    const newEvents =
      typeof transition.events === 'function' ? transition.events(job, written) : transition.events;
    const events = await appendEvents(trx, job.id, newEvents);
    const task =
      typeof transition.enqueue === 'function' ? transition.enqueue(job, written) : transition.enqueue;
    if (task) await enqueueTask(trx, task);
    // appendEvents bumped `last_seq` after our UPDATE … RETURNING: hand back the row as committed.
    const lastEvent = events.at(-1);
    return { job: lastEvent ? { ...job, last_seq: lastEvent.seq } : job, events, written };
  };
  // Inside a caller's transaction we use a savepoint-free direct call; otherwise our own transaction.
  if (db.isTransaction) return run(db as Trx);
  return db.transaction().execute(run);
}
