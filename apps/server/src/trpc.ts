import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { mutationRefusal } from './auth/same-origin.ts';
import type { Context } from './context.ts';
import { describeZodError, toTRPCError } from './errors.ts';

const t = initTRPC.context<Context>().create({
  // Plain JSON on the wire (no transformer): dates travel as ISO strings.
  sse: {
    // Pings keep idle streams alive through proxies; the client reconnects (with Last-Event-ID)
    // when it hears nothing for a while, so a silently dead connection heals by itself.
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message:
        error.code === 'INTERNAL_SERVER_ERROR'
          ? 'Internal server error'
          : zodError
            ? describeZodError(zodError)
            : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        fields: zodError ? zodError.issues.map((i) => i.path.join('.')) : undefined,
      },
    };
  },
});

export const router = t.router;

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR') {
    throw toTRPCError(result.error.cause ?? result.error);
  }
  return result;
});

/**
 * Cross-site writes are refused before anything reads the body (inputs are parsed after this
 * middleware), for every mutation of every router: see `mutationRefusal`.
 */
const refuseCrossSiteMutations = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation') {
    const refusal = mutationRefusal(ctx.req, ctx.builderOrigins);
    if (refusal) throw refusal;
  }
  return next();
});

/**
 * A request whose `Authorization` header names no live token of ours is refused whatever it calls:
 * falling back to "signed out" would let `auth.me` answer null and a script carry on as nobody.
 */
const refuseRejectedCredentials = t.middleware(({ ctx, next }) => {
  if (ctx.credentialRejection)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.credentialRejection });
  return next();
});

export const publicProcedure = t.procedure
  .use(refuseCrossSiteMutations)
  .use(refuseRejectedCredentials)
  .use(mapDomainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});
