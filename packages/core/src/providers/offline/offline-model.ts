import type { z } from 'zod';
import { ModelAbortedError, ModelSchemaMismatchError, ModelUnavailableError } from '../../errors.ts';
import type { Model, ModelCallRequest, ModelCallResult } from '../../model.ts';
import {
  MainAgentInput,
  QuestionCardInput,
  questioningTasks,
  UpdateBlueprintInput,
} from '../../questioning/task-schemas.ts';
import { offlineDecide } from './offline-decide.ts';
import { offlineGenerationHandlers } from './offline-generation.ts';
import { offlineUpdateBlueprint } from './offline-update-blueprint.ts';
import { offlineWriteQuestion } from './offline-write-question.ts';
import { understandText } from './understanding/index.ts';

export const offlineModelName = 'builder-1';

/** Answers one task from its structured input; the result still crosses the caller's schema. */
export type OfflineTaskHandler = (input: unknown) => unknown;

const withInput =
  <I>(schema: z.ZodType<I>, handler: (input: I) => unknown): OfflineTaskHandler =>
  (input) =>
    handler(schema.parse(input));

/**
 * The tasks the offline model can answer. Other phases (generation) add theirs by passing
 * `handlers` to `createOfflineModel`, keeping this provider one place for every offline task.
 */
export const questioningHandlers: Record<string, OfflineTaskHandler> = {
  [questioningTasks.updateBlueprint]: withInput(UpdateBlueprintInput, (input) =>
    offlineUpdateBlueprint(input, understandText),
  ),
  [questioningTasks.decide]: withInput(MainAgentInput, offlineDecide),
  [questioningTasks.writeQuestion]: withInput(QuestionCardInput, offlineWriteQuestion),
};

export function createOfflineModel(options: { handlers?: Record<string, OfflineTaskHandler> } = {}): Model {
  const handlers = { ...questioningHandlers, ...offlineGenerationHandlers, ...options.handlers };
  return {
    describe: () => `offline:${offlineModelName}`,
    async call<T>(request: ModelCallRequest<T>): Promise<ModelCallResult<T>> {
      if (request.signal?.aborted) throw new ModelAbortedError('model call aborted');
      const handler = handlers[request.task];
      if (!handler) throw new ModelUnavailableError(`the offline model cannot answer task "${request.task}"`);
      const result = request.schema.safeParse(handler(request.input));
      if (!result.success) {
        throw new ModelSchemaMismatchError(
          `offline answer to "${request.task}" does not match "${request.schemaName}": ${result.error.message}`,
          'schema_mismatch',
        );
      }
      return {
        output: result.data,
        usage: { model: `offline:${offlineModelName}`, inputTokens: 0, outputTokens: 0, costUsd: 0 },
      };
    },
  };
}
