import { previewUrlFor } from '@app/core';
import { loadVersionView, publishVersion, requireVersionRole, restoreVersion } from '@app/db';
import { z } from 'zod';
import { publishedUrlFor } from '../apps-origin/published-url.ts';
import type { Context } from '../context.ts';
import { createExportLink } from '../exports/export-link.ts';
import { protectedProcedure, router } from '../trpc.ts';
import { Id } from './inputs.ts';

/**
 * The server signs preview links when it hands them out, each time with a fresh token, on the
 * app's own origin. This is the only link the SPA opens: `preview_ready` in the event log carries
 * the unsigned version URL, because the worker holds no secret to sign with.
 */
async function versionWithPreview(ctx: Context, version: Parameters<typeof loadVersionView>[1]) {
  const view = await loadVersionView(ctx.db, version);
  return { ...view, previewUrl: previewUrlFor(ctx.previewBaseUrl, view.appId, view.id, ctx.sessionSecret) };
}

export const versionsRouter = router({
  get: protectedProcedure.input(z.object({ versionId: Id })).query(async ({ ctx, input }) => {
    // Files, ledger and blueprint are the builder's work: editors and owners only.
    const { version } = await requireVersionRole(ctx.db, {
      userId: ctx.user.id,
      versionId: input.versionId,
      action: 'build',
    });
    return versionWithPreview(ctx, version);
  }),

  restore: protectedProcedure.input(z.object({ versionId: Id })).mutation(async ({ ctx, input }) => {
    const version = await restoreVersion(ctx.db, { versionId: input.versionId, userId: ctx.user.id });
    return { version: await versionWithPreview(ctx, version) };
  }),

  /**
   * The app's stable URL serves this version from now on (editors and owners). A version whose
   * acceptance checks failed may still be published — the person decides, the SPA asks first —
   * and `checksFailed` says so, for clients that should warn.
   */
  publish: protectedProcedure.input(z.object({ versionId: Id })).mutation(async ({ ctx, input }) => {
    const { appId, published, status } = await publishVersion(ctx.db, {
      userId: ctx.user.id,
      versionId: input.versionId,
    });
    return {
      url: publishedUrlFor(ctx.previewBaseUrl, appId),
      versionId: published.versionId,
      number: published.number,
      publishedAt: published.publishedAt,
      checksFailed: status === 'checks_failed',
    };
  }),

  export: protectedProcedure
    .input(z.object({ versionId: Id }))
    .mutation(({ ctx, input }) => createExportLink(ctx, input.versionId)),
});
