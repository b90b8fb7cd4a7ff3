import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ModelSchemaMismatchError } from '../../errors.ts';
import { FileChanges, generationLimits, generationTasks } from '../../generation/task-schemas.ts';
import {
  completionReply,
  type OpenAiWireServer,
  startOpenAiWireServer,
} from '../../testing/openai-wire-server.ts';
import { createOpenAiModel, defaultOutputTokenCaps, type OpenAiModelOptions } from './openai-model.ts';

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

function call<T>(schema: z.ZodType<T>, schemaName: string, options: Partial<OpenAiModelOptions> = {}) {
  return model(options).call({
    phase: 'generation',
    task: generationTasks.customise,
    instructions: 'Write the custom files.',
    input: { request: 'a ticket tracker' },
    schema,
    schemaName,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const file = (index: number, content = 'export {};\n') => ({ path: `src/custom/file-${index}.ts`, content });

describe('output caps on model calls', () => {
  it('every request carries an output-token cap for its phase', async () => {
    server.enqueue(
      completionReply({ files: [], deletedPaths: [] }),
      completionReply({ files: [], deletedPaths: [] }),
    );
    await call(FileChanges, 'custom_files');
    await model({ maxOutputTokens: { generation: 1_234 } }).call({
      phase: 'generation',
      task: generationTasks.fix,
      instructions: 'Fix.',
      input: {},
      schema: FileChanges,
      schemaName: 'fixed_files',
    });
    expect(server.requests[0]?.body).toMatchObject({
      max_completion_tokens: defaultOutputTokenCaps.generation,
    });
    expect(server.requests[1]?.body).toMatchObject({ max_completion_tokens: 1_234 });

    server.enqueue(completionReply({ files: [], deletedPaths: [] }));
    await model().call({
      phase: 'questioning',
      task: 'questioning.decide',
      instructions: 'Decide.',
      input: {},
      schema: FileChanges,
      schemaName: 'any_output',
    });
    expect(server.requests[2]?.body).toMatchObject({
      max_completion_tokens: defaultOutputTokenCaps.questioning,
    });
  });

  it('tells the model the caps in the JSON schema it sends', async () => {
    server.enqueue(completionReply({ files: [], deletedPaths: [] }));
    await call(FileChanges, 'custom_files');
    const sent = JSON.stringify(server.requests[0]?.body);
    expect(sent).toContain(`"maxItems":${generationLimits.maxFilesPerChange}`);
    expect(sent).toContain(`"maxLength":${generationLimits.maxPathLength}`);
    expect(sent).toContain(`"maxLength":${generationLimits.maxFileBytes}`);
  });

  const overCaps: [string, z.ZodType<unknown>, string, unknown][] = [
    [
      'a change set with too many files',
      FileChanges,
      'custom_files',
      {
        files: Array.from({ length: generationLimits.maxFilesPerChange + 1 }, (_, index) => file(index)),
        deletedPaths: [],
      },
    ],
    [
      'a file over the size cap in UTF-8 bytes (three-byte characters, fewer than the cap)',
      FileChanges,
      'custom_files',
      { files: [file(0, '€'.repeat(Math.ceil(generationLimits.maxFileBytes / 3) + 1))], deletedPaths: [] },
    ],
    [
      'a path over the length cap',
      FileChanges,
      'custom_files',
      {
        files: [{ path: `src/custom/${'a'.repeat(generationLimits.maxPathLength)}.ts`, content: '' }],
        deletedPaths: [],
      },
    ],
    [
      'too many deletions',
      FileChanges,
      'custom_files',
      {
        files: [],
        deletedPaths: Array.from(
          { length: generationLimits.maxFilesPerChange + 1 },
          (_, index) => `src/custom/${index}.ts`,
        ),
      },
    ],
  ];

  for (const [name, schema, schemaName, reply] of overCaps) {
    it(`rejects ${name} as invalid output`, async () => {
      server.enqueue(completionReply(reply), completionReply(reply));
      const error = await failure(call(schema, schemaName));
      expect(error).toBeInstanceOf(ModelSchemaMismatchError);
      expect((error as ModelSchemaMismatchError).reason).toBe('schema_mismatch');
    });
  }

  it('accepts output right at the caps', async () => {
    const reply = {
      files: [
        ...Array.from({ length: generationLimits.maxFilesPerChange - 1 }, (_, index) => file(index)),
        file(99, 'a'.repeat(generationLimits.maxFileBytes)),
      ],
      deletedPaths: [],
    };
    server.enqueue(completionReply(reply));
    const result = await call(FileChanges, 'custom_files');
    expect(result.output.files).toHaveLength(generationLimits.maxFilesPerChange);
  });
});
