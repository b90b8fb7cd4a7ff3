export { createOpenAiModel, type OpenAiModelOptions } from './openai-model.ts';
export { costUsd } from './pricing.ts';
