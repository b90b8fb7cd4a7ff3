import { type EventType, type JobEvent, type NewEvent, parseEventData } from '@app/core/schemas';
import { sql } from 'kysely';
import { type DbOrTrx, inTransaction } from '../client.ts';

/** The one NOTIFY channel. Its payload is `job_id:seq` only — bodies are always read from the table. */
export const jobEventsChannel = 'job_events';

export function formatNotification(jobId: string, seq: number): string {
  return `${jobId}:${seq}`;
}

export function parseNotification(payload: string): { jobId: string; seq: number } | null {
  const separator = payload.lastIndexOf(':');
  if (separator <= 0) return null;
  const seq = Number(payload.slice(separator + 1));
  if (!Number.isInteger(seq) || seq < 1) return null;
  return { jobId: payload.slice(0, separator), seq };
}

/**
 * Appends events to a job's log. `seq` is taken by bumping `jobs.last_seq`, which row-locks the job
 * until commit: concurrent appenders queue on that lock, so numbers are gapless and in commit order
 * (a global sequence would let a reader skip rows that commit out of order). The NOTIFY is sent in
 * the same transaction, so Postgres delivers it only once the rows are visible.
 */
export async function appendEvents(
  db: DbOrTrx,
  jobId: string,
  events: readonly NewEvent[],
): Promise<JobEvent[]> {
  if (events.length === 0) return [];
  return inTransaction(db, async (trx) => {
    const bumped = await trx
      .updateTable('jobs')
      .set((eb) => ({ last_seq: eb('last_seq', '+', events.length) }))
      .where('id', '=', jobId)
      .returning('last_seq')
      .executeTakeFirst();
    if (!bumped) throw new Error(`appendEvents: job ${jobId} does not exist`);
    const firstSeq = bumped.last_seq - events.length + 1;
    const rows = await trx
      .insertInto('job_events')
      .values(
        events.map((event, index) => ({
          job_id: jobId,
          seq: firstSeq + index,
          type: event.type,
          data: JSON.stringify(event.data),
        })),
      )
      .returning(['seq', 'type', 'data', 'at'])
      .execute();
    await sql`select pg_notify(${jobEventsChannel}, ${formatNotification(jobId, bumped.last_seq)})`.execute(
      trx,
    );
    return rows.map(toJobEvent);
  });
}

/** The log after `afterSeq`, in order. */
export async function listEvents(
  db: DbOrTrx,
  jobId: string,
  afterSeq = 0,
  limit = 1000,
): Promise<JobEvent[]> {
  const rows = await db
    .selectFrom('job_events')
    .select(['seq', 'type', 'data', 'at'])
    .where('job_id', '=', jobId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toJobEvent);
}

function toJobEvent(row: { seq: number; type: string; data: unknown; at: Date }): JobEvent {
  const parsed = parseEventData(row.type as EventType, row.data);
  return { seq: row.seq, at: row.at.toISOString(), ...parsed } as JobEvent;
}
