import {
  CustomiseInput,
  type FileChanges,
  FixInput,
  generationTasks,
} from '../../generation/task-schemas.ts';

const nothing = (): FileChanges => ({ files: [], deletedPaths: [] });

/**
 * The offline model's answers to the generation tasks: it writes no custom code (SPEC: the
 * compiled app is its whole build), so customising adds nothing and a fix changes nothing — the
 * generator's fingerprint check then ends the loop and the verdict stands as it is. The inputs
 * are still parsed: a generator that sends the wrong shape fails here as it would with an LLM.
 */
export const offlineGenerationHandlers: Record<string, (input: unknown) => unknown> = {
  [generationTasks.customise]: (input) => {
    CustomiseInput.parse(input);
    return nothing();
  },
  [generationTasks.fix]: (input) => {
    FixInput.parse(input);
    return nothing();
  },
};
