import { appsRouter } from './routers/apps.ts';
import { authRouter } from './routers/auth.ts';
import { jobsRouter } from './routers/jobs.ts';
import { versionsRouter } from './routers/versions.ts';
import { workspacesRouter } from './routers/workspaces.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  apps: appsRouter,
  jobs: jobsRouter,
  versions: versionsRouter,
  workspaces: workspacesRouter,
});

export type AppRouter = typeof appRouter;
