import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { abortableDelay } from '../../abortable-delay.ts';
import {
  ModelAbortedError,
  ModelError,
  ModelRateLimitedError,
  ModelRefusalError,
  ModelRequestRejectedError,
  ModelSchemaMismatchError,
  ModelTimeoutError,
  ModelTruncatedError,
} from '../../errors.ts';
import type { Model, ModelCallRequest, ModelCallResult, ModelPhase, ModelUsage } from '../../model.ts';
import { mapSdkError } from './openai-error-mapping.ts';
import { costUsd } from './pricing.ts';
import { correctionMessages, renderMessages } from './prompt.ts';
import { backoffDelayMs, defaultRetryPolicy, type RetryPolicy } from './retry-policy.ts';

export interface OpenAiModelOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio). */
  baseURL?: string;
  questioningModel: string;
  generationModel: string;
  /** Per attempt, default 60 s (the SDK's own default is 10 minutes). */
  timeoutMs?: number;
  maxAttempts?: number;
  /** Backoff tuning, mainly so tests don't wait seconds. */
  retry?: Partial<Omit<RetryPolicy, 'maxAttempts'>>;
  /** `max_completion_tokens` per phase; defaults to `defaultOutputTokenCaps`. */
  maxOutputTokens?: Partial<Record<ModelPhase, number>>;
}

const defaultTimeoutMs = 60_000;

/**
 * Every call carries an output-token cap (docs/architecture.md#models), so a model that loops or is steered into
 * writing without end costs a bounded amount; hitting it is reported as `ModelTruncatedError`.
 * Questioning answers are small JSON; a generation step writes whole files (reasoning models
 * count their reasoning against the same cap, hence the headroom).
 */
export const defaultOutputTokenCaps: Record<ModelPhase, number> = {
  questioning: 4_096,
  generation: 32_768,
};

export function createOpenAiModel(options: OpenAiModelOptions): Model {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const policy: RetryPolicy = {
    ...defaultRetryPolicy,
    ...options.retry,
    maxAttempts: Math.max(1, options.maxAttempts ?? defaultRetryPolicy.maxAttempts),
  };
  // Our loop is the only retry layer: SDK retries would multiply attempts and hide 429 waits.
  // The SDK timeout is only a backstop; the per-attempt timer below fires first.
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: timeoutMs + 5_000,
  });
  const modelFor = (phase: ModelPhase) =>
    phase === 'questioning' ? options.questioningModel : options.generationModel;
  const tokenCaps = { ...defaultOutputTokenCaps, ...options.maxOutputTokens };

  return {
    describe() {
      return options.questioningModel === options.generationModel
        ? `openai:${options.questioningModel}`
        : `openai:${options.questioningModel}+${options.generationModel}`;
    },
    call(request) {
      return callWithRetries(
        client,
        { model: modelFor(request.phase), maxOutputTokens: tokenCaps[request.phase] },
        request,
        policy,
        timeoutMs,
      );
    },
  };
}

async function callWithRetries<T>(
  client: OpenAI,
  { model, maxOutputTokens }: { model: string; maxOutputTokens: number },
  request: ModelCallRequest<T>,
  policy: RetryPolicy,
  timeoutMs: number,
): Promise<ModelCallResult<T>> {
  const responseFormat = buildResponseFormat(request.schema, request.schemaName);
  const baseMessages = renderMessages(request.task, request.instructions, request.input);
  let corrections: ChatCompletionMessageParam[] = [];
  const tokens = { input: 0, output: 0 };
  const usage = (): ModelUsage => ({
    model,
    inputTokens: tokens.input,
    outputTokens: tokens.output,
    costUsd: costUsd(model, tokens.input, tokens.output),
  });
  let schemaFailures = 0;

  for (let attempt = 1; ; attempt++) {
    try {
      const completion = await attemptOnce(
        client,
        {
          model,
          messages: [...baseMessages, ...corrections],
          response_format: responseFormat,
          max_completion_tokens: maxOutputTokens,
        },
        request.signal,
        timeoutMs,
      );
      tokens.input += completion.usage?.prompt_tokens ?? 0;
      tokens.output += completion.usage?.completion_tokens ?? 0;
      return { output: interpretCompletion(completion, request.schema), usage: usage() };
    } catch (caught) {
      const error = caught instanceof ModelError ? caught : mapSdkError(caught);
      if (!error) throw caught;
      error.usage = usage();
      if (!error.retryable || attempt >= policy.maxAttempts) throw error;
      if (error instanceof ModelSchemaMismatchError) {
        schemaFailures++;
        if (schemaFailures >= policy.maxSchemaAttempts) throw error;
        // Showing the model its own rejected reply is what makes the second try succeed.
        corrections = correctionMessages(rejectedContent(caught), error.message);
        continue;
      }
      const waitMs =
        error instanceof ModelRateLimitedError && error.retryAfterMs !== null
          ? Math.min(error.retryAfterMs, policy.retryAfterMaxMs)
          : backoffDelayMs(policy, attempt);
      await abortableDelay(waitMs, request.signal);
    }
  }
}

function buildResponseFormat<T>(schema: z.ZodType<T>, schemaName: string) {
  try {
    return zodResponseFormat(schema, schemaName);
  } catch (error) {
    // A schema OpenAI strict mode cannot express (e.g. `.optional()`) is a bug in the caller.
    throw new ModelRequestRejectedError(`schema "${schemaName}" is not usable for structured outputs`, null, {
      cause: error,
    });
  }
}

type CompletionBody = Pick<
  OpenAI.ChatCompletionCreateParamsNonStreaming,
  'model' | 'messages' | 'response_format' | 'max_completion_tokens'
>;

/** One HTTP attempt with its own timeout; tells the caller's abort apart from our timeout. */
async function attemptOnce(
  client: OpenAI,
  body: CompletionBody,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<ChatCompletion> {
  if (signal?.aborted) throw new ModelAbortedError('model call aborted');
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await client.chat.completions.create(body, { signal: controller.signal });
  } catch (error) {
    if (signal?.aborted) throw new ModelAbortedError('model call aborted', { cause: error });
    if (timedOut) throw new ModelTimeoutError(`model call timed out after ${timeoutMs} ms`, { cause: error });
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

class RejectedOutput extends ModelSchemaMismatchError {
  constructor(
    message: string,
    reason: 'invalid_json' | 'schema_mismatch',
    readonly content: string,
  ) {
    super(message, reason);
    this.name = 'ModelSchemaMismatchError';
  }
}

function rejectedContent(error: unknown): string {
  return error instanceof RejectedOutput ? error.content : '';
}

function interpretCompletion<T>(completion: ChatCompletion, schema: z.ZodType<T>): T {
  const choice = completion.choices[0];
  if (!choice) throw new RejectedOutput('model returned no choices', 'invalid_json', '');
  if (choice.message.refusal) throw new ModelRefusalError(`model refused: ${choice.message.refusal}`);
  if (choice.finish_reason === 'length')
    throw new ModelTruncatedError('model output was cut off at the token limit');
  if (choice.finish_reason === 'content_filter')
    throw new ModelRefusalError('model output was blocked by a content filter');
  const content = choice.message.content ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new RejectedOutput('model output is not valid JSON', 'invalid_json', content);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new RejectedOutput(
      `model output does not match the schema (${issues.join('; ')})`,
      'schema_mismatch',
      content,
    );
  }
  return result.data;
}
