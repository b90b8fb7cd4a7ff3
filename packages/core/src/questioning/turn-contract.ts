import { z } from 'zod';
import type { EventData } from '../events.ts';
import type { Fact } from '../ledger.ts';
import type { QuestionDraft } from '../question.ts';
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
  | { action: 'ask_question'; question: QuestionDraft }
  | { action: 'complete'; reason: CompletionReason };

export interface QuestioningTurnResult {
  ledger: Fact[];
  readiness: number;
  outcome: QuestioningOutcome;
  usage: TurnUsage[];
}
