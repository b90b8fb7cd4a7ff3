import type { JobKind } from '../job.ts';
import type { Fact, FactTopic } from '../ledger.ts';
import type { Model } from '../model.ts';
import type { Question } from '../question.ts';
import { decideInstructions } from './instructions.ts';
import { DecideOutput, type FactView, questioningTasks } from './task-schemas.ts';
import { readinessFor } from './topics.ts';
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
  questions: readonly Question[];
  covered: ReadonlySet<FactTopic>;
  open: readonly FactTopic[];
  maxQuestions: number;
  /** The person asked to stop (skip button on the whole interview, build now, "just build it"). */
  userAskedToBuild: boolean;
  existingApp: { facts: FactView[]; files: string[] } | null;
  signal?: AbortSignal;
}

/**
 * The main agent: looks at what is known and decides the next step. The person's wish to build and
 * the question cap are rules, not judgement, so they are applied before any model is asked.
 */
export async function decide(context: DecisionContext): Promise<{ decision: Decision; usage: TurnUsage[] }> {
  const coverage = readinessFor(context.jobKind, context.covered);
  if (context.userAskedToBuild) {
    return {
      decision: {
        action: 'complete',
        completion: 'skipped',
        reason: 'You asked to build now.',
        readiness: coverage,
      },
      usage: [],
    };
  }
  if (context.questions.length >= context.maxQuestions) {
    return {
      decision: {
        action: 'complete',
        completion: 'question_limit',
        reason: 'The question limit is reached.',
        readiness: coverage,
      },
      usage: [],
    };
  }
  if (context.open.length === 0) {
    return {
      decision: {
        action: 'complete',
        completion: 'enough_information',
        reason: 'Everything the build needs is known.',
        readiness: Math.max(coverage, 90),
      },
      usage: [],
    };
  }
  const { output, usage } = await context.model.call({
    phase: 'questioning',
    task: questioningTasks.decide,
    instructions: decideInstructions,
    input: {
      jobKind: context.jobKind,
      request: context.request,
      facts: context.ledger.map(factView),
      coveredTopics: [...context.covered],
      openTopics: [...context.open],
      questions: context.questions.map((question) => questionView(question, context.ledger)),
      questionsRemaining: Math.max(0, context.maxQuestions - context.questions.length),
      existingApp: context.existingApp,
    },
    schema: DecideOutput,
    schemaName: 'main_agent_decision',
    signal: context.signal,
  });
  const readiness = clampReadiness(output.readiness);
  return {
    decision:
      output.action === 'ask_question'
        ? { action: 'ask_question', reason: output.reason, readiness }
        : { action: 'complete', completion: 'enough_information', reason: output.reason, readiness },
    usage: [toTurnUsage(usage)],
  };
}

function clampReadiness(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value)));
}
