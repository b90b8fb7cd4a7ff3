import { z } from 'zod';
import { FactTopic } from '../ledger.ts';
import { QuestionKind } from '../question.ts';

/**
 * The contract between the questioning code and any model: task names, the structured input each
 * task receives and the output it must return. The offline provider answers from these inputs,
 * LLM providers see them as JSON. Outputs use `.nullable()`, never `.optional()` (OpenAI strict mode).
 */
export const questioningTasks = {
  extractFacts: 'questioning.extract_facts',
  decide: 'questioning.decide',
  writeQuestion: 'questioning.write_question',
} as const;

const JobKindInput = z.enum(['create', 'change']);

export const FactView = z.object({
  kind: z.enum(['goal', 'requirement', 'ui', 'unknown', 'assumption']),
  text: z.string(),
  topic: FactTopic.nullable(),
});
export type FactView = z.infer<typeof FactView>;

export const QuestionView = z.object({
  number: z.number().int(),
  text: z.string(),
  topic: FactTopic.nullable(),
  kind: QuestionKind,
  options: z.array(z.object({ id: z.string(), label: z.string() })),
  status: z.enum(['open', 'answered', 'skipped']),
  answer: z.string().nullable(),
});
export type QuestionView = z.infer<typeof QuestionView>;

export const ExistingAppView = z.object({ facts: z.array(FactView), files: z.array(z.string()) }).nullable();

export const ExtractFactsInput = z.object({
  jobKind: JobKindInput,
  request: z.string(),
  message: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('request'), text: z.string() }),
    z.object({
      kind: z.literal('answer'),
      question: QuestionView,
      selectedOptions: z.array(z.string()),
      text: z.string().nullable(),
    }),
  ]),
  knownFacts: z.array(FactView),
  existingApp: ExistingAppView,
});
export type ExtractFactsInput = z.infer<typeof ExtractFactsInput>;

export const ExtractedFact = z.object({
  kind: z.enum(['goal', 'requirement', 'ui', 'assumption']),
  text: z.string().min(1),
  topic: FactTopic.nullable(),
});
export type ExtractedFact = z.infer<typeof ExtractedFact>;

export const ExtractFactsOutput = z.object({ facts: z.array(ExtractedFact) });
export type ExtractFactsOutput = z.infer<typeof ExtractFactsOutput>;

export const DecideInput = z.object({
  jobKind: JobKindInput,
  request: z.string(),
  facts: z.array(FactView),
  coveredTopics: z.array(FactTopic),
  openTopics: z.array(FactTopic),
  questions: z.array(QuestionView),
  questionsRemaining: z.number().int().nonnegative(),
  existingApp: ExistingAppView,
});
export type DecideInput = z.infer<typeof DecideInput>;

export const DecideOutput = z.object({
  action: z.enum(['ask_question', 'proceed']),
  reason: z.string(),
  readiness: z.number().int().min(0).max(100),
});
export type DecideOutput = z.infer<typeof DecideOutput>;

export const WriteQuestionInput = z.object({
  jobKind: JobKindInput,
  request: z.string(),
  facts: z.array(FactView),
  coveredTopics: z.array(FactTopic),
  openTopics: z.array(FactTopic),
  questions: z.array(QuestionView),
  existingApp: ExistingAppView,
  /** Set when the previous draft was rejected, so the model can fix exactly that. */
  rejectedDraft: z.object({ text: z.string(), problem: z.string() }).nullable(),
});
export type WriteQuestionInput = z.infer<typeof WriteQuestionInput>;

export const WriteQuestionOutput = z.object({
  topic: FactTopic,
  text: z.string().min(1),
  why: z.string().min(1),
  kind: QuestionKind,
  options: z.array(z.object({ label: z.string().min(1), recommended: z.boolean() })).max(4),
  assumptionIfSkipped: z.string().min(1),
});
export type WriteQuestionOutput = z.infer<typeof WriteQuestionOutput>;
