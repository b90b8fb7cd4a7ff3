import { type Blueprint, emptyBlueprint } from '../blueprint/blueprint.ts';
import {
  type OpenDecision,
  type OpenDecisionContext,
  openDecisions,
  readinessOf,
} from '../blueprint/open-decisions.ts';
import type { JobKind } from '../job.ts';
import type { Fact } from '../ledger.ts';
import type { Model } from '../model.ts';
import type { Question } from '../question.ts';
import type { QuestionDecision } from './decision-change.ts';
import { decide } from './main-agent.ts';
import { isSkipIntent } from './skip-intent.ts';
import type { CompletionReason, QuestioningTurnResult, TurnInput } from './turn-contract.ts';
import type { TurnUsage } from './turn-usage.ts';
import {
  absorbAnswer,
  absorbRequest,
  absorbSkip,
  type BlueprintUpdate,
  type BlueprintUpdateContext,
} from './update-blueprint.ts';
import { writeQuestion } from './write-question.ts';

export interface QuestioningTurnInput {
  request: string;
  kind: JobKind;
  questions: Question[];
  /** What each asked question's options and skip do (stored with the question), by question id. */
  questionDecisions: Readonly<Record<string, QuestionDecision>>;
  ledger: Fact[];
  /** The job's blueprint so far; null before its first turn. */
  blueprint: Blueprint | null;
  /** A change job's starting point: the blueprint its base version was built from (null: none kept). */
  baseBlueprint: Blueprint | null;
  latest: TurnInput;
  maxQuestions: number;
  signal?: AbortSignal;
}

/**
 * One questioning turn (docs/state-machine.md#turns-and-runs), the worker's single entry point: read the newest message into
 * the ledger and the blueprint, let the main agent decide from the blueprint's open decisions, and
 * write the question about the heaviest one. Pure apart from model calls, so a rerun after a crash
 * computes the same kind of result (with new fact ids).
 */
export async function runQuestioningTurn(
  deps: { model: Model; newId: () => string },
  input: QuestioningTurnInput,
): Promise<QuestioningTurnResult> {
  const usage: TurnUsage[] = [];
  const base = input.kind === 'change' ? input.baseBlueprint : null;
  let ledger = [...input.ledger];
  let blueprint = input.blueprint ?? base ?? emptyBlueprint();
  const context = (): BlueprintUpdateContext => ({
    model: deps.model,
    newId: deps.newId,
    jobKind: input.kind,
    request: input.request,
    ledger,
    blueprint,
    base,
    signal: input.signal,
  });
  const take = (update: Pick<BlueprintUpdate, 'ledger' | 'blueprint'> & { usage?: TurnUsage[] }) => {
    ledger = update.ledger;
    blueprint = update.blueprint;
    usage.push(...(update.usage ?? []));
  };
  const decisionOf = (question: Question) => input.questionDecisions[question.id] ?? null;

  // A turn can arrive before the request was ever read (e.g. "build now" raced the first turn).
  if (input.latest.kind === 'request' || !ledger.some((fact) => fact.source.kind === 'request')) {
    take(await absorbRequest(context()));
  }

  let userAskedToBuild = input.latest.kind === 'build_now';
  if (input.latest.kind === 'answer' || input.latest.kind === 'skip') {
    const question = findQuestion(input.questions, input.latest.questionId);
    if (input.latest.kind === 'skip') {
      take(absorbSkip(context(), question, decisionOf(question)));
    } else {
      const wantsToBuild = isSkipIntent(question.answer?.text);
      userAskedToBuild ||= wantsToBuild;
      if (wantsToBuild && (question.answer?.optionIds.length ?? 0) === 0) {
        take(absorbSkip(context(), question, decisionOf(question)));
      } else {
        take(await absorbAnswer(context(), question, decisionOf(question), !wantsToBuild));
      }
    }
  }
  // Skipped questions always leave their default behind, even if the skip arrived with "build now".
  for (const question of pendingDefaults(input.questions, ledger, userAskedToBuild))
    take(absorbSkip(context(), question, decisionOf(question)));

  const decisionContext: OpenDecisionContext = {
    jobKind: input.kind,
    askedDecisionIds: askedDecisionIds(input.questions, input.questionDecisions),
    base,
  };
  const open = openDecisions(blueprint, decisionContext);
  const readiness = readinessOf(blueprint, decisionContext);
  ledger = withUnknowns(ledger, open, deps.newId);

  const { decision, usage: decisionUsage } = await decide({
    model: deps.model,
    jobKind: input.kind,
    request: input.request,
    ledger,
    blueprint,
    questions: input.questions,
    open,
    readiness,
    maxQuestions: input.maxQuestions,
    userAskedToBuild,
    signal: input.signal,
  });
  usage.push(...decisionUsage);
  const result = (reason: CompletionReason): QuestioningTurnResult => ({
    ledger,
    blueprint,
    readiness,
    outcome: { action: 'complete', reason },
    usage,
  });

  const top = open[0];
  if (decision.action === 'complete' || !top)
    return result(decision.action === 'complete' ? decision.completion : 'enough_information');
  const written = await writeQuestion({
    model: deps.model,
    jobKind: input.kind,
    request: input.request,
    ledger,
    blueprint,
    questions: input.questions,
    decision: top,
    signal: input.signal,
  });
  usage.push(...written.usage);
  if (!written.written) return result('enough_information');
  return {
    ledger,
    blueprint,
    readiness,
    outcome: { action: 'ask_question', question: written.written.draft, decision: written.written.decision },
    usage,
  };
}

function findQuestion(questions: readonly Question[], questionId: string): Question {
  const question = questions.find((candidate) => candidate.id === questionId);
  if (!question) throw new Error(`questioning turn: question ${questionId} is not part of this job`);
  return question;
}

/** The decisions earlier questions settled: answered or skipped (the open one is still open). */
export function askedDecisionIds(
  questions: readonly Question[],
  decisions: Readonly<Record<string, QuestionDecision>>,
): string[] {
  return questions.flatMap((question) => {
    const decisionId = decisions[question.id]?.decisionId;
    return question.status !== 'open' && decisionId ? [decisionId] : [];
  });
}

/**
 * Skipped questions (and, when the person builds now, the open one) whose default is not yet in
 * the ledger. Checking by source makes this idempotent across turns and reruns.
 */
function pendingDefaults(
  questions: readonly Question[],
  ledger: readonly Fact[],
  buildingNow: boolean,
): Question[] {
  return questions
    .filter((question) => question.status === 'skipped' || (buildingNow && question.status === 'open'))
    .filter((question) => !ledger.some((fact) => fact.source.questionId === question.id));
}

const unknownPrefix = 'Not yet known: ';

/**
 * Keeps exactly one `unknown` fact per open decision: added while open, dropped once made, so the
 * ledger never says something is unknown right next to the answer.
 */
function withUnknowns(ledger: readonly Fact[], open: readonly OpenDecision[], newId: () => string): Fact[] {
  const wanted = new Set(open.map((decision) => `${unknownPrefix}${lowerFirst(decision.summary)}`));
  const kept = ledger.filter((fact) => fact.kind !== 'unknown' || wanted.has(fact.text));
  for (const text of wanted) {
    if (kept.some((fact) => fact.kind === 'unknown' && fact.text === text)) continue;
    kept.push({ id: newId(), kind: 'unknown', text, source: { kind: 'request' } });
  }
  return kept;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
