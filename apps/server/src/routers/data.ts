import {
  type DataSource,
  deleteRecord,
  ensurePreviewDataset,
  findDataSource,
  listRecordAudit,
  listRecords,
  RecordValidationError,
  requireAppRole,
  updateRecord,
} from '@app/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context.ts';
import { protectedProcedure, router } from '../trpc.ts';
import { Id } from './inputs.ts';

/**
 * The builder's Data tab (editors and owners: `build`): the app's live records — what members
 * entered in the published app — to view, correct, delete, export and audit. Before anything is
 * published it shows the latest version's preview data, read-only. The published app itself reads
 * and writes through the data API on its own origin (apps-origin/data-api.ts), not here.
 */
async function sourceFor(ctx: Context & { user: { id: string } }, appId: string): Promise<DataSource | null> {
  await requireAppRole(ctx.db, { userId: ctx.user.id, appId, action: 'build' });
  const source = await findDataSource(ctx.db, appId);
  if (source?.kind === 'preview')
    await ensurePreviewDataset(ctx.db, {
      appId,
      versionId: source.versionId,
      blueprint: source.blueprint,
      today: new Date().toISOString().slice(0, 10),
    });
  return source;
}

function liveOnly(source: DataSource | null): DataSource {
  if (source?.kind !== 'live')
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message:
        'Nothing is published yet: preview data is read-only here. Publish a version to keep live data.',
    });
  return source;
}

/** A write the blueprint refuses, as BAD_REQUEST naming the field ("Due Date must be a date"). */
async function asBadRequest<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof RecordValidationError)
      throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
    throw error;
  }
}

const EntityId = z.string().min(1).max(200);
const Values = z.record(z.string().max(200), z.unknown());

export const dataRouter = router({
  list: protectedProcedure
    .input(z.object({ appId: Id, entityId: EntityId.optional(), cursor: z.string().max(2000).nullish() }))
    .query(async ({ ctx, input }) => {
      const source = await sourceFor(ctx, input.appId);
      if (!source) return { source: null, entityId: null, records: [], nextCursor: null };
      const entityId = input.entityId ?? source.blueprint.entities[0]?.id ?? null;
      const summary = {
        kind: source.kind,
        versionId: source.versionId,
        versionNumber: source.versionNumber,
        readOnly: source.kind !== 'live',
        entities: source.blueprint.entities.map((entity) => ({
          id: entity.id,
          name: entity.name,
          pluralName: entity.pluralName,
          fields: entity.fields.map((field) => ({
            id: field.id,
            name: field.name,
            type: field.type,
            options: [...field.options],
            required: field.required,
            referenceEntityId: field.referenceEntityId,
          })),
        })),
      };
      if (!entityId) return { source: summary, entityId: null, records: [], nextCursor: null };
      const page = await listRecords(
        ctx.db,
        { appId: input.appId, dataset: source.dataset, blueprint: source.blueprint },
        { entityId, cursor: input.cursor ?? null, limit: 200, today: new Date().toISOString().slice(0, 10) },
      );
      return { source: summary, entityId, ...page };
    }),

  update: protectedProcedure
    .input(
      z.object({
        appId: Id,
        entityId: EntityId,
        recordId: Id,
        version: z.number().int().min(1),
        values: Values,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const source = liveOnly(await sourceFor(ctx, input.appId));
      const record = await asBadRequest(
        updateRecord(
          ctx.db,
          { appId: input.appId, dataset: source.dataset, blueprint: source.blueprint },
          {
            entityId: input.entityId,
            recordId: input.recordId,
            expectedVersion: input.version,
            values: input.values,
            actorId: ctx.user.id,
          },
        ),
      );
      return { record };
    }),

  delete: protectedProcedure
    .input(z.object({ appId: Id, entityId: EntityId, recordId: Id, version: z.number().int().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const source = liveOnly(await sourceFor(ctx, input.appId));
      await deleteRecord(
        ctx.db,
        { appId: input.appId, dataset: source.dataset, blueprint: source.blueprint },
        {
          entityId: input.entityId,
          recordId: input.recordId,
          expectedVersion: input.version,
          actorId: ctx.user.id,
        },
      );
      return { ok: true as const };
    }),

  audit: protectedProcedure.input(z.object({ appId: Id, recordId: Id })).query(async ({ ctx, input }) => {
    const source = await sourceFor(ctx, input.appId);
    if (!source) return { entries: [] };
    return {
      entries: await listRecordAudit(ctx.db, { appId: input.appId, dataset: source.dataset }, input.recordId),
    };
  }),
});
