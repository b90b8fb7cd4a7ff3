import {
  Blueprint,
  event,
  type Fact,
  type JobEvent,
  readinessOf,
  recordBlueprintEdit,
  validateBlueprint,
} from '@app/core/schemas';
import type { DbOrTrx, Trx } from '../client.ts';
import { ConflictError, InvalidInputError } from '../errors.ts';
import type { JobRow } from '../schema.ts';
import { requireJobRole } from './access.ts';
import { listLedger } from './jobs.ts';
import { listAskedDecisionIds } from './questioning.ts';
import { transitionJob } from './transition.ts';
import { findVersion } from './versions.ts';

/**
 * `jobs.updateBlueprint` (docs/state-machine.md#transitions): the person edits the design while the job waits for an answer.
 *
 * Checked before anything is written: the job's workspace lets them build (an outsider gets NOT_FOUND, like a missing id; a viewer FORBIDDEN) and the
 * blueprint is valid (else BAD_REQUEST naming the first problem's path). Then, in ONE transaction
 * under the job's row lock: the stored blueprint, one `edit` fact per change appended to the
 * ledger, `ledger_updated` and `blueprint_updated { blueprint, readiness }` — through
 * `transitionJob`, whose `status = 'awaiting_answer'` guard turns a job that moved on (answered in
 * another tab, Build now, cancelled) into ConflictError with nothing written.
 *
 * The open question stays open: the person is mid-interview, and what they are asked next is the
 * next turn's decision, which starts from this edited blueprint. (An edit that settles the open
 * question's decision does not close it yet; answering or skipping it still moves on.)
 */
export async function updateBlueprint(
  db: DbOrTrx,
  input: { jobId: string; userId: string; blueprint: Blueprint },
): Promise<{ job: JobRow; events: JobEvent[] }> {
  const { job: owned } = await requireJobRole(db, {
    userId: input.userId,
    jobId: input.jobId,
    action: 'build',
  });
  const [problem, ...more] = validateBlueprint(input.blueprint);
  if (problem) {
    const others =
      more.length > 0 ? ` (and ${more.length} more: ${more.map((p) => p.message).join('; ')})` : '';
    throw new InvalidInputError(`blueprint.${problem.path}`, `${problem.message}${others}`);
  }
  const run = async (trx: Trx) => {
    // The row lock serialises edits of one job: two tabs editing at once each diff against the
    // blueprint the other committed, and neither's facts are lost from the ledger event.
    const job = await trx
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', owned.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (job.status !== 'awaiting_answer')
      throw new ConflictError(
        `The blueprint can only be edited while a question waits (the job is ${job.status.replace('_', ' ')})`,
      );
    const previous = job.blueprint === null ? null : Blueprint.parse(job.blueprint);
    const edit = recordBlueprintEdit({ previous, next: input.blueprint, newId: () => crypto.randomUUID() });
    if (edit.changes.length === 0) return { job, events: [] };
    const [ledger, askedDecisionIds, base] = await Promise.all([
      listLedger(trx, job.id),
      listAskedDecisionIds(trx, job.id),
      baseBlueprint(trx, job),
    ]);
    const nextLedger = [...ledger, ...edit.facts];
    const readiness = readinessOf(edit.blueprint, {
      jobKind: job.kind,
      askedDecisionIds,
      base,
    });
    return transitionJob(trx, {
      jobId: job.id,
      guard: { status: 'awaiting_answer', openQuestionId: job.open_question_id, turn: job.turn },
      update: { blueprint: JSON.stringify(edit.blueprint), readiness },
      write: (writer) => appendFacts(writer, job.id, edit.facts),
      events: [
        event('ledger_updated', { ledger: nextLedger, readiness }),
        event('blueprint_updated', { blueprint: edit.blueprint, readiness }),
      ],
    });
  };
  if (db.isTransaction) return run(db as Trx);
  return db.transaction().execute(run);
}

/** A change job's starting point: what the version it changes was built from. */
async function baseBlueprint(trx: Trx, job: JobRow): Promise<Blueprint | null> {
  if (!job.base_version_id) return null;
  const version = await findVersion(trx, job.base_version_id);
  return version?.blueprint ? Blueprint.parse(version.blueprint) : null;
}

/** After the ledger's last fact: the next turn reads them back in order, after what it distilled. */
async function appendFacts(trx: Trx, jobId: string, facts: readonly Fact[]): Promise<void> {
  const last = await trx
    .selectFrom('ledger_facts')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('job_id', '=', jobId)
    .executeTakeFirst();
  const start = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  await trx
    .insertInto('ledger_facts')
    .values(
      facts.map((fact, index) => ({
        id: fact.id,
        job_id: jobId,
        position: start + index,
        kind: fact.kind,
        text: fact.text,
        source_kind: fact.source.kind,
        source_question_id: null,
        topic: fact.topic ?? null,
      })),
    )
    .execute();
}
