import type { AppRecord, RecordValues } from '../schema';

/**
 * Where an app's records live. The screens only ever talk to this interface, so the host page can
 * choose the store: the preview's sample dataset, an export's localStorage, a published app's
 * shared data on the server. Every call is async because the last of those is.
 */
export interface DataAdapter {
  list(entityId: string): Promise<AppRecord[]>;
  create(entityId: string, values: RecordValues): Promise<AppRecord>;
  /**
   * Saves an edit. `from` is the record as the person saw it when they began (a form kept open
   * while others save): a store that checks versions sends that one, so their edit is refused
   * rather than silently overwriting a change they never saw. Without it, the latest one read.
   */
  update(entityId: string, recordId: string, values: RecordValues, from?: AppRecord): Promise<AppRecord>;
  remove(entityId: string, recordId: string): Promise<void>;
  /**
   * Live updates, where the store has them (a published app or a preview on the apps origin):
   * `onChange` is called whenever the records may have changed — someone else saved, or the
   * connection came back — and the app reads them again. Returns a function that stops.
   */
  subscribe?(onChange: () => void): () => void;
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
