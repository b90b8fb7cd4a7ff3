import { randomUUID } from 'node:crypto';
import type { Db } from '@app/db';

/**
 * Adds to a job's ledger a requirement no blueprint element links to — what a person asks for
 * that the blueprint cannot express ("print a label for each tool") — so generation has something
 * to customise and calls the model's `generation.customise` (the offline understanding links
 * everything it reads, so only an LLM's extraction, or this, leaves one out). Call it once
 * questioning is over: every turn rewrites the ledger.
 */
export async function addLeftOutRequirement(db: Db, jobId: string, text: string): Promise<string> {
  const last = await db
    .selectFrom('ledger_facts')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('job_id', '=', jobId)
    .executeTakeFirst();
  const id = randomUUID();
  await db
    .insertInto('ledger_facts')
    .values({
      id,
      job_id: jobId,
      position: (last?.position ?? -1) + 1,
      kind: 'requirement',
      text,
      source_kind: 'request',
      source_question_id: null,
      topic: null,
    })
    .execute();
  return id;
}
