import type { JobEvent } from '@app/core';
import { type DbOrTrx, listEvents } from '@app/db';

/**
 * Lets subscriptions that want the same slice of the same job's log share one query. When a job
 * is watched by many streams (tabs, people), one NOTIFY wakes all of them at once with the same
 * last sent seq; without this each would run its own identical `listEvents` — N queries per event,
 * which queue on the pool and turn a 3 ms delivery into seconds at a thousand subscribers.
 *
 * Sharing must never hand a stream a read that started before it was woken: that snapshot may
 * predate the commit it was woken for, and the wake-up would be spent without the row. So every
 * read gets an increasing number, a stream takes a `mark()` when it is woken, and it only joins an
 * in-flight read numbered at or after its mark (a read started after the NOTIFY arrived, so after
 * the COMMIT, sees the rows).
 */
export class SharedLogReads {
  private readsStarted = 0;
  private readonly inFlight = new Map<string, { number: number; rows: Promise<JobEvent[]> }>();

  constructor(private readonly db: DbOrTrx) {}

  /** Any read that starts after this call has a number ≥ the returned mark. */
  mark(): number {
    return this.readsStarted;
  }

  /** `listEvents(jobId, afterSeq, limit)`, shared with an identical read started at or after `mark`. */
  read(jobId: string, afterSeq: number, limit: number, mark: number): Promise<JobEvent[]> {
    const key = `${jobId}:${afterSeq}:${limit}`;
    const current = this.inFlight.get(key);
    if (current && current.number >= mark) return current.rows;
    const number = this.readsStarted++;
    const rows = listEvents(this.db, jobId, afterSeq, limit).finally(() => {
      if (this.inFlight.get(key)?.number === number) this.inFlight.delete(key);
    });
    this.inFlight.set(key, { number, rows });
    return rows;
  }
}
