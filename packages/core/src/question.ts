import { z } from 'zod';
import { FactTopic } from './ledger.ts';

export const QuestionKind = z.enum(['single', 'multi', 'text']);
export type QuestionKind = z.infer<typeof QuestionKind>;

export const QuestionOption = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  recommended: z.boolean(),
});
export type QuestionOption = z.infer<typeof QuestionOption>;

export const QuestionStatus = z.enum(['open', 'answered', 'skipped']);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

export const Answer = z.object({
  optionIds: z.array(z.string()),
  text: z.string().nullable(),
});
export type Answer = z.infer<typeof Answer>;

/** A question card (docs/architecture.md#shapes). At most one `open` question per job. */
export const Question = z.object({
  id: z.string().uuid(),
  number: z.number().int().positive(),
  text: z.string(),
  why: z.string(),
  kind: QuestionKind,
  options: z.array(QuestionOption),
  assumptionIfSkipped: z.string(),
  status: QuestionStatus,
  answer: Answer.nullable(),
  /** The slot the question targets; optional because it is advisory (older rows lack it). */
  topic: FactTopic.optional(),
});
export type Question = z.infer<typeof Question>;

/** What a questioning turn produces before it is persisted (ids of options are stable slugs). */
export const QuestionDraft = Question.pick({
  text: true,
  why: true,
  kind: true,
  options: true,
  assumptionIfSkipped: true,
  topic: true,
});
export type QuestionDraft = z.infer<typeof QuestionDraft>;
