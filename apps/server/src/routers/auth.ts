import { findUserByEmail, insertSession, insertUser, revokeSession } from '@app/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import {
  clearSessionCookie,
  hashSessionToken,
  newSessionToken,
  sessionLifetimeMs,
  setSessionCookie,
} from '../auth/sessions.ts';
import type { Context } from '../context.ts';
import { publicProcedure, router } from '../trpc.ts';

const Credentials = z.object({
  email: z
    .string()
    .trim()
    .max(254, 'Email must be at most 254 characters')
    .pipe(z.email('Enter a valid email address'))
    .transform((email) => email.toLowerCase()),
  password: z
    .string()
    .min(8, 'Password must be at least 8 characters')
    .max(200, 'Password must be at most 200 characters'),
});

async function startSession(ctx: Context, userId: string): Promise<void> {
  const token = newSessionToken();
  await insertSession(ctx.db, {
    tokenHash: hashSessionToken(token, ctx.sessionSecret),
    userId,
    expiresAt: new Date(Date.now() + sessionLifetimeMs),
  });
  setSessionCookie(ctx.res, token, { secure: ctx.secureCookies });
}

export const authRouter = router({
  signUp: publicProcedure.input(Credentials).mutation(async ({ ctx, input }) => {
    const user = await insertUser(ctx.db, input.email, await hashPassword(input.password)).catch(
      (error: unknown) => {
        if (error instanceof Error && error.name === 'ConflictError') {
          throw new TRPCError({ code: 'CONFLICT', message: 'An account with this email already exists' });
        }
        throw error;
      },
    );
    await startSession(ctx, user.id);
    return { user };
  }),

  signIn: publicProcedure.input(Credentials).mutation(async ({ ctx, input }) => {
    const found = await findUserByEmail(ctx.db, input.email);
    const valid = await verifyPassword(found?.passwordHash ?? (await decoyPasswordHash()), input.password);
    if (!found || !valid) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
    await startSession(ctx, found.id);
    return { user: { id: found.id, email: found.email } };
  }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionTokenHash) await revokeSession(ctx.db, ctx.sessionTokenHash);
    clearSessionCookie(ctx.res, { secure: ctx.secureCookies });
    return { ok: true as const };
  }),

  me: publicProcedure.query(({ ctx }) => (ctx.user ? { user: ctx.user } : null)),
});
