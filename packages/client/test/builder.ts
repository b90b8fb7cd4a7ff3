import { afterAll, beforeAll } from 'vitest';
import { type TestServerContext, useTestServer } from '../../../apps/server/test/harness.ts';
import { Cluster } from '../../../tests/faults/support/cluster.ts';

export interface BuilderContext extends TestServerContext {
  cluster: Cluster;
}

/**
 * A real builder for a test file: the server in this process (its own cloned database) and one
 * real worker process — production task list, the offline model, the sandboxed Chromium verifier —
 * so jobs are interviewed and built for real.
 */
export function useBuilder(options: { maxQuestions?: number } = {}): BuilderContext {
  const context = useTestServer() as BuilderContext;
  beforeAll(async () => {
    context.cluster = new Cluster(context.database.url);
    await context.cluster.startWorker({ concurrency: 2, maxQuestions: options.maxQuestions ?? 3 });
  });
  afterAll(async () => {
    await context.cluster?.stopAll();
  });
  return context;
}
