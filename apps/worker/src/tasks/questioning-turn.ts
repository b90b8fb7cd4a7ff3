import type { QuestioningTurnPayload } from '@app/db';
import type { TaskHandler } from './context.ts';

/**
 * TODO(lead): the questioning turn (SPEC §4.2): check the job is still `questioning` at
 * `payload.turn`, run core's `runQuestioningTurn` with `context.signal`, then write the question /
 * ledger / events in one guarded `transitionJob`. Until then it only logs, so a queued turn
 * completes without doing anything.
 */
export const questioningTurn: TaskHandler<QuestioningTurnPayload> = async (payload, { logger }) => {
  logger.warn('questioning_turn is not implemented yet', { jobId: payload.jobId, turn: payload.turn });
};
