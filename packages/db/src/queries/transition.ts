import type { JobEvent, JobStatus, NewEvent } from '@app/core/schemas';
import { type Insertable, sql, type UpdateObject } from 'kysely';
import type { DbOrTrx, Trx } from '../client.ts';
import { ConflictError, isUniqueViolation } from '../errors.ts';
import type { Database, JobRow, JobsTable } from '../schema.ts';
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

/** A change of an existing job: the conditional update `guard` decides, then `update`. */
interface JobChange {
  jobId: string;
  guard: JobGuard;
  /** Column values or SQL expressions (e.g. ``sql`generation_run + 1` ``). */
  update: UpdateObject<Database, 'jobs'>;
}

/** The first transition, from nothing to `questioning`: the job row itself is inserted. */
interface JobStart {
  start: Insertable<JobsTable> & { status: 'questioning' };
}

export type JobTransition<R> = (JobChange | JobStart) & {
  /** Extra writes that belong to the same state change (question rows, ledger facts, versions …). */
  write?: (trx: Trx, job: JobRow) => Promise<R>;
  events: readonly NewEvent[] | ((job: JobRow, written: R) => readonly NewEvent[]);
  enqueue?: TaskToEnqueue | ((job: JobRow, written: R) => TaskToEnqueue | null);
};

/**
 * The spine's one state-change function (docs/spine.md#one-transaction): a conditional update of the
 * job (or, for a new job, its insert), the writes that go with it, its events and the next worker
 * task — all in ONE transaction. Zero rows updated means the caller's view of the job is stale:
 * `ConflictError`, and nothing is written or enqueued.
 *
 * Every status change goes through here. The transitions (docs/state-machine.md has the table with
 * every event; `activeJobStatuses` and `statusOfPhase` in core name the groups):
 *
 * | from                          | to                          | by                                  | enqueues                 |
 * | ----------------------------- | --------------------------- | ----------------------------------- | ------------------------ |
 * | (none)                        | questioning                 | startJob (apps.create/requestChange) | questioning_turn, turn 1 |
 * | questioning                   | awaiting_answer             | recordTurnResult: a question        | —                        |
 * | questioning                   | generating                  | recordTurnResult: complete          | generate_app             |
 * | awaiting_answer               | questioning                 | answerQuestion, skipQuestion        | questioning_turn         |
 * | questioning, awaiting_answer  | questioning                 | buildNow                            | questioning_turn         |
 * | awaiting_answer               | awaiting_answer             | updateBlueprint                     | —                        |
 * | generating                    | generating                  | appendRunEvents (progress only)     | —                        |
 * | generating                    | complete                    | completeGeneration                  | —                        |
 * | questioning, generating       | failed                      | failJob (a task gave up)            | —                        |
 * | questioning, awaiting_answer, generating | cancelled        | cancelJob                           | —                        |
 * | failed                        | questioning / generating    | retryJob (`job_retried { phase }`)  | the failed phase's task  |
 *
 * `complete` and `cancelled` are final; `failed` only leaves through a retry.
 */
export async function transitionJob<R = undefined>(
  db: DbOrTrx,
  transition: JobTransition<R>,
): Promise<{ job: JobRow; events: JobEvent[]; written: R }> {
  const run = async (trx: Trx) => {
    const job =
      'start' in transition ? await insertJob(trx, transition.start) : await changeJob(trx, transition);
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

async function changeJob(trx: Trx, change: JobChange): Promise<JobRow> {
  const { guard } = change;
  const statuses = (Array.isArray(guard.status) ? guard.status : [guard.status]) as JobStatus[];
  let query = trx
    .updateTable('jobs')
    .set({ ...change.update, updated_at: sql<string>`now()` })
    .where('id', '=', change.jobId)
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
  if (!job) throw new ConflictError(`job ${change.jobId} is no longer in the expected state`);
  return job;
}

/** The partial unique index on active jobs turns a second active job for one app into a conflict. */
async function insertJob(trx: Trx, values: JobStart['start']): Promise<JobRow> {
  try {
    return await trx.insertInto('jobs').values(values).returningAll().executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error, 'jobs_one_active_per_app')) {
      throw new ConflictError('this app already has a job in progress');
    }
    throw error;
  }
}
