import {
  type AppFile,
  type CustomiseInput,
  generationTasks,
  type Model,
  type ModelCallRequest,
  type ModelCallResult,
} from '@app/core';
import { countCall, emptyCount, type TokenCount } from './count-tokens.ts';
import { standInCustomFiles } from './stand-in-custom-code.ts';

export interface StandInModel extends Model {
  readonly count: TokenCount;
  readonly customFilesWritten: number;
}

/**
 * The stand-in LLM of `tokensPerBuild`: a `Model` that answers generation's two tasks as a
 * careful model would — customise writes a small custom file set when the blueprint left
 * requirements out (and keeps existing custom files otherwise), fix changes nothing — and counts
 * every call's tokens. Its outputs cross the call's schema like any provider's.
 */
export function createStandInModel(): StandInModel {
  const count = emptyCount();
  let customFilesWritten = 0;
  return {
    count,
    get customFilesWritten() {
      return customFilesWritten;
    },
    describe: () => 'bench:stand-in',
    async call<T>(request: ModelCallRequest<T>): Promise<ModelCallResult<T>> {
      const raw = answer(request);
      const output = request.schema.parse(raw);
      if (request.task === generationTasks.customise)
        customFilesWritten += (raw as { files: unknown[] }).files.length;
      const tokens = countCall(count, { ...request, output: raw });
      return { output, usage: { model: 'bench:stand-in', ...tokens, costUsd: 0 } };
    },
  };
}

function answer(request: ModelCallRequest<unknown>): { files: AppFile[]; deletedPaths: string[] } {
  switch (request.task) {
    case generationTasks.customise: {
      const input = request.input as CustomiseInput;
      if (
        input.requirements.length === 0 ||
        input.customFiles.some((file) => file.path !== 'src/custom/index.ts')
      )
        return { files: [], deletedPaths: [] };
      return { files: standInCustomFiles(), deletedPaths: [] };
    }
    case generationTasks.fix:
      return { files: [], deletedPaths: [] };
    default:
      throw new Error(`stand-in model: no answer for task "${request.task}"`);
  }
}
