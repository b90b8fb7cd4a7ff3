// The type-check thread's entry. Bundled by esbuild on first use and run as an eval'd Worker
// (typecheck-app.ts), so it works the same under tsx, vitest and Node without a TS loader.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type ts from 'typescript';
import type { Problem } from '../events.ts';
import { type AppSources, createTypeChecker } from './typecheck-program.ts';

export interface TypecheckThreadData {
  /** core's package.json: where `typescript`, `react` and `@types/react` resolve from. */
  packageJson: string;
  virtualRoot: string;
}
export interface TypecheckRequest {
  id: number;
  sources: AppSources;
}
export type TypecheckReply =
  | { id: number; ok: true; problems: Problem[] }
  | { id: number; ok: false; message: string };

const data = workerData as TypecheckThreadData;
const check = createTypeChecker(createRequire(data.packageJson)('typescript') as typeof ts, data.virtualRoot);

parentPort?.on('message', ({ id, sources }: TypecheckRequest) => {
  let reply: TypecheckReply;
  try {
    reply = { id, ok: true, problems: check(sources) };
  } catch (error) {
    reply = {
      id,
      ok: false,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  parentPort?.postMessage(reply);
});
