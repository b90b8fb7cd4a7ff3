import { appsRouter } from './routers/apps.ts';
import { authRouter } from './routers/auth.ts';
import { jobsRouter } from './routers/jobs.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  apps: appsRouter,
  jobs: jobsRouter,
});

export type AppRouter = typeof appRouter;
