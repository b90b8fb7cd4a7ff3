import { emailMaxLength, workspaceNameMaxLength } from '@app/core/schemas';
import {
  acceptInvite,
  changeMemberRole,
  createInvite,
  createWorkspace,
  leaveWorkspace,
  listInvites,
  listMembers,
  listWorkspaces,
  removeMember,
  revokeInvite,
} from '@app/db';
import { z } from 'zod';
import type { Context } from '../context.ts';
import { protectedProcedure, router } from '../trpc.ts';
import { Id } from './inputs.ts';

const WorkspaceName = z
  .string()
  .trim()
  .min(1, 'Name the workspace')
  .max(workspaceNameMaxLength, `Workspace name must be at most ${workspaceNameMaxLength} characters`);

const Email = z
  .string()
  .trim()
  .max(emailMaxLength, `Email must be at most ${emailMaxLength} characters`)
  .pipe(z.email('Enter a valid email address'))
  .transform((email) => email.toLowerCase());

/** The random part of an invite link (32 bytes, base64url); anything else cannot be one. */
const InviteToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not an invite link');

/**
 * Where invite links point: the builder's public origin (PUBLIC_URL, e.g. the SPA on 5173 in
 * `pnpm dev`), else the Host the request came to — what a same-origin page used.
 */
function builderOrigin(ctx: Context): string {
  const configured = ctx.builderOrigins?.[0];
  if (configured) return configured;
  return `http://${ctx.req.headers.host ?? 'localhost'}`;
}

/** Workspaces and their members (SPEC §5, §12); who may do what is decided in @app/db's access.ts. */
export const workspacesRouter = router({
  list: protectedProcedure.query(async ({ ctx }) => listWorkspaces(ctx.db, ctx.user.id)),

  create: protectedProcedure.input(z.object({ name: WorkspaceName })).mutation(async ({ ctx, input }) => ({
    workspace: await createWorkspace(ctx.db, { userId: ctx.user.id, name: input.name }),
  })),

  members: protectedProcedure
    .input(z.object({ workspaceId: Id }))
    .query(async ({ ctx, input }) =>
      listMembers(ctx.db, { userId: ctx.user.id, workspaceId: input.workspaceId }),
    ),

  /** Owners only. The link holds the only copy of the token: it is shown once. */
  invite: protectedProcedure
    .input(z.object({ workspaceId: Id, email: Email, role: z.enum(['editor', 'viewer']) }))
    .mutation(async ({ ctx, input }) => {
      const invite = await createInvite(ctx.db, { userId: ctx.user.id, ...input });
      return {
        inviteUrl: `${builderOrigin(ctx)}/invite/${invite.token}`,
        email: invite.email,
        role: invite.role,
        expiresAt: invite.expiresAt,
      };
    }),

  /** Owners only: the invites not yet accepted (expired ones marked), never their tokens. */
  invites: protectedProcedure
    .input(z.object({ workspaceId: Id }))
    .query(async ({ ctx, input }) =>
      listInvites(ctx.db, { userId: ctx.user.id, workspaceId: input.workspaceId }),
    ),

  /** Owners only: the link stops working at once. */
  revokeInvite: protectedProcedure
    .input(z.object({ workspaceId: Id, inviteId: Id }))
    .mutation(async ({ ctx, input }) => {
      await revokeInvite(ctx.db, { userId: ctx.user.id, ...input });
      return { ok: true as const };
    }),

  acceptInvite: protectedProcedure
    .input(z.object({ token: InviteToken }))
    .mutation(async ({ ctx, input }) => ({
      workspace: await acceptInvite(ctx.db, { userId: ctx.user.id, token: input.token }),
    })),

  removeMember: protectedProcedure
    .input(z.object({ workspaceId: Id, userId: Id }))
    .mutation(async ({ ctx, input }) => {
      await removeMember(ctx.db, {
        userId: ctx.user.id,
        workspaceId: input.workspaceId,
        memberId: input.userId,
      });
      return { ok: true as const };
    }),

  changeRole: protectedProcedure
    .input(z.object({ workspaceId: Id, userId: Id, role: z.enum(['owner', 'editor', 'viewer']) }))
    .mutation(async ({ ctx, input }) => ({
      member: await changeMemberRole(ctx.db, {
        userId: ctx.user.id,
        workspaceId: input.workspaceId,
        memberId: input.userId,
        role: input.role,
      }),
    })),

  leave: protectedProcedure.input(z.object({ workspaceId: Id })).mutation(async ({ ctx, input }) => {
    await leaveWorkspace(ctx.db, { userId: ctx.user.id, workspaceId: input.workspaceId });
    return { ok: true as const };
  }),
});
