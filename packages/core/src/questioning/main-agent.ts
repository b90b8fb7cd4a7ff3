import type { Blueprint } from '../blueprint/blueprint.ts';
import type { OpenDecision } from '../blueprint/open-decisions.ts';
import type { JobKind } from '../job.ts';
import type { Fact } from '../ledger.ts';
import type { Model } from '../model.ts';
import type { Question } from '../question.ts';
import { decideInstructions } from './instructions.ts';
import { MainAgentOutput, questioningTasks } from './task-schemas.ts';
import type { CompletionReason } from './turn-contract.ts';
import { type TurnUsage, toTurnUsage } from './turn-usage.ts';
import { factView, questionView } from './views.ts';

/**
 * The main agent's decision: ask one more question, or end questioning — and then `completion` says
 * why, as `questioning_complete` records it. `reason` is only ever a sentence a person can read.
 */
export type Decision =
  | { action: 'ask_question'; reason: string; readiness: number }
  | { action: 'complete'; completion: CompletionReason; reason: string; readiness: number };

export interface DecisionContext {
  model: Model;
  jobKind: JobKind;
  request: string;
  ledger: readonly Fact[];
  blueprint: Blueprint;
  questions: readonly Question[];
  /** The blueprint's open decisions, heaviest first. */
  open: readonly OpenDecision[];
  /** `readinessOf` the blueprint: the share of the build's decisions made. */
  readiness: number;
  maxQuestions: number;
  /** The person asked to stop (skip button on the whole interview, build now, "just build it"). */
  userAskedToBuild: boolean;
  signal?: AbortSignal;
}

/**
 * The main agent: looks at the blueprint's open decisions and decides the next step. The person's
 * wish to build, the question cap and "nothing is open" are rules, not judgement, so they are
 * applied before any model is asked. Readiness is never the model's guess: it is the blueprint's.
 */
export async function decide(context: DecisionContext): Promise<{ decision: Decision; usage: TurnUsage[] }> {
  const { readiness } = context;
  const complete = (completion: CompletionReason, reason: string) => ({
    decision: { action: 'complete' as const, completion, reason, readiness },
    usage: [],
  });
  if (context.userAskedToBuild) return complete('skipped', 'You asked to build now.');
  if (context.questions.length >= context.maxQuestions)
    return complete('question_limit', 'The question limit is reached.');
  if (context.open.length === 0)
    return complete('enough_information', 'Everything the build needs is decided.');

  const { output, usage } = await context.model.call({
    phase: 'questioning',
    task: questioningTasks.decide,
    instructions: decideInstructions,
    input: {
      jobKind: context.jobKind,
      request: context.request,
      facts: context.ledger.map(factView),
      blueprint: context.blueprint,
      openDecisions: context.open.map((decision) => ({ ...decision })),
      readiness,
      questions: context.questions.map(questionView),
      questionsRemaining: Math.max(0, context.maxQuestions - context.questions.length),
    },
    schema: MainAgentOutput,
    schemaName: 'main_agent_decision',
    signal: context.signal,
  });
  return {
    decision:
      output.action === 'ask_question'
        ? { action: 'ask_question', reason: output.reason, readiness }
        : { action: 'complete', completion: 'enough_information', reason: output.reason, readiness },
    usage: [toTurnUsage(usage)],
  };
}
