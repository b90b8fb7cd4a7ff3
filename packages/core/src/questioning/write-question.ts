import type { Blueprint } from '../blueprint/blueprint.ts';
import type { OpenDecision } from '../blueprint/open-decisions.ts';
import type { JobKind } from '../job.ts';
import type { Fact } from '../ledger.ts';
import type { Model, ModelCallResult } from '../model.ts';
import type { Question, QuestionDraft } from '../question.ts';
import { changeProblem, type QuestionDecision } from './decision-change.ts';
import { draftProblem, normalizeCard } from './draft-review.ts';
import { writeQuestionInstructions } from './instructions.ts';
import { QuestionCardOutput, questioningTasks } from './task-schemas.ts';
import { type TurnUsage, toTurnUsage } from './turn-usage.ts';
import { decisionTopics } from './update-blueprint.ts';
import { factView, questionView } from './views.ts';

export interface QuestionWritingContext {
  model: Model;
  jobKind: JobKind;
  request: string;
  ledger: readonly Fact[];
  blueprint: Blueprint;
  questions: readonly Question[];
  /** The open decision to ask about (the heaviest). */
  decision: OpenDecision;
  signal?: AbortSignal;
}

export interface WrittenQuestion {
  draft: QuestionDraft;
  /** Stored with the question: what each option and the skip do to the blueprint. */
  decision: QuestionDecision;
}

/**
 * The questioning service's writer: one question card about the top open decision. Options whose
 * change would not leave a buildable blueprint are dropped; a draft that strays into hosting or
 * technology, repeats an earlier question or whose skip default does not apply is sent back once
 * with the problem named. A second bad draft means there is nothing worth asking (null).
 */
export async function writeQuestion(
  context: QuestionWritingContext,
): Promise<{ written: WrittenQuestion | null; problem: string | null; usage: TurnUsage[] }> {
  const usage: TurnUsage[] = [];
  let rejectedDraft: { text: string; problem: string } | null = null;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const { output, usage: callUsage }: ModelCallResult<QuestionCardOutput> = await context.model.call({
      phase: 'questioning',
      task: questioningTasks.writeQuestion,
      instructions: writeQuestionInstructions,
      input: {
        jobKind: context.jobKind,
        request: context.request,
        facts: context.ledger.map(factView),
        blueprint: context.blueprint,
        decision: { ...context.decision },
        questions: context.questions.map(questionView),
        rejectedDraft,
      },
      schema: QuestionCardOutput,
      schemaName: 'question_card',
      signal: context.signal,
    });
    usage.push(toTurnUsage(callUsage));
    const target = context.decision;
    const card = {
      ...output,
      options: output.options.filter((option) => !changeProblem(context.blueprint, target, option.change)),
    };
    const skipProblem = changeProblem(context.blueprint, target, output.skipChange);
    const problem =
      draftProblem(
        card,
        context.questions.map((question) => question.text),
      ) ?? (skipProblem ? `skipChange does not apply: ${skipProblem}` : null);
    if (!problem) {
      const { question, changes } = normalizeCard(card);
      return {
        written: {
          draft: { ...question, topic: decisionTopics[target.kind] },
          decision: {
            decisionId: target.id,
            kind: target.kind,
            entityId: target.entityId,
            fieldId: target.fieldId,
            summary: target.summary,
            options: changes,
            skip: output.skipChange,
          },
        },
        problem: null,
        usage,
      };
    }
    rejectedDraft = { text: output.text, problem };
  }
  return { written: null, problem: rejectedDraft?.problem ?? null, usage };
}
