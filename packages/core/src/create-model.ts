import type { Model, ModelConfig } from './model.ts';
import { createOfflineModel } from './providers/offline/index.ts';
import { createOpenAiModel } from './providers/openai/index.ts';

/** Builds the configured provider. Nothing connects here: the first call does. */
export function createModel(config: ModelConfig): Model {
  switch (config.provider) {
    case 'offline':
      return createOfflineModel();
    case 'openai':
      return createOpenAiModel(config);
  }
}
