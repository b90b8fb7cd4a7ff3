import { appsRouter } from './routers/apps.ts';
import { authRouter } from './routers/auth.ts';
import { dataRouter } from './routers/data.ts';
import { jobsRouter } from './routers/jobs.ts';
import { versionsRouter } from './routers/versions.ts';
import { workspacesRouter } from './routers/workspaces.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  apps: appsRouter,
  data: dataRouter,
  jobs: jobsRouter,
  versions: versionsRouter,
  workspaces: workspacesRouter,
});

export type AppRouter = typeof appRouter;
