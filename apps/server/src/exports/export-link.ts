import { exportUrlFor } from '@app/core';
import { requireVersionRole } from '@app/db';
import type { Context } from '../context.ts';

/**
 * `versions.export`: a signed, 10-minute link to the version as a standalone project, on the
 * builder's own origin (PUBLIC_URL; the request's Host when none is configured), where the
 * download handler (export-download.ts) serves it. Exporting is building: editors and owners.
 */
export async function createExportLink(
  ctx: Pick<Context, 'db' | 'sessionSecret' | 'builderOrigins' | 'req'> & { user: { id: string } },
  versionId: string,
): Promise<{ url: string }> {
  await requireVersionRole(ctx.db, { userId: ctx.user.id, versionId, action: 'build' });
  const origin = ctx.builderOrigins?.[0] ?? `http://${ctx.req.headers.host ?? 'localhost'}`;
  return { url: exportUrlFor(origin, { versionId, userId: ctx.user.id }, ctx.sessionSecret) };
}
