import { runQuestioningTurn, TurnInput } from '@app/core';
import {
  type Db,
  findJob,
  findVersion,
  listLedger,
  listQuestionDecisions,
  listQuestions,
  type QuestioningTurnPayload,
  recordTurnResult,
  storedBlueprint,
} from '@app/db';
import type { TaskHandler } from './context.ts';
import { logEvents } from './log-events.ts';

/** A change job starts from the blueprint the version it changes was built from. */
async function loadBaseBlueprint(db: Db, versionId: string | null) {
  if (!versionId) return null;
  const version = await findVersion(db, versionId);
  return version ? storedBlueprint(version.blueprint) : null;
}

/**
 * One questioning turn (docs/state-machine.md#turns-and-runs): read the newest message into the ledger and the blueprint, let
 * the main agent decide from the blueprint's open decisions, then persist ledger + blueprint +
 * question (or the end of questioning) in one guarded transaction. Runs at least
 * once: a stale or repeated run finds the job moved on — here, or at commit time through the
 * `turn` guard — and persists nothing.
 */
export const questioningTurn: TaskHandler<QuestioningTurnPayload> = async (payload, context) => {
  const { db, logger } = context;
  const job = await findJob(db, payload.jobId);
  if (job?.status !== 'questioning' || job.turn !== payload.turn) {
    logger.info('turn is stale, nothing to do', {
      jobId: payload.jobId,
      turn: payload.turn,
      status: job?.status,
    });
    return;
  }
  const [questions, questionDecisions, ledger, baseBlueprint] = await Promise.all([
    listQuestions(db, job.id),
    listQuestionDecisions(db, job.id),
    listLedger(db, job.id),
    loadBaseBlueprint(db, job.base_version_id),
  ]);
  const result = await runQuestioningTurn(
    { model: context.model, newId: () => crypto.randomUUID() },
    {
      request: job.request,
      kind: job.kind,
      questions,
      questionDecisions,
      ledger,
      blueprint: storedBlueprint(job.blueprint),
      baseBlueprint,
      latest: TurnInput.parse(job.turn_input),
      maxQuestions: context.maxQuestions,
      signal: context.signal,
    },
  );
  const { events } = await recordTurnResult(db, {
    jobId: job.id,
    turn: payload.turn,
    ledger: result.ledger,
    blueprint: result.blueprint,
    readiness: result.readiness,
    outcome: result.outcome,
    usage: result.usage,
  });
  logEvents(logger, job.id, events);
  logger.info(result.outcome.action === 'ask_question' ? 'question asked' : 'questioning complete', {
    jobId: job.id,
    turn: payload.turn,
    readiness: result.readiness,
  });
};
