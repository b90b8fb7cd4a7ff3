import { z } from 'zod';
import type { Blueprint } from '../blueprint/blueprint.ts';
import type { EventData } from '../events.ts';
import type { Fact } from '../ledger.ts';
import type { QuestionDraft } from '../question.ts';
import type { QuestionDecision } from './decision-change.ts';

export { DecisionChange, QuestionDecision } from './decision-change.ts';

import type { TurnUsage } from './turn-usage.ts';

/*
 * What a questioning turn takes in and hands back, in the shapes the database stores and the worker
 * passes on. Runtime-safe (part of `@app/core/schemas`): the db package persists these.
 */

/**
 * The newest message a queued turn distills: stored on the job (`turn_input`) by the mutation that
 * queued the turn, so it crosses this schema when the worker reads it back.
 */
export const TurnInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('request') }),
  z.object({ kind: z.literal('answer'), questionId: z.string().uuid() }),
  z.object({ kind: z.literal('skip'), questionId: z.string().uuid() }),
  z.object({ kind: z.literal('build_now') }),
]);
export type TurnInput = z.infer<typeof TurnInput>;

/** Why questioning ended, as `questioning_complete` records it. */
export type CompletionReason = EventData<'questioning_complete'>['reason'];

export type QuestioningOutcome =
  /** `decision` is stored with the question: what its options and its skip do to the blueprint. */
  | { action: 'ask_question'; question: QuestionDraft; decision: QuestionDecision | null }
  | { action: 'complete'; reason: CompletionReason };

export interface QuestioningTurnResult {
  ledger: Fact[];
  /** The design after this turn: stored on the job and sent as `blueprint_updated`. */
  blueprint: Blueprint;
  readiness: number;
  outcome: QuestioningOutcome;
  usage: TurnUsage[];
}
