import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ModelSchemaMismatchError } from '../../errors.ts';
import { FileChanges, generationLimits, generationTasks, PlanOutput } from '../../generation/task-schemas.ts';
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
    task: generationTasks.writeStep,
    instructions: 'Write the files.',
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

const step = (index: number) => ({
  title: `Step ${index}`,
  phase: 'logic',
  description: 'Writes a file.',
  files: [`src/step-${index}.ts`],
});
const file = (index: number, content = 'export {};\n') => ({ path: `src/file-${index}.ts`, content });

describe('output caps on model calls', () => {
  it('every request carries an output-token cap for its phase', async () => {
    server.enqueue(
      completionReply({ files: [], deletedPaths: [] }),
      completionReply({ files: [], deletedPaths: [] }),
    );
    await call(FileChanges, 'step_files');
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

    server.enqueue(completionReply({ summary: 'x', steps: [step(0)] }));
    await model().call({
      phase: 'questioning',
      task: 'questioning.decide',
      instructions: 'Plan.',
      input: {},
      schema: PlanOutput,
      schemaName: 'generation_plan',
    });
    expect(server.requests[2]?.body).toMatchObject({
      max_completion_tokens: defaultOutputTokenCaps.questioning,
    });
  });

  it('tells the model the caps in the JSON schema it sends', async () => {
    server.enqueue(completionReply({ summary: 'x', steps: [step(0)] }));
    await call(PlanOutput, 'generation_plan');
    const sent = JSON.stringify(server.requests[0]?.body);
    expect(sent).toContain(`"maxItems":${generationLimits.maxPlanSteps}`);
    expect(sent).toContain(`"maxItems":${generationLimits.maxFilesPerChange}`);
    expect(sent).toContain(`"maxLength":${generationLimits.maxPathLength}`);
  });

  const overCaps: [string, z.ZodType<unknown>, string, unknown][] = [
    [
      'a plan with too many steps',
      PlanOutput,
      'generation_plan',
      {
        summary: 'x',
        steps: Array.from({ length: generationLimits.maxPlanSteps + 1 }, (_, index) => step(index)),
      },
    ],
    [
      'a change set with too many files',
      FileChanges,
      'step_files',
      {
        files: Array.from({ length: generationLimits.maxFilesPerChange + 1 }, (_, index) => file(index)),
        deletedPaths: [],
      },
    ],
    [
      'a file over the size cap (in UTF-8 bytes: 70,000 three-byte characters)',
      FileChanges,
      'step_files',
      { files: [file(0, '€'.repeat(70_000))], deletedPaths: [] },
    ],
    [
      'a path over the length cap',
      FileChanges,
      'step_files',
      {
        files: [{ path: `src/${'a'.repeat(generationLimits.maxPathLength)}.ts`, content: '' }],
        deletedPaths: [],
      },
    ],
    [
      'too many deletions',
      FileChanges,
      'step_files',
      {
        files: [],
        deletedPaths: Array.from(
          { length: generationLimits.maxFilesPerChange + 1 },
          (_, index) => `src/${index}.ts`,
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
    const result = await call(FileChanges, 'step_files');
    expect(result.output.files).toHaveLength(generationLimits.maxFilesPerChange);
  });
});
