export * from './abortable-delay.ts';
export * from './app-origins.ts';
export * from './blueprint/index.ts';
export * from './create-model.ts';
export * from './env/shared-env.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './generation/index.ts';
export * from './job.ts';
export * from './ledger.ts';
export * from './model.ts';
export * from './model-env.ts';
export * from './preview-tokens.ts';
export {
  answerOfflineGenerationTask,
  offlineGenerationHandlers,
} from './providers/offline/generation/index.ts';
export { createOfflineModel, type OfflineTaskHandler, offlineModelName } from './providers/offline/index.ts';
export { createOpenAiModel, type OpenAiModelOptions } from './providers/openai/index.ts';
export * from './question.ts';
export * from './questioning/index.ts';
export * from './validation/index.ts';
