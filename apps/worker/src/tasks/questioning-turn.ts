import { runQuestioningTurn, TurnInput } from '@app/core';
import {
  type Db,
  findJob,
  findVersion,
  listLedger,
  listQuestions,
  loadVersionView,
  type QuestioningTurnPayload,
  recordTurnResult,
} from '@app/db';
import type { TaskHandler } from './context.ts';
import { logEvents } from './log-events.ts';

/** A change job is questioned in the context of the version it changes. */
async function loadBaseVersion(db: Db, versionId: string | null) {
  if (!versionId) return null;
  const version = await findVersion(db, versionId);
  if (!version) return null;
  const { files, ledger } = await loadVersionView(db, version);
  return { files, ledger };
}

/**
 * One questioning turn (SPEC §4.2): distill the newest message, let the main agent decide, then
 * persist ledger + question (or the end of questioning) in one guarded transaction. Runs at least
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
  const [questions, ledger, currentVersion] = await Promise.all([
    listQuestions(db, job.id),
    listLedger(db, job.id),
    loadBaseVersion(db, job.base_version_id),
  ]);
  const result = await runQuestioningTurn(
    { model: context.model, newId: () => crypto.randomUUID() },
    {
      request: job.request,
      kind: job.kind,
      currentVersion,
      questions,
      ledger,
      latest: TurnInput.parse(job.turn_input),
      maxQuestions: context.maxQuestions,
      signal: context.signal,
    },
  );
  const { events } = await recordTurnResult(db, {
    jobId: job.id,
    turn: payload.turn,
    ledger: result.ledger,
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
