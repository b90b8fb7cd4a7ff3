import { z } from 'zod';
import type { ModelConfig } from './model.ts';

export const defaultQuestioningModel = 'gpt-4.1-mini';
export const defaultGenerationModel = 'gpt-4.1';

const blank = (value: unknown) => (value === '' ? undefined : value);

const ModelEnv = z.object({
  MODEL_PROVIDER: z.preprocess(blank, z.enum(['offline', 'openai']).optional()),
  OPENAI_API_KEY: z.preprocess(blank, z.string().optional()),
  OPENAI_BASE_URL: z.preprocess(blank, z.url().optional()),
  QUESTIONING_MODEL: z.preprocess(blank, z.string().optional()),
  GENERATION_MODEL: z.preprocess(blank, z.string().optional()),
});

/**
 * The model settings (docs/deploy.md#environment), shared by the server (/healthz) and the worker so both always
 * describe the same model. Takes the environment as data: only the apps' env.ts files read the real one.
 */
export function modelConfigFromEnv(source: Record<string, string | undefined>): {
  config: ModelConfig | null;
  problems: string[];
} {
  const parsed = ModelEnv.safeParse(source);
  if (!parsed.success) {
    return {
      config: null,
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  }
  const env = parsed.data;
  // `openai` is the default only when a key is there; asking for it explicitly needs a key or a
  // local endpoint (Ollama, vLLM and LM Studio accept any key).
  const provider = env.MODEL_PROVIDER ?? (env.OPENAI_API_KEY ? 'openai' : 'offline');
  if (provider === 'offline') return { config: { provider: 'offline' }, problems: [] };
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
    return { config: null, problems: ['OPENAI_API_KEY: is required when MODEL_PROVIDER is openai'] };
  }
  return {
    config: {
      provider: 'openai',
      apiKey: env.OPENAI_API_KEY ?? 'not-needed',
      ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
      questioningModel: env.QUESTIONING_MODEL ?? defaultQuestioningModel,
      generationModel: env.GENERATION_MODEL ?? defaultGenerationModel,
    },
    problems: [],
  };
}
