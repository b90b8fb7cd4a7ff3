import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createModel } from './create-model.ts';
import { ModelAbortedError } from './errors.ts';
import { createScriptedModel } from './testing/scripted-model.ts';

describe('createModel', () => {
  it('builds the offline model by default config and the openai model with per-phase names', () => {
    expect(createModel({ provider: 'offline' }).describe()).toBe('offline:builder-1');
    const openai = createModel({
      provider: 'openai',
      apiKey: 'k',
      baseURL: 'http://127.0.0.1:1/v1',
      questioningModel: 'gpt-4.1-mini',
      generationModel: 'gpt-4.1-mini',
    });
    expect(openai.describe()).toBe('openai:gpt-4.1-mini');
  });

  it('offline honours an already-aborted signal', async () => {
    const call = createModel({ provider: 'offline' }).call({
      phase: 'questioning',
      task: 'questioning.decide',
      instructions: '',
      input: {},
      schema: z.object({}),
      schemaName: 'x',
      signal: AbortSignal.abort(),
    });
    await expect(call).rejects.toBeInstanceOf(ModelAbortedError);
  });
});

describe('scripted model', () => {
  it('answers per task in order, records calls, and rejects outputs a real model could not give', async () => {
    const model = createScriptedModel().enqueue('t', { output: { a: 1 } }, { output: { a: 'no' } });
    const request = {
      phase: 'generation' as const,
      task: 't',
      instructions: 'i',
      input: { x: 1 },
      schema: z.object({ a: z.number() }),
      schemaName: 's',
    };
    expect((await model.call(request)).output).toEqual({ a: 1 });
    await expect(model.call(request)).rejects.toThrow();
    await expect(model.call(request)).rejects.toThrow(/nothing queued/);
    expect(model.calls).toHaveLength(3);
    expect(model.pending()).toEqual({});
  });
});
