import type { JobKind } from '../job.ts';
import type { Fact, FactTopic } from '../ledger.ts';
import type { Model } from '../model.ts';
import type { Question } from '../question.ts';
import {
  assumptionFromSkip,
  type ExtractionContext,
  extractFacts,
  mergeFacts,
  type NewFact,
} from './extract-facts.ts';
import { decide } from './main-agent.ts';
import { isSkipIntent } from './skip-intent.ts';
import { unknownFactText, withInferredTopics } from './topic-inference.ts';
import { coveredTopics, isInterviewTopic, openTopics } from './topics.ts';
import type { CompletionReason, QuestioningTurnResult, TurnInput } from './turn-contract.ts';
import type { TurnUsage } from './turn-usage.ts';
import { factView } from './views.ts';
import { writeQuestion } from './write-question.ts';

export interface QuestioningTurnInput {
  request: string;
  kind: JobKind;
  currentVersion: { files: { path: string; content: string }[]; ledger: Fact[] } | null;
  questions: Question[];
  ledger: Fact[];
  latest: TurnInput;
  maxQuestions: number;
  signal?: AbortSignal;
}

/**
 * One questioning turn, the worker's single entry point: distill the newest message into the
 * ledger, let the main agent decide, and write the next question if it asks for one. Pure apart
 * from model calls, so a rerun after a crash computes the same kind of result (with new ids).
 */
export async function runQuestioningTurn(
  deps: { model: Model; newId: () => string },
  turnInput: QuestioningTurnInput,
): Promise<QuestioningTurnResult> {
  const usage: TurnUsage[] = [];
  const tagged = withInferredTopics(turnInput.ledger, turnInput.questions);
  const input = { ...turnInput, ledger: tagged.ledger, questions: tagged.questions };
  const existingApp = input.currentVersion
    ? {
        facts: input.currentVersion.ledger.map(factView),
        files: input.currentVersion.files.map((file) => file.path),
      }
    : null;
  const extraction: ExtractionContext = {
    model: deps.model,
    jobKind: input.kind,
    request: input.request,
    ledger: input.ledger,
    existingApp,
    signal: input.signal,
  };
  let ledger = [...input.ledger];
  const absorb = async (message: Parameters<typeof extractFacts>[1]) => {
    const result = await extractFacts({ ...extraction, ledger }, message);
    usage.push(...result.usage);
    ledger = mergeFacts(ledger, result.facts, deps.newId);
  };

  // A turn can arrive before the request was ever distilled (e.g. "build now" raced the first turn).
  if (input.latest.kind === 'request' || !ledger.some((fact) => fact.source.kind === 'request')) {
    await absorb({ kind: 'request' });
  }

  let userAskedToBuild = input.latest.kind === 'build_now';
  if (input.latest.kind === 'answer' || input.latest.kind === 'skip') {
    const question = findQuestion(input.questions, input.latest.questionId);
    if (input.latest.kind === 'skip') {
      await absorb({ kind: 'skip', question });
    } else {
      const wantsToBuild = isSkipIntent(question.answer?.text);
      userAskedToBuild ||= wantsToBuild;
      if (wantsToBuild && (question.answer?.optionIds.length ?? 0) === 0) {
        await absorb({ kind: 'skip', question });
      } else {
        await absorb({ kind: 'answer', question, includeText: !wantsToBuild });
      }
    }
  }
  // Skipped questions always leave their default behind, even if the skip arrived with "build now".
  ledger = mergeFacts(ledger, pendingAssumptions(input.questions, ledger, userAskedToBuild), deps.newId);

  const covered = coveredTopics(ledger, input.questions);
  const open = openTopics(input.kind, covered);
  ledger = withUnknowns(ledger, open, deps.newId);

  const context = {
    model: deps.model,
    jobKind: input.kind,
    request: input.request,
    ledger,
    questions: input.questions,
    covered,
    open,
    existingApp,
    signal: input.signal,
  };
  const { decision, usage: decisionUsage } = await decide({
    ...context,
    maxQuestions: input.maxQuestions,
    userAskedToBuild,
  });
  usage.push(...decisionUsage);

  if (decision.action === 'complete') return complete(ledger, decision.readiness, decision.completion, usage);
  const written = await writeQuestion(context);
  usage.push(...written.usage);
  if (!written.draft) return complete(ledger, decision.readiness, 'enough_information', usage);
  return {
    ledger,
    readiness: decision.readiness,
    outcome: { action: 'ask_question', question: written.draft },
    usage,
  };
}

function complete(
  ledger: Fact[],
  readiness: number,
  reason: CompletionReason,
  usage: TurnUsage[],
): QuestioningTurnResult {
  return { ledger, readiness, outcome: { action: 'complete', reason }, usage };
}

function findQuestion(questions: readonly Question[], questionId: string): Question {
  const question = questions.find((candidate) => candidate.id === questionId);
  if (!question) throw new Error(`questioning turn: question ${questionId} is not part of this job`);
  return question;
}

/**
 * Skipped questions (and, when the person builds now, the open one) whose default is not yet in
 * the ledger. Checking by source makes this idempotent across turns and reruns.
 */
function pendingAssumptions(
  questions: readonly Question[],
  ledger: readonly Fact[],
  buildingNow: boolean,
): NewFact[] {
  return questions
    .filter((question) => question.status === 'skipped' || (buildingNow && question.status === 'open'))
    .filter((question) => !ledger.some((fact) => fact.source.questionId === question.id))
    .map((question) => assumptionFromSkip(question, ledger));
}

/**
 * Keeps exactly one `unknown` fact per open interview topic: added while open, dropped once known,
 * so the ledger never says something is unknown right next to the answer.
 */
function withUnknowns(ledger: Fact[], open: readonly FactTopic[], newId: () => string): Fact[] {
  const kept = ledger.filter((fact) => fact.kind !== 'unknown' || !fact.topic || open.includes(fact.topic));
  for (const topic of open) {
    if (!isInterviewTopic(topic) && topic !== 'change') continue;
    if (kept.some((fact) => fact.kind === 'unknown' && fact.topic === topic)) continue;
    kept.push({
      id: newId(),
      kind: 'unknown',
      text: unknownFactText(topic),
      source: { kind: 'request' },
      topic,
    });
  }
  return kept;
}
