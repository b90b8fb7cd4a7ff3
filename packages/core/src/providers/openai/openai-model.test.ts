import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ModelAbortedError,
  ModelRateLimitedError,
  ModelRefusalError,
  ModelRequestRejectedError,
  ModelSchemaMismatchError,
  ModelTimeoutError,
  ModelTruncatedError,
  ModelUnavailableError,
} from '../../errors.ts';
import type { ModelCallRequest } from '../../model.ts';
import {
  completionReply,
  errorReply,
  type OpenAiWireServer,
  rateLimitReply,
  refusalReply,
  startOpenAiWireServer,
} from '../../testing/openai-wire-server.ts';
import { createOpenAiModel, type OpenAiModelOptions } from './openai-model.ts';

const Answer = z.object({ title: z.string(), count: z.number().int() });
const good = { title: 'Tickets', count: 3 };

let server: OpenAiWireServer;
beforeEach(async () => {
  server = await startOpenAiWireServer();
});
afterEach(async () => {
  await server.close();
});

function model(options: Partial<OpenAiModelOptions> = {}) {
  return createOpenAiModel({
    apiKey: 'test-key',
    baseURL: server.baseURL,
    questioningModel: 'gpt-4o-mini',
    generationModel: 'gpt-4.1',
    timeoutMs: 2_000,
    retry: { backoffBaseMs: 5, backoffMaxMs: 20 },
    ...options,
  });
}

function request(overrides: Partial<ModelCallRequest<z.infer<typeof Answer>>> = {}) {
  return {
    phase: 'questioning' as const,
    task: 'test.task',
    instructions: 'Answer with a title and a count.',
    input: { request: 'a ticket tracker' },
    schema: Answer,
    schemaName: 'answer',
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('openai provider over the wire', () => {
  it('returns the parsed output with usage and cost, sending a strict json_schema response format', async () => {
    server.enqueue(completionReply(good, { promptTokens: 1_000, completionTokens: 500 }));
    const result = await model().call(request());

    expect(result.output).toEqual(good);
    expect(result.usage).toEqual({
      model: 'gpt-4o-mini',
      inputTokens: 1_000,
      outputTokens: 500,
      costUsd: 0.00045,
    });
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0];
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe('Bearer test-key');
    expect(sent?.body).toMatchObject({
      model: 'gpt-4o-mini',
      response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true } },
    });
    expect(JSON.stringify(sent?.body)).toContain('a ticket tracker');
  });

  it('uses the generation model for the generation phase and prices unknown models at 0', async () => {
    server.enqueue(completionReply(good));
    const described = model({ generationModel: 'llama3.1:8b' });
    const result = await described.call(request({ phase: 'generation' }));
    expect(server.requests[0]?.body).toMatchObject({ model: 'llama3.1:8b' });
    expect(result.usage.costUsd).toBe(0);
    expect(described.describe()).toBe('openai:gpt-4o-mini+llama3.1:8b');
  });

  it('waits for retry-after-ms on 429, then succeeds', async () => {
    server.enqueue(rateLimitReply({ ms: 150 }), completionReply(good));
    const started = Date.now();
    const result = await model().call(request());
    expect(result.output).toEqual(good);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(server.requests).toHaveLength(2);
  });

  it('honours retry-after in seconds', async () => {
    server.enqueue(rateLimitReply(1), completionReply(good));
    const started = Date.now();
    await model().call(request());
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('caps a huge retry-after instead of sleeping for it', async () => {
    server.enqueue(rateLimitReply(3_600), completionReply(good));
    const started = Date.now();
    await model({ retry: { retryAfterMaxMs: 50, backoffBaseMs: 5 } }).call(request());
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on 429 after maxAttempts with a retryable rate-limit error', async () => {
    server.enqueue(rateLimitReply({ ms: 10 }), rateLimitReply({ ms: 10 }), rateLimitReply({ ms: 10 }));
    const error = await failure(model().call(request()));
    expect(error).toBeInstanceOf(ModelRateLimitedError);
    expect((error as ModelRateLimitedError).retryable).toBe(true);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a 500, then succeeds', async () => {
    server.enqueue(errorReply(500), completionReply(good));
    expect((await model().call(request())).output).toEqual(good);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a reset connection, and reports unavailable when every attempt fails', async () => {
    server.enqueue({ kind: 'reset' }, errorReply(503), errorReply(502));
    const error = await failure(model().call(request()));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(server.requests).toHaveLength(3);
  });

  it('times out a hung attempt per attempt and retries up to maxAttempts', async () => {
    server.enqueue({ kind: 'hang' }, { kind: 'hang' });
    const started = Date.now();
    const error = await failure(model({ timeoutMs: 150, maxAttempts: 2 }).call(request()));
    expect(error).toBeInstanceOf(ModelTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(2);
  });

  it('recovers when only the first attempt hangs', async () => {
    server.enqueue({ kind: 'hang' }, completionReply(good));
    // The timeout also bounds the retry's (immediate) reply: room for a loaded machine, or a slow
    // second reply would time out too and make a third request.
    const started = Date.now();
    expect((await model({ timeoutMs: 1_000 }).call(request())).output).toEqual(good);
    // The good reply came only after the hung attempt was given up on (by its timeout).
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('retries invalid JSON once, showing the model its rejected reply, then fails', async () => {
    server.enqueue(
      completionReply('{"title": "Tick'),
      completionReply('not json at all'),
      completionReply(good),
    );
    const error = await failure(model({ maxAttempts: 5 }).call(request()));
    expect(error).toBeInstanceOf(ModelSchemaMismatchError);
    expect((error as ModelSchemaMismatchError).reason).toBe('invalid_json');
    expect(server.requests).toHaveLength(2);
    expect(JSON.stringify(server.requests[1]?.body)).toContain('That reply was rejected');
  });

  it('retries a schema mismatch once and succeeds when the second reply fits', async () => {
    server.enqueue(completionReply({ title: 'Tickets', count: 'three' }), completionReply(good));
    const result = await model().call(request());
    expect(result.output).toEqual(good);
    expect(result.usage.inputTokens).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a schema mismatch after two bad replies', async () => {
    server.enqueue(completionReply({ title: 1 }), completionReply({ count: 2 }));
    const error = await failure(model().call(request()));
    expect(error).toBeInstanceOf(ModelSchemaMismatchError);
    expect((error as ModelSchemaMismatchError).reason).toBe('schema_mismatch');
    expect((error as ModelSchemaMismatchError).usage?.inputTokens).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a refusal as its own terminal error without retrying', async () => {
    server.enqueue(refusalReply("I can't help with that."), completionReply(good));
    const error = await failure(model().call(request()));
    expect(error).toBeInstanceOf(ModelRefusalError);
    expect((error as ModelRefusalError).retryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('reports finish_reason length as truncation without retrying', async () => {
    server.enqueue(completionReply('{"title": "Tic', { finishReason: 'length' }), completionReply(good));
    const error = await failure(model().call(request()));
    expect(error).toBeInstanceOf(ModelTruncatedError);
    expect((error as ModelTruncatedError).retryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a rejected request (401)', async () => {
    server.enqueue(errorReply(401, 'Incorrect API key'), completionReply(good));
    const error = await failure(model().call(request()));
    expect(error).toBeInstanceOf(ModelRequestRejectedError);
    expect((error as ModelRequestRejectedError).status).toBe(401);
    expect(server.requests).toHaveLength(1);
  });

  it('stops immediately when the caller aborts mid-request, without retrying', async () => {
    server.enqueue({ kind: 'hang' }, completionReply(good));
    const controller = new AbortController();
    const started = Date.now();
    const pending = failure(model({ timeoutMs: 10_000 }).call(request({ signal: controller.signal })));
    await server.waitForRequests(1);
    const abortedAt = Date.now();
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(ModelAbortedError);
    expect(Date.now() - abortedAt).toBeLessThan(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it('stops during a retry-after wait when the caller aborts', async () => {
    server.enqueue(rateLimitReply(10), completionReply(good));
    const controller = new AbortController();
    const started = Date.now();
    const pending = failure(
      model({ retry: { retryAfterMaxMs: 10_000 } }).call(request({ signal: controller.signal })),
    );
    await server.waitForRequests(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(ModelAbortedError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });

  it('never sends a request when the signal is already aborted', async () => {
    const error = await failure(model().call(request({ signal: AbortSignal.abort() })));
    expect(error).toBeInstanceOf(ModelAbortedError);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a schema strict mode cannot express before calling the endpoint', async () => {
    const error = await failure(
      model().call({ ...request(), schema: z.object({ note: z.string().optional() }), schemaName: 'bad' }),
    );
    expect(error).toBeInstanceOf(ModelRequestRejectedError);
    expect(server.requests).toHaveLength(0);
  });
});
