import { findOwnedJob, loadJobView } from '@app/db';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { notFound } from '../errors.ts';
import { streamJobEvents } from '../realtime/stream-job-events.ts';
import { protectedProcedure, router } from '../trpc.ts';
import { Id } from './inputs.ts';

const JobInput = z.object({ jobId: Id });

export const jobsRouter = router({
  get: protectedProcedure.input(JobInput).query(async ({ ctx, input }) => {
    const job = await findOwnedJob(ctx.db, input.jobId, ctx.user.id);
    if (!job) throw notFound('Job');
    return loadJobView(ctx.db, job);
  }),

  /**
   * The job's event log, then live events. Each item is `tracked(seq)`: the client's
   * httpSubscriptionLink resends the last seq on reconnect (Last-Event-ID), so a dropped stream or
   * a restarted server resumes exactly where it stopped.
   */
  events: protectedProcedure
    .input(z.object({ jobId: Id, lastEventId: z.coerce.number().int().nonnegative().nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const job = await findOwnedJob(ctx.db, input.jobId, ctx.user.id);
      if (!job) throw notFound('Job');
      const events = streamJobEvents({
        db: ctx.db,
        hub: ctx.hub,
        jobId: job.id,
        lastEventId: input.lastEventId ?? 0,
        signal: signal ?? new AbortController().signal,
      });
      for await (const event of events) yield tracked(String(event.seq), event);
    }),
});
