import { isActiveStatus, nameFromPrompt } from '@app/core/schemas';
import {
  createAppWithJob,
  findOwnedApp,
  listAppJobs,
  listAppSummaries,
  listAppVersions,
  startJob,
  toJobView,
} from '@app/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { notFound } from '../errors.ts';
import { protectedProcedure, router } from '../trpc.ts';
import { AppName, Id, Prompt } from './inputs.ts';

export const appsRouter = router({
  create: protectedProcedure
    .input(z.object({ prompt: Prompt, name: AppName.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { app, job } = await createAppWithJob(ctx.db, {
        ownerId: ctx.user.id,
        name: input.name ?? nameFromPrompt(input.prompt),
        request: input.prompt,
      });
      return { app: { id: app.id, name: app.name }, job: toJobView(job, [], []) };
    }),

  list: protectedProcedure.query(async ({ ctx }) => ({ apps: await listAppSummaries(ctx.db, ctx.user.id) })),

  get: protectedProcedure.input(z.object({ appId: Id })).query(async ({ ctx, input }) => {
    const app = await findOwnedApp(ctx.db, input.appId, ctx.user.id);
    if (!app) throw notFound('App');
    const [versions, jobs] = await Promise.all([
      listAppVersions(ctx.db, app.id),
      listAppJobs(ctx.db, app.id),
    ]);
    const active = jobs.find((job) => isActiveStatus(job.status));
    return {
      app: {
        id: app.id,
        name: app.name,
        createdAt: app.created_at.toISOString(),
        updatedAt: app.updated_at.toISOString(),
      },
      versions,
      jobs: jobs.map((job) => ({
        id: job.id,
        kind: job.kind,
        status: job.status,
        request: job.request,
        versionId: job.version_id,
        createdAt: job.created_at.toISOString(),
      })),
      activeJobId: active?.id ?? null,
    };
  }),

  requestChange: protectedProcedure
    .input(z.object({ appId: Id, prompt: Prompt }))
    .mutation(async ({ ctx, input }) => {
      const app = await findOwnedApp(ctx.db, input.appId, ctx.user.id);
      if (!app) throw notFound('App');
      const [latest] = await listAppVersions(ctx.db, app.id);
      if (!latest) {
        throw new TRPCError({ code: 'CONFLICT', message: 'This app has no version yet to change' });
      }
      const job = await startJob(ctx.db, {
        appId: app.id,
        ownerId: ctx.user.id,
        kind: 'change',
        request: input.prompt,
        baseVersionId: latest.id,
      });
      return { job: toJobView(job, [], []) };
    }),
});
