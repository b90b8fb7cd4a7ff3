import { sql } from 'kysely';
import type { DbOrTrx } from '../../client.ts';
import type { Dataset } from './datasets.ts';

/**
 * The NOTIFY channel of record writes. Like the job log's channel it carries ids only —
 * `<appId>:<dataset>` — never a record: a listener re-reads through the data API, so every access
 * rule stays where it is. Sent in the writing transaction, so Postgres delivers it only after
 * commit, and identical payloads in one transaction (a delete and the references it clears) are
 * delivered once.
 */
export const appRecordsChannel = 'app_records';

export interface RecordsChanged {
  appId: string;
  dataset: Dataset;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const datasetPattern = /^(?:live|preview:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function formatRecordsChanged(change: RecordsChanged): string {
  return `${change.appId}:${change.dataset}`;
}

/** The payload's app and dataset, or null for anything this code did not write. */
export function parseRecordsChanged(payload: string): RecordsChanged | null {
  const separator = payload.indexOf(':');
  if (separator <= 0) return null;
  const appId = payload.slice(0, separator);
  const dataset = payload.slice(separator + 1);
  if (!uuidPattern.test(appId) || !datasetPattern.test(dataset)) return null;
  return { appId, dataset: dataset as Dataset };
}

/** The notification as an SQL expression, for a statement that writes and notifies at once. */
export function recordsChangedNotify(change: RecordsChanged) {
  return sql<string>`pg_notify(${appRecordsChannel}, ${formatRecordsChanged(change)})`;
}

/** Tells every listener this dataset changed; call inside the writing transaction. */
export async function notifyRecordsChanged(trx: DbOrTrx, change: RecordsChanged): Promise<void> {
  await sql`select ${recordsChangedNotify(change)}`.execute(trx);
}
