import type { JobEvent } from '@app/core';
import { Blueprint } from '@app/core/schemas';
import {
  answerQuestion,
  buildNow,
  cancelJob,
  type JobRow,
  loadJobView,
  requireJobRole,
  retryJob,
  skipQuestion,
  updateBlueprint,
} from '@app/db';
import { TRPCError, tracked } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context.ts';
import { toTRPCError } from '../errors.ts';
import { streamJobEvents } from '../realtime/stream-job-events.ts';
import { protectedProcedure, router } from '../trpc.ts';
import { AnswerText, Id, OptionIds } from './inputs.ts';

/** Mutations answer with the job as it is right after their commit (and log what they appended). */
async function jobResult(ctx: Context, result: { job: JobRow; events: JobEvent[] }) {
  for (const item of result.events)
    ctx.log('info', 'event', { jobId: result.job.id, seq: item.seq, type: item.type });
  return { job: await loadJobView(ctx.db, result.job) };
}

const JobInput = z.object({ jobId: Id });

export const jobsRouter = router({
  get: protectedProcedure.input(JobInput).query(async ({ ctx, input }) => {
    // A job is the builder conversation: viewers of the workspace never see it.
    const { job } = await requireJobRole(ctx.db, {
      userId: ctx.user.id,
      jobId: input.jobId,
      action: 'build',
    });
    return loadJobView(ctx.db, job);
  }),

  answer: protectedProcedure
    .input(
      z.object({
        jobId: Id,
        questionId: Id,
        optionIds: OptionIds.optional(),
        text: AnswerText.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      jobResult(
        ctx,
        await answerQuestion(ctx.db, {
          jobId: input.jobId,
          userId: ctx.user.id,
          questionId: input.questionId,
          optionIds: input.optionIds ?? [],
          text: input.text ?? null,
        }),
      ),
    ),

  skipQuestion: protectedProcedure
    .input(z.object({ jobId: Id, questionId: Id }))
    .mutation(async ({ ctx, input }) =>
      jobResult(ctx, await skipQuestion(ctx.db, { ...input, userId: ctx.user.id })),
    ),

  /**
   * The person's edit of the blueprint while a question waits (docs/state-machine.md#transitions): the shape is checked by
   * the schema here, its meaning (names, references, empty entities) by the command, which also
   * refuses a job that moved on (CONFLICT) — both before anything is written.
   */
  updateBlueprint: protectedProcedure
    .input(z.object({ jobId: Id, blueprint: Blueprint }))
    .mutation(async ({ ctx, input }) =>
      jobResult(ctx, await updateBlueprint(ctx.db, { ...input, userId: ctx.user.id })),
    ),

  build: protectedProcedure
    .input(JobInput)
    .mutation(async ({ ctx, input }) =>
      jobResult(ctx, await buildNow(ctx.db, { ...input, userId: ctx.user.id })),
    ),

  cancel: protectedProcedure
    .input(JobInput)
    .mutation(async ({ ctx, input }) =>
      jobResult(ctx, await cancelJob(ctx.db, { ...input, userId: ctx.user.id })),
    ),

  retry: protectedProcedure
    .input(JobInput)
    .mutation(async ({ ctx, input }) =>
      jobResult(ctx, await retryJob(ctx.db, { ...input, userId: ctx.user.id })),
    ),

  /**
   * The job's event log, then live events. Each item is `tracked(seq)`: the client's
   * httpSubscriptionLink resends the last seq on reconnect (Last-Event-ID), so a dropped stream or
   * a restarted server resumes exactly where it stopped.
   */
  events: protectedProcedure
    .input(z.object({ jobId: Id, lastEventId: z.coerce.number().int().nonnegative().nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      // Mapped here: a subscription's generator runs after the error-mapping middleware returned,
      // so a domain error thrown in it would reach the client as INTERNAL_SERVER_ERROR.
      const { job } = await requireJobRole(ctx.db, {
        userId: ctx.user.id,
        jobId: input.jobId,
        action: 'build',
      }).catch((error: unknown) => {
        throw toTRPCError(error);
      });
      // The stream lives only as long as its session or token: sign-out, expiry or revocation
      // aborts it like a disconnect (streamJobEvents unsubscribes), and the client is told so.
      const session = ctx.sessionRevocations.follow(ctx.credential, signal ?? new AbortController().signal);
      // …and as long as its reader may read it: removed from the workspace or made a viewer, the
      // stream (which carries every file written) ends within one check interval.
      const access = ctx.streamAccess.watch({
        userId: ctx.user.id,
        jobId: job.id,
        action: 'build',
        signal: session.signal,
      });
      try {
        const events = streamJobEvents({
          db: ctx.db,
          hub: ctx.hub,
          jobId: job.id,
          lastEventId: input.lastEventId ?? 0,
          signal: access.signal,
          onLiveEvent: (event) => ctx.metrics.observeDelivery(Date.now() - Date.parse(event.at)),
        });
        for await (const event of events) {
          ctx.metrics.eventsDelivered += 1;
          yield tracked(String(event.seq), event);
        }
        if (access.lost()) throw toTRPCError(access.lost());
        if (session.ended)
          throw new TRPCError({
            code: 'UNAUTHORIZED',
            message: ctx.credential?.kind === 'accessToken' ? 'Token revoked' : 'Signed out',
          });
      } finally {
        access.dispose();
        session.dispose();
      }
    }),
});
