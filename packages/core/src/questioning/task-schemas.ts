import { z } from 'zod';
import { Blueprint } from '../blueprint/blueprint.ts';
import { OpenDecisionKind } from '../blueprint/open-decisions.ts';
import { JobKind } from '../job.ts';
import { QuestionKind } from '../question.ts';
import { DecisionChange } from './decision-change.ts';
import { updateBlueprintTask } from './update-blueprint-task.ts';

/**
 * The contract between the questioning code and any model: task names, the structured input each
 * task receives and the output it must return (docs/state-machine.md#turns-and-runs: update the blueprint → decide → write the
 * question). The offline provider answers from these inputs, LLM providers see them as JSON.
 * Outputs use `.nullable()`, never `.optional()` (OpenAI strict mode).
 */
export const questioningTasks = {
  updateBlueprint: updateBlueprintTask,
  decide: 'questioning.decide',
  writeQuestion: 'questioning.write_question',
} as const;

export {
  KnownFactView,
  NewFactOutput,
  UnderstandingFocus,
  UpdateBlueprintInput,
  UpdateBlueprintOutput,
} from './update-blueprint-task.ts';

export const OpenDecisionView = z.object({
  id: z.string(),
  kind: OpenDecisionKind,
  entityId: z.string().nullable(),
  fieldId: z.string().nullable(),
  weight: z.number(),
  summary: z.string(),
});
export type OpenDecisionView = z.infer<typeof OpenDecisionView>;

export const BlueprintFactView = z.object({
  kind: z.enum(['goal', 'requirement', 'ui', 'unknown', 'assumption']),
  text: z.string(),
});

export const AskedQuestionView = z.object({
  number: z.number().int(),
  text: z.string(),
  status: z.enum(['open', 'answered', 'skipped']),
  answer: z.string().nullable(),
});
export type AskedQuestionView = z.infer<typeof AskedQuestionView>;

export const MainAgentInput = z.object({
  jobKind: JobKind,
  request: z.string(),
  facts: z.array(BlueprintFactView),
  blueprint: Blueprint,
  openDecisions: z.array(OpenDecisionView),
  readiness: z.number().int().min(0).max(100),
  questions: z.array(AskedQuestionView),
  questionsRemaining: z.number().int().nonnegative(),
});
export type MainAgentInput = z.infer<typeof MainAgentInput>;

export const MainAgentOutput = z.object({
  action: z.enum(['ask_question', 'proceed']),
  /** One sentence a person can read. */
  reason: z.string().min(1),
});
export type MainAgentOutput = z.infer<typeof MainAgentOutput>;

export const QuestionCardInput = z.object({
  jobKind: JobKind,
  request: z.string(),
  facts: z.array(BlueprintFactView),
  blueprint: Blueprint,
  /** The decision to ask about: the heaviest open one. */
  decision: OpenDecisionView,
  questions: z.array(AskedQuestionView),
  /** Set when the previous draft was rejected, so the model can fix exactly that. */
  rejectedDraft: z.object({ text: z.string(), problem: z.string() }).nullable(),
});
export type QuestionCardInput = z.infer<typeof QuestionCardInput>;

export const QuestionCardOutput = z.object({
  text: z.string().min(1).max(300),
  why: z.string().min(1).max(300),
  kind: QuestionKind,
  /** Each option is a concrete change of the blueprint; exactly one recommended. */
  options: z
    .array(z.object({ label: z.string().min(1).max(120), recommended: z.boolean(), change: DecisionChange }))
    .max(4),
  /** The default, as a statement ("I'll give each Member an Email and a Phone."). */
  assumptionIfSkipped: z.string().min(1).max(300),
  /** What the default does to the blueprint. */
  skipChange: DecisionChange,
});
export type QuestionCardOutput = z.infer<typeof QuestionCardOutput>;
