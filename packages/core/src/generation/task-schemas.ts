import { z } from 'zod';
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

export const SourceFile = z.object({ path: z.string(), content: z.string() });
export type SourceFile = z.infer<typeof SourceFile>;

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
  title: z.string().min(1),
  phase: GenerationPhase,
  /** What this step does to its files: the write step gets it as its brief. */
  description: z.string(),
  files: z.array(z.string()).min(1),
});
export type PlannedStep = z.infer<typeof PlannedStep>;

export const PlanInput = z.object({
  kind: z.enum(['create', 'change']),
  request: z.string(),
  ledger: z.array(LedgerFactView),
  /** The current version's files for a change, null for a new app. */
  currentFiles: z.array(SourceFile).nullable(),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const PlanOutput = z.object({
  summary: z.string(),
  steps: z.array(PlannedStep).min(1),
});
export type PlanOutput = z.infer<typeof PlanOutput>;

export const WriteStepInput = z.object({
  kind: z.enum(['create', 'change']),
  request: z.string(),
  ledger: z.array(LedgerFactView),
  plan: z.array(PlannedStep),
  stepIndex: z.number().int().nonnegative(),
  step: PlannedStep,
  /** Every file as it stands before this step (previous version + earlier steps). */
  files: z.array(SourceFile),
});
export type WriteStepInput = z.infer<typeof WriteStepInput>;

/** Complete new contents of the files written, plus paths this step removes. */
export const FileChanges = z.object({
  files: z.array(SourceFile),
  deletedPaths: z.array(z.string()),
});
export type FileChanges = z.infer<typeof FileChanges>;

export const FixInput = z.object({
  request: z.string(),
  ledger: z.array(LedgerFactView),
  attempt: z.number().int().positive(),
  files: z.array(SourceFile),
  problems: z.array(ProblemView),
});
export type FixInput = z.infer<typeof FixInput>;
