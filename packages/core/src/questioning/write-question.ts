import type { JobKind } from '../job.ts';
import type { Fact, FactTopic } from '../ledger.ts';
import type { Model, ModelCallResult } from '../model.ts';
import type { Question, QuestionDraft } from '../question.ts';
import { draftProblem, normalizeDraft } from './draft-review.ts';
import { writeQuestionInstructions } from './instructions.ts';
import { type FactView, questioningTasks, WriteQuestionOutput } from './task-schemas.ts';
import { type TurnUsage, toTurnUsage } from './turn-usage.ts';
import { factView, questionView } from './views.ts';

export interface QuestionWritingContext {
  model: Model;
  jobKind: JobKind;
  request: string;
  ledger: readonly Fact[];
  questions: readonly Question[];
  covered: ReadonlySet<FactTopic>;
  open: readonly FactTopic[];
  existingApp: { facts: FactView[]; files: string[] } | null;
  signal?: AbortSignal;
}

/**
 * The questioning service's writer: one question card for the open topic that matters most.
 * A draft that re-asks something known or strays into hosting/technology is sent back once with
 * the problem named; a second bad draft means there is nothing worth asking (null).
 */
export async function writeQuestion(
  context: QuestionWritingContext,
): Promise<{ draft: QuestionDraft | null; problem: string | null; usage: TurnUsage[] }> {
  const usage: TurnUsage[] = [];
  let rejectedDraft: { text: string; problem: string } | null = null;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const { output, usage: callUsage }: ModelCallResult<WriteQuestionOutput> = await context.model.call({
      phase: 'questioning',
      task: questioningTasks.writeQuestion,
      instructions: writeQuestionInstructions,
      input: {
        jobKind: context.jobKind,
        request: context.request,
        facts: context.ledger.map(factView),
        coveredTopics: [...context.covered],
        openTopics: [...context.open],
        questions: context.questions.map((question) => questionView(question, context.ledger)),
        existingApp: context.existingApp,
        rejectedDraft,
      },
      schema: WriteQuestionOutput,
      schemaName: 'question_card',
      signal: context.signal,
    });
    usage.push(toTurnUsage(callUsage));
    const problem = draftProblem(output, {
      covered: context.covered,
      open: context.open,
      askedTexts: context.questions.map((question) => question.text),
    });
    if (!problem) return { draft: normalizeDraft(output), problem: null, usage };
    rejectedDraft = { text: output.text, problem };
  }
  return { draft: null, problem: rejectedDraft?.problem ?? null, usage };
}
