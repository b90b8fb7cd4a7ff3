import { randomUUID } from 'node:crypto';
import type { Blueprint } from '../src/blueprint/blueprint.ts';
import type { Fact } from '../src/ledger.ts';
import { createOfflineModel } from '../src/providers/offline/index.ts';
import type { Question } from '../src/question.ts';
import { runQuestioningTurn } from '../src/questioning/run-questioning-turn.ts';
import type { QuestionDecision, TurnInput } from '../src/questioning/turn-contract.ts';

/** One question the interview asked, with how ready the design was when it asked. */
export interface AskedQuestion {
  number: number;
  text: string;
  readiness: number;
  /** The option the eval picked: the recommended one (or the first). */
  answer: string | null;
}

export interface Interview {
  blueprint: Blueprint;
  questions: AskedQuestion[];
  /** Readiness after the request was read, before any answer. */
  firstReadiness: number;
  finalReadiness: number;
  reason: string;
}

const maxQuestions = 8;

/**
 * The real offline pipeline for one request, pure core and no database: questioning turns with
 * the offline model, each question answered with its recommended option (as a person clicking
 * "recommended" would), until the main agent completes. The final blueprint is what gets built.
 */
export async function interview(request: string): Promise<Interview> {
  const model = createOfflineModel();
  let ledger: Fact[] = [];
  let blueprint: Blueprint | null = null;
  const questions: Question[] = [];
  const questionDecisions: Record<string, QuestionDecision> = {};
  const asked: AskedQuestion[] = [];
  let latest: TurnInput = { kind: 'request' };
  let firstReadiness: number | null = null;
  for (let turn = 0; turn <= maxQuestions + 1; turn++) {
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
    firstReadiness ??= result.readiness;
    if (result.outcome.action === 'complete')
      return {
        blueprint,
        questions: asked,
        firstReadiness,
        finalReadiness: result.readiness,
        reason: result.outcome.reason,
      };
    const draft = result.outcome.question;
    const pick = draft.options.find((option) => option.recommended) ?? draft.options[0] ?? null;
    const question: Question = {
      ...draft,
      id: randomUUID(),
      number: questions.length + 1,
      status: 'answered',
      answer: { optionIds: pick ? [pick.id] : [], text: pick ? null : 'just build it' },
    };
    if (result.outcome.decision) questionDecisions[question.id] = result.outcome.decision;
    questions.push(question);
    asked.push({
      number: question.number,
      text: draft.text,
      readiness: result.readiness,
      answer: pick?.label ?? null,
    });
    latest = { kind: 'answer', questionId: question.id };
  }
  throw new Error(`interview of "${request.slice(0, 60)}" did not complete within ${maxQuestions} questions`);
}
