import type { AppRecord, RecordValues } from '../schema';
import { type DataAdapter, RecordNotFoundError } from './adapter';
import type { DataHost } from './host-config';

export interface HttpAdapterOptions extends DataHost {
  /** Where `api` is resolved from: the page's own address in the browser. */
  origin?: string;
  fetch?: typeof fetch;
  /** The viewer's day (YYYY-MM-DD): a preview's sample dates are seeded around it. */
  today?: string;
}

/** The server refused a write because someone else saved the record first. */
export class StaleRecordError extends Error {
  constructor() {
    super(
      'Someone else changed this record while you were editing. Reload the page to see their changes, then edit again.',
    );
    this.name = 'StaleRecordError';
  }
}

/** A refusal from the data API, with its message (it names the field when a value is wrong). */
export class DataApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
    this.name = 'DataApiError';
  }
}

interface ApiRecord {
  id: string;
  values: RecordValues;
  version: number;
}

// The data API serves up to 1,000 records a page (its maxPageSize): most apps load in one request.
const pageSize = 1_000;

/**
 * Records on the server, through the data API of the app's own origin (shared by the members of
 * its workspace, or a preview's own dataset). Each record's version is remembered from the last
 * read or write and sent with the next edit: the server refuses an edit made from an older version,
 * and the person is told to reload rather than silently overwriting someone else's change.
 */
export function createHttpAdapter(options: HttpAdapterOptions): DataAdapter {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  // Resolved against the page's address, not `location.origin`: a preview runs on an opaque origin,
  // whose `origin` is the string "null" (the server still routes the request to its host).
  const page = (globalThis as { location?: { href: string } }).location;
  const origin = options.origin ?? page?.href ?? 'http://localhost';
  const versions = new Map<string, number>();
  // The version each record object handed out was read at: an edit begun from it sends that one.
  const versionRead = new WeakMap<AppRecord, number>();

  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') headers['x-app-request'] = '1';
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.previewToken) headers['x-preview-token'] = options.previewToken;
    const response = await doFetch(new URL(`${options.api}${path}`, origin).href, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (response.status === 204) return null;
    const payload: unknown = await response.json().catch(() => null);
    if (response.ok) return payload;
    const error = (payload as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)
      ?.error;
    if (response.status === 409) throw new StaleRecordError();
    throw new DataApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : 'error',
      typeof error?.message === 'string'
        ? error.message
        : response.status === 401
          ? 'You are signed out: reload the page to sign in again'
          : `The server refused this (${response.status})`,
      typeof error?.field === 'string' ? error.field : null,
    );
  };
  const keep = (record: ApiRecord): AppRecord => {
    // Versions only grow: a list that was read before a save and answers after it must not
    // take the record back to the version it saw.
    if ((versions.get(record.id) ?? 0) < record.version) versions.set(record.id, record.version);
    const kept = { id: record.id, values: record.values };
    versionRead.set(kept, record.version);
    return kept;
  };
  const entityPath = (entityId: string) => `/${encodeURIComponent(entityId)}`;

  return {
    async list(entityId) {
      const out: AppRecord[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ limit: String(pageSize) });
        if (options.today) query.set('today', options.today);
        if (cursor) query.set('cursor', cursor);
        const page = (await call('GET', `${entityPath(entityId)}?${query}`)) as {
          records: ApiRecord[];
          nextCursor: string | null;
        };
        out.push(...page.records.map(keep));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
    async create(entityId, values) {
      const { record } = (await call('POST', entityPath(entityId), { values })) as { record: ApiRecord };
      return keep(record);
    },
    async update(entityId, recordId, values, from) {
      const version = (from ? versionRead.get(from) : undefined) ?? versions.get(recordId);
      if (version === undefined) throw new RecordNotFoundError(entityId, recordId);
      const path = `${entityPath(entityId)}/${encodeURIComponent(recordId)}`;
      const { record } = (await call('PATCH', path, { version, values })) as { record: ApiRecord };
      return keep(record);
    },
    async remove(entityId, recordId) {
      const path = `${entityPath(entityId)}/${encodeURIComponent(recordId)}`;
      try {
        await call('DELETE', path);
      } catch (error) {
        // Already gone (someone else deleted it): what the person wanted.
        if (!(error instanceof DataApiError && error.status === 404)) throw error;
      }
      versions.delete(recordId);
    },
    subscribe(onChange) {
      const url = new URL(`${options.api}/changes.sse`, origin);
      // EventSource sends no headers: a preview's token goes in the address (the page's own
      // address carries it already).
      if (options.previewToken) url.searchParams.set('token', options.previewToken);
      return followChanges(url.href, onChange);
    },
  };
}

/** The EventSource API's part used here (typed structurally so a test can hand one in). */
interface ChangeSource {
  readonly readyState: number;
  addEventListener(type: string, listener: () => void): void;
  close(): void;
}
type ChangeSourceConstructor = new (url: string) => ChangeSource;

const closedState = 2;

/**
 * Follows the data API's change stream. EventSource reconnects by itself after a dropped
 * connection, but gives up for good on an error status (a proxy's 502, a restarting server's
 * refusal): then a new one is opened after a growing pause (1 s … 30 s). Every open, the first
 * included, counts as a change — whatever was written before the stream started, or while it was
 * down, is read again. `ended` (this person may no longer read) stops following; the re-read it
 * triggers shows the refusal.
 */
export function followChanges(
  url: string,
  onChange: () => void,
  Source: ChangeSourceConstructor | undefined = (globalThis as { EventSource?: ChangeSourceConstructor })
    .EventSource,
): () => void {
  if (!Source) return () => {};
  let stopped = false;
  let source: ChangeSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let pause = 1_000;
  const connect = () => {
    retry = null;
    if (stopped) return;
    const current = new Source(url);
    source = current;
    current.addEventListener('open', () => {
      pause = 1_000;
      onChange();
    });
    current.addEventListener('changed', () => onChange());
    current.addEventListener('ended', () => {
      stopped = true;
      current.close();
      onChange();
    });
    current.addEventListener('error', () => {
      if (stopped || current.readyState !== closedState || retry) return;
      retry = setTimeout(connect, pause);
      pause = Math.min(pause * 2, 30_000);
    });
  };
  connect();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
}
