import { z } from 'zod';
import { Blueprint } from '../blueprint/blueprint.ts';
import { FactTopic } from '../ledger.ts';

/**
 * The contract between the generator and any model: task names, the structured input each task
 * receives and the output it must return. Outputs follow OpenAI strict mode: every field
 * required, `.nullable()` instead of `.optional()`. The offline provider answers from the inputs.
 */
export const generationTasks = {
  plan: 'generation.plan',
  writeStep: 'generation.write_step',
  fix: 'generation.fix',
} as const;

export const GenerationPhase = z.enum(['scaffold', 'logic', 'styling', 'polish']);
export type GenerationPhase = z.infer<typeof GenerationPhase>;

/**
 * Limits on what a model may hand back (docs/architecture.md#security: generated code is untrusted, and so is its
 * size). An output over any of them fails its schema, so the provider reports it as invalid
 * output (`ModelSchemaMismatchError`) like any other malformed reply. They are also written into
 * the JSON schema sent to the model (`maxItems`, `maxLength`), so a well-behaved model stays inside.
 */
export const generationLimits = {
  /** Steps in one plan. */
  maxPlanSteps: 12,
  /** Files one step (or fix) may write, and paths it may delete. */
  maxFilesPerChange: 60,
  /** One file's content, in UTF-8 bytes (≈ 200 KB). */
  maxFileBytes: 200 * 1024,
  maxPathLength: 200,
  maxTitleLength: 200,
  /** A plan's summary or a step's description. */
  maxDescriptionLength: 2_000,
} as const;

/** UTF-8 length without allocating an encoded copy. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

const FilePath = z.string().max(generationLimits.maxPathLength);

/** A file as the builder holds it (inputs: the current version, files so far). */
export const SourceFile = z.object({ path: z.string(), content: z.string() });
export type SourceFile = z.infer<typeof SourceFile>;

/** A file a model writes: path and size capped. */
export const WrittenFile = z.object({
  path: FilePath,
  content: z
    .string()
    .max(generationLimits.maxFileBytes)
    .refine((content) => utf8Length(content) <= generationLimits.maxFileBytes, {
      message: `a file may be at most ${generationLimits.maxFileBytes} bytes`,
    }),
});

export const LedgerFactView = z.object({
  kind: z.enum(['goal', 'requirement', 'ui', 'unknown', 'assumption']),
  text: z.string(),
  topic: FactTopic.nullable(),
});
export type LedgerFactView = z.infer<typeof LedgerFactView>;

const ProblemView = z.object({
  path: z.string(),
  line: z.number().int().nullable(),
  message: z.string(),
  source: z.enum(['bundle', 'types', 'render', 'check']),
});

export const PlannedStep = z.object({
  title: z.string().min(1).max(generationLimits.maxTitleLength),
  phase: GenerationPhase,
  /** What this step does to its files: the write step gets it as its brief. */
  description: z.string().max(generationLimits.maxDescriptionLength),
  files: z.array(FilePath).min(1).max(generationLimits.maxFilesPerChange),
});
export type PlannedStep = z.infer<typeof PlannedStep>;

export const PlanInput = z.object({
  kind: z.enum(['create', 'change']),
  request: z.string(),
  ledger: z.array(LedgerFactView),
  /** The app's design, what is built (null only for jobs from before blueprints). */
  blueprint: Blueprint.nullable(),
  /** The current version's files for a change, null for a new app. */
  currentFiles: z.array(SourceFile).nullable(),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const PlanOutput = z.object({
  summary: z.string().max(generationLimits.maxDescriptionLength),
  steps: z.array(PlannedStep).min(1).max(generationLimits.maxPlanSteps),
});
export type PlanOutput = z.infer<typeof PlanOutput>;

export const WriteStepInput = z.object({
  kind: z.enum(['create', 'change']),
  request: z.string(),
  ledger: z.array(LedgerFactView),
  blueprint: Blueprint.nullable(),
  plan: z.array(PlannedStep),
  stepIndex: z.number().int().nonnegative(),
  step: PlannedStep,
  /** Every file as it stands before this step (previous version + earlier steps). */
  files: z.array(SourceFile),
});
export type WriteStepInput = z.infer<typeof WriteStepInput>;

/** Complete new contents of the files written, plus paths this step removes. */
export const FileChanges = z.object({
  files: z.array(WrittenFile).max(generationLimits.maxFilesPerChange),
  deletedPaths: z.array(FilePath).max(generationLimits.maxFilesPerChange),
});
export type FileChanges = z.infer<typeof FileChanges>;

export const FixInput = z.object({
  request: z.string(),
  ledger: z.array(LedgerFactView),
  blueprint: Blueprint.nullable(),
  attempt: z.number().int().positive(),
  files: z.array(SourceFile),
  problems: z.array(ProblemView),
});
export type FixInput = z.infer<typeof FixInput>;
