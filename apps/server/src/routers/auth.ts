import {
  emailMaxLength,
  maxActiveTokensPerUser,
  passwordMaxLength,
  passwordMinLength,
  tokenNameMaxLength,
} from '@app/core/schemas';
import {
  createAccessToken,
  findUserByEmail,
  insertAppOriginCode,
  insertSession,
  insertUser,
  listAccessTokens,
  revokeAccessToken,
  revokeSession,
} from '@app/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { hashOriginSecret, newOriginSecret } from '../apps-origin/app-origin-session.ts';
import { signInCallbackUrlFor } from '../apps-origin/published-url.ts';
import { hashAccessToken, newAccessToken } from '../auth/access-tokens.ts';
import {
  clearSessionCookie,
  hashSessionToken,
  newSessionToken,
  sessionLifetimeMs,
  setSessionCookie,
} from '../auth/sessions.ts';
import type { Context } from '../context.ts';
import { protectedProcedure, publicProcedure, router } from '../trpc.ts';
import { Id } from './inputs.ts';

const Credentials = z.object({
  email: z
    .string()
    .trim()
    .max(emailMaxLength, `Email must be at most ${emailMaxLength} characters`)
    .pipe(z.email('Enter a valid email address'))
    .transform((email) => email.toLowerCase()),
  password: z
    .string()
    .min(passwordMinLength, `Password must be at least ${passwordMinLength} characters`)
    .max(passwordMaxLength, `Password must be at most ${passwordMaxLength} characters`),
});

const TokenName = z
  .string()
  .trim()
  .min(1, 'Name the token (what will use it, e.g. "CI")')
  .max(tokenNameMaxLength, `Token name must be at most ${tokenNameMaxLength} characters`);

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
    await ctx.rateLimits.beginSignUp(ctx.clientAddress, ctx.res);
    const user = await insertUser(ctx.db, input.email, await ctx.passwords.hash(input.password)).catch(
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
    // Counted before the hash is computed; a success takes its count back (see AuthRateLimits).
    await ctx.rateLimits.beginSignIn(ctx.clientAddress, input.email, ctx.res);
    const found = await findUserByEmail(ctx.db, input.email);
    const valid = found
      ? await ctx.passwords.verify(found.passwordHash, input.password)
      : await ctx.passwords.verifyDecoy(input.password);
    if (!found || !valid) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
    await ctx.rateLimits.signInSucceeded(ctx.clientAddress, input.email);
    await startSession(ctx, found.id);
    return { user: { id: found.id, email: found.email } };
  }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionTokenHash) {
      await revokeSession(ctx.db, ctx.sessionTokenHash);
      // This process's streams of the session end now; other processes' at their next sweep.
      ctx.sessionRevocations.sessionRevoked(ctx.sessionTokenHash);
    }
    clearSessionCookie(ctx.res, { secure: ctx.secureCookies });
    return { ok: true as const };
  }),

  me: publicProcedure.query(({ ctx }) => (ctx.user ? { user: ctx.user } : null)),

  /**
   * A personal access token, returned this once and stored only as a hash (docs/auth.md). Minted
   * only from a signed-in session, never with another token: revoking a leaked token must be
   * enough, which it would not be if the leak could have minted a second one.
   */
  createToken: protectedProcedure.input(z.object({ name: TokenName })).mutation(async ({ ctx, input }) => {
    if (ctx.credential?.kind !== 'session') {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'Create tokens from a signed-in session, not with a token',
      });
    }
    const token = newAccessToken();
    const created = await createAccessToken(ctx.db, {
      userId: ctx.user.id,
      name: input.name,
      tokenHash: hashAccessToken(token),
      maxActive: maxActiveTokensPerUser,
    });
    return { token, tokenId: created.id };
  }),

  /**
   * Signing in on a published app's origin (apps-origin/sign-in.ts, step 2): a one-time code for
   * (this person, this app), valid 60 seconds, and the app origin's callback URL carrying it. The
   * URL is built here from the app id alone (plus the browser's `state`, a fixed-shape nonce), so
   * the SPA that navigates to it can never be turned into an open redirect. Anyone signed in may:
   * a non-member then meets the app origin's 403 page (who is signed in, a way to switch account)
   * rather than a dead end in the builder. NOT_FOUND only for an app that does not exist.
   */
  appOriginCode: protectedProcedure
    .input(z.object({ appId: Id, state: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a sign-in state') }))
    .mutation(async ({ ctx, input }) => {
      // Any signed-in person: the code proves who they are, and the app's origin decides what they
      // may see (its 403 page for a non-member, membership read on every request).
      await ctx.rateLimits.beginAppSignIn(ctx.user.id, ctx.res);
      const code = newOriginSecret();
      await insertAppOriginCode(ctx.db, {
        codeHash: hashOriginSecret(code),
        userId: ctx.user.id,
        appId: input.appId,
        builderSessionTokenHash: ctx.sessionTokenHash,
      });
      return { url: signInCallbackUrlFor(ctx.previewBaseUrl, input.appId, { code, state: input.state }) };
    }),

  /** The person's live tokens (never the secrets), newest first. */
  listTokens: protectedProcedure.query(async ({ ctx }) =>
    (await listAccessTokens(ctx.db, ctx.user.id)).map((token) => ({
      id: token.id,
      name: token.name,
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    })),
  ),

  /** Takes effect at once: later requests with it are UNAUTHORIZED and its open streams end. */
  revokeToken: protectedProcedure.input(z.object({ tokenId: Id })).mutation(async ({ ctx, input }) => {
    await revokeAccessToken(ctx.db, input.tokenId, ctx.user.id);
    // This process's streams of the token end now; other processes' at their next sweep.
    ctx.sessionRevocations.accessTokenRevoked(input.tokenId);
    return { ok: true as const };
  }),
});
