import { sql } from 'kysely';
import type { DbOrTrx } from '../client.ts';

export interface SystemStats {
  jobsByStatus: Record<string, number>;
  /** Turns queued so far (each job's `turn` counter summed). */
  turns: number;
  /** Generation runs started so far. */
  generations: number;
  /** graphile-worker jobs ready to run and not locked. */
  queueDepth: number;
  /** Worker processes whose heartbeat is fresher than `liveWithinMs`. */
  liveWorkers: number;
  /** Live workers without a browser to verify apps with: every build they take fails. */
  liveWorkersWithoutBrowser: number;
}

/** Aggregates for /metrics and /healthz: small tables and indexed filters only, cheap per scrape. */
export async function readSystemStats(db: DbOrTrx, liveWithinMs = 30_000): Promise<SystemStats> {
  const [statuses, counters, queue, workers] = await Promise.all([
    db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('jobs')
      .select([
        (eb) => eb.fn.coalesce(eb.fn.sum<number>('turn'), sql<number>`0`).as('turns'),
        (eb) => eb.fn.coalesce(eb.fn.sum<number>('generation_run'), sql<number>`0`).as('generations'),
      ])
      .executeTakeFirstOrThrow(),
    sql<{ count: number }>`select count(*)::int as count from graphile_worker.jobs
      where locked_at is null and run_at <= now() and attempts < max_attempts`.execute(db),
    db
      .selectFrom('worker_heartbeats')
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        sql<number>`count(*) filter (where verifier_browser is null)`.as('withoutBrowser'),
      ])
      .where('last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${liveWithinMs / 1000})`)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    jobsByStatus: Object.fromEntries(statuses.map((row) => [row.status, Number(row.count)])),
    turns: Number(counters.turns),
    generations: Number(counters.generations),
    queueDepth: queue.rows[0]?.count ?? 0,
    liveWorkers: Number(workers.count),
    liveWorkersWithoutBrowser: Number(workers.withoutBrowser),
  };
}
