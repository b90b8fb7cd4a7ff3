import type { AppRecord } from '../schema';
import type { DataAdapter } from './adapter';
import { adapterChoice } from './adapter-choice';
import { createLocalAdapter } from './local-adapter';

/**
 * The store this page uses. Today every host gets the local one (memory, kept in localStorage when
 * the page may use it); a published app's host page will hand in a server-backed adapter here.
 */
export function chooseAdapter(seed: Readonly<Record<string, readonly AppRecord[]>>): DataAdapter {
  // An exported project names its store in its own files: no host page decides for it.
  if (adapterChoice.kind === 'local')
    return createLocalAdapter({ storageKey: adapterChoice.storageKey, seed });
  return createLocalAdapter({ storageKey: 'app-records-v1', seed });
}
