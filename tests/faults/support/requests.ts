import { randomUUID } from 'node:crypto';
import {
  type Blueprint,
  createOfflineModel,
  type Fact,
  type Question,
  type QuestionDecision,
  runQuestioningTurn,
  type TurnInput,
} from '@app/core';

/**
 * The request of the scenarios that answer several questions. The blueprint interview asks only
 * about what is open, so a plain "A tracker for our support tickets" gets one question and builds:
 * this one leaves five decisions open that each get a question with options (a Tool's details,
 * the stages of a Loan, a Member's details, the priorities and the severities), whichever option
 * the scenario picks. `requests.test.ts` keeps that true, so a change of the interview fails there
 * by name instead of as a timeout in a fault scenario.
 */
export const severalQuestionsRequest =
  'Members check tools out; each loan has a status, a priority, a severity, a frequency and a due date';

/** Questions `severalQuestionsRequest` is asked before the interview completes on its own. */
export const severalQuestionsCount = 5;

/** How the scenarios answer: `driveJob` picks the recommended option, others the first one. */
export type AnswerPick = 'recommended' | 'first';

/**
 * The real questioning turns with the offline model, no database (as the worker runs them),
 * answering each question as a scenario would, until the interview completes. Returns the
 * questions asked, each with its number of options.
 */
export async function offlineInterview(
  request: string,
  pick: AnswerPick,
  maxQuestions = 10,
): Promise<{ questions: { text: string; options: number }[]; reason: string }> {
  const model = createOfflineModel();
  let ledger: Fact[] = [];
  let blueprint: Blueprint | null = null;
  const questions: Question[] = [];
  const questionDecisions: Record<string, QuestionDecision> = {};
  let latest: TurnInput = { kind: 'request' };
  for (let turn = 0; turn <= maxQuestions; turn++) {
    const result = await runQuestioningTurn(
      { model, newId: randomUUID },
      {
        request,
        kind: 'create',
        questions,
        questionDecisions,
        ledger,
        blueprint,
        baseBlueprint: null,
        latest,
        maxQuestions,
      },
    );
    ledger = result.ledger;
    blueprint = result.blueprint;
    if (result.outcome.action === 'complete') {
      return {
        questions: questions.map((question) => ({ text: question.text, options: question.options.length })),
        reason: result.outcome.reason,
      };
    }
    const draft = result.outcome.question;
    const choice =
      pick === 'recommended'
        ? (draft.options.find((option) => option.recommended) ?? draft.options[0])
        : draft.options[0];
    const question: Question = {
      ...draft,
      id: randomUUID(),
      number: questions.length + 1,
      status: 'answered',
      answer: { optionIds: choice ? [choice.id] : [], text: choice ? null : 'Yes' },
    };
    if (result.outcome.decision) questionDecisions[question.id] = result.outcome.decision;
    questions.push(question);
    latest = { kind: 'answer', questionId: question.id };
  }
  throw new Error(`the interview of "${request}" did not complete within ${maxQuestions} questions`);
}
