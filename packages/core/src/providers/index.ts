/*
 * `@app/core/providers`: the model behind the `Model` port — `createModel` picks the offline model
 * or the OpenAI-compatible one from a `ModelConfig`. Loads the OpenAI SDK; only the apps do.
 */
export { createModel } from '../create-model.ts';
export * from './offline/index.ts';
export { offlineGenerationHandlers } from './offline/offline-generation.ts';
export * from './openai/index.ts';
