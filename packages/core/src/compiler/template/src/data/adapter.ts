import type { AppRecord, RecordValues } from '../schema';

/**
 * Where an app's records live. The screens only ever talk to this interface, so the host page can
 * choose the store: the preview's sample dataset, an export's localStorage, a published app's
 * shared data on the server. Every call is async because the last of those is.
 */
export interface DataAdapter {
  list(entityId: string): Promise<AppRecord[]>;
  create(entityId: string, values: RecordValues): Promise<AppRecord>;
  update(entityId: string, recordId: string, values: RecordValues): Promise<AppRecord>;
  remove(entityId: string, recordId: string): Promise<void>;
}

export class RecordNotFoundError extends Error {
  constructor(entityId: string, recordId: string) {
    super(`No record ${recordId} in ${entityId}`);
    this.name = 'RecordNotFoundError';
  }
}

/**
 * Which store a build uses (`adapter-choice.ts`). `host`: the page that serves the app decides (the
 * builder's apps origin); `local`: this browser's localStorage under `storageKey` (an export).
 */
export type AdapterChoice = { kind: 'host' } | { kind: 'local'; storageKey: string };
