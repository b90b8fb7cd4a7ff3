import type { z } from 'zod';

export type ModelPhase = 'questioning' | 'generation';

/**
 * One structured model call. `task` names what is asked (providers that answer deterministically,
 * like `offline`, dispatch on it); `input` is the structured context, which LLM providers also
 * render into the prompt. The output always crosses `schema` before it is returned.
 */
export interface ModelCallRequest<T> {
  phase: ModelPhase;
  task: string;
  instructions: string;
  input: unknown;
  schema: z.ZodType<T>;
  /** Name of the response format sent to LLM providers: letters, digits, `_` and `-`. */
  schemaName: string;
  signal?: AbortSignal;
}

export interface ModelUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface ModelCallResult<T> {
  output: T;
  usage: ModelUsage;
}

/** The model port: everything in core talks to models through this, never to an SDK. */
export interface Model {
  call<T>(request: ModelCallRequest<T>): Promise<ModelCallResult<T>>;
  /** `'<provider>:<model>'`, e.g. `offline:builder-1` or `openai:gpt-4.1-mini` (shown by /healthz). */
  describe(): string;
}

export type ModelConfig =
  | { provider: 'offline' }
  | {
      provider: 'openai';
      apiKey: string;
      baseURL?: string;
      questioningModel: string;
      generationModel: string;
      /** Per attempt, default 60 s. */
      timeoutMs?: number;
      /** Attempts per call including the first, default 3. */
      maxAttempts?: number;
    };
