import { isActiveStatus, nameFromPrompt } from '@app/core/schemas';
import {
  createAppWithJob,
  findPublishedVersion,
  listAppJobs,
  listAppSummaries,
  listAppVersions,
  requireAppRole,
  startJob,
  toJobView,
  unpublishApp,
} from '@app/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { publishedView } from '../apps-origin/published-url.ts';
import { protectedProcedure, router } from '../trpc.ts';
import { AppName, Id, Prompt } from './inputs.ts';

export const appsRouter = router({
  create: protectedProcedure
    .input(z.object({ prompt: Prompt, name: AppName.optional(), workspaceId: Id.optional() }))
    .mutation(async ({ ctx, input }) => {
      // Default: the person's personal workspace; elsewhere they must be an editor or owner.
      const { app, job } = await createAppWithJob(ctx.db, {
        userId: ctx.user.id,
        workspaceId: input.workspaceId ?? null,
        name: input.name ?? nameFromPrompt(input.prompt),
        request: input.prompt,
      });
      return { app: { id: app.id, name: app.name }, job: toJobView(job, [], []) };
    }),

  /** Without `workspaceId`: every workspace the person is in. `nextCursor` fetches the next page. */
  list: protectedProcedure
    .input(z.object({ workspaceId: Id.optional(), cursor: z.string().max(500).optional() }).optional())
    .query(async ({ ctx, input }) => {
      const { apps, nextCursor } = await listAppSummaries(ctx.db, {
        userId: ctx.user.id,
        workspaceId: input?.workspaceId ?? null,
        cursor: input?.cursor ?? null,
      });
      return {
        apps: apps.map((app) => ({
          ...app,
          published: publishedView(ctx.previewBaseUrl, app.id, app.published),
        })),
        nextCursor,
      };
    }),

  /** The builder's view of one app (its conversations, jobs, versions): editors and owners. */
  get: protectedProcedure.input(z.object({ appId: Id })).query(async ({ ctx, input }) => {
    const { app, role } = await requireAppRole(ctx.db, {
      userId: ctx.user.id,
      appId: input.appId,
      action: 'build',
    });
    const [versions, jobs, published] = await Promise.all([
      listAppVersions(ctx.db, app.id),
      listAppJobs(ctx.db, app.id),
      findPublishedVersion(ctx.db, app.id),
    ]);
    const active = jobs.find((job) => isActiveStatus(job.status));
    return {
      app: {
        id: app.id,
        name: app.name,
        workspaceId: app.workspace_id,
        role,
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
      published: publishedView(ctx.previewBaseUrl, app.id, published),
    };
  }),

  /** Takes the app off its stable URL (editors and owners); its data stays for the next publish. */
  unpublish: protectedProcedure.input(z.object({ appId: Id })).mutation(async ({ ctx, input }) => {
    await unpublishApp(ctx.db, { userId: ctx.user.id, appId: input.appId });
    return { ok: true as const };
  }),

  requestChange: protectedProcedure
    .input(z.object({ appId: Id, prompt: Prompt }))
    .mutation(async ({ ctx, input }) => {
      const { app } = await requireAppRole(ctx.db, {
        userId: ctx.user.id,
        appId: input.appId,
        action: 'build',
      });
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
