import { localToday } from '../logic/dates';
import type { AppRecord } from '../schema';
import type { DataAdapter } from './adapter';
import { adapterChoice } from './adapter-choice';
import { readDataHost } from './host-config';
import { createHttpAdapter } from './http-adapter';
import { createLocalAdapter } from './local-adapter';

/**
 * The store this page uses. An exported project names its own (localStorage). On the apps origin
 * the serving page says where the data API is: a preview's own dataset or the published app's
 * shared data. A page that says nothing — the verifier's sandbox, where the app has no server and
 * every request is refused — keeps the sample records in the browser, so verification stays
 * deterministic.
 */
export function chooseAdapter(seed: Readonly<Record<string, readonly AppRecord[]>>): DataAdapter {
  if (adapterChoice.kind === 'local')
    return createLocalAdapter({ storageKey: adapterChoice.storageKey, seed });
  const host = readDataHost(typeof document === 'undefined' ? undefined : document);
  if (host) return createHttpAdapter({ ...host, today: localToday() });
  return createLocalAdapter({ storageKey: 'app-records-v1', seed });
}
