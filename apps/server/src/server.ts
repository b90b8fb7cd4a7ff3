import type { Db } from '@app/db';
import type { Services } from './context.ts';
import { createHttpServer } from './http-server.ts';
import { JobEventHub } from './realtime/job-event-hub.ts';

export interface StartServerOptions {
  db: Db;
  connectionString: string;
  port: number;
  host?: string;
  sessionSecret: string;
  secureCookies?: boolean;
  maxQuestions?: number;
  modelDescription: string;
  staticDir?: string;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export interface RunningServer {
  port: number;
  hub: JobEventHub;
  close(): Promise<void>;
}

/** Wires the realtime hub and the HTTP server; used by main.ts and by the integration tests. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const log = options.log ?? (() => {});
  const hub = new JobEventHub({
    connectionString: options.connectionString,
    onStateChange: (state, error) =>
      log(
        state === 'reconnecting' ? 'warn' : 'info',
        `listener ${state}`,
        error ? { error: String(error) } : {},
      ),
  });
  await hub.start();
  const services: Services = {
    db: options.db,
    hub,
    sessionSecret: options.sessionSecret,
    secureCookies: options.secureCookies ?? false,
    maxQuestions: options.maxQuestions ?? 5,
  };
  const http = createHttpServer({
    services,
    modelDescription: options.modelDescription,
    staticDir: options.staticDir,
    onError: (error, path) =>
      log('error', 'request failed', { path, error: String(error), stack: (error as Error)?.stack }),
  });
  const port = await http.listen(options.port, options.host);
  return {
    port,
    hub,
    async close() {
      await http.close();
      await hub.stop();
    },
  };
}
