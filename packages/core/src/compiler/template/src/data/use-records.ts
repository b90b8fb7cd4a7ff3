import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppRecord, RecordValues } from '../schema';
import type { DataAdapter } from './adapter';

export interface RecordsStore {
  status: 'loading' | 'ready' | 'failed';
  error: string | null;
  records(entityId: string): readonly AppRecord[];
  find(entityId: string, recordId: string): AppRecord | undefined;
  create(entityId: string, values: RecordValues): Promise<AppRecord>;
  /** `from`: the record as the edit began (see DataAdapter.update). */
  update(entityId: string, recordId: string, values: RecordValues, from?: AppRecord): Promise<AppRecord>;
  remove(entityId: string, recordId: string): Promise<void>;
}

type Tables = Readonly<Record<string, readonly AppRecord[]>>;
const none: readonly AppRecord[] = [];

/** Changes arriving together (a burst of saves, a reconnect) are read once, this long after the last. */
const refreshDelayMs = 100;

/**
 * Every entity's records, loaded through the adapter and kept in step with each change — this
 * page's own, and (where the adapter has live updates) everyone else's: on a change notice every
 * entity is read again. Only the lists change; an open form keeps its own draft.
 */
export function useRecords(adapter: DataAdapter, entityIds: readonly string[]): RecordsStore {
  const [tables, setTables] = useState<Tables>({});
  const [status, setStatus] = useState<RecordsStore['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const key = entityIds.join('\n');
  // Reads and this page's own writes race: a read that started before a write answered must not
  // put the old rows back over it, and an older read must not land after a newer one. A read
  // counts only if it is the latest started and no write of ours finished while it ran.
  const latestRead = useRef(0);
  const writes = useRef(0);
  const loaded = useRef(false);

  const readAll = useCallback(async (): Promise<'applied' | 'stale' | 'superseded'> => {
    const readId = ++latestRead.current;
    const writesAtStart = writes.current;
    const ids = key === '' ? [] : key.split('\n');
    const entries = await Promise.all(ids.map(async (id) => [id, await adapter.list(id)] as const));
    if (readId !== latestRead.current) return 'superseded';
    if (writes.current !== writesAtStart) return 'stale';
    loaded.current = true;
    setTables(Object.fromEntries(entries));
    setStatus('ready');
    return 'applied';
  }, [adapter, key]);

  useEffect(() => {
    let current = true;
    // A read a write of ours overtook is read again; one a newer read superseded leaves the
    // answer (and the status) to that one.
    const load = async () => {
      while (current && (await readAll()) === 'stale') {}
    };
    load().catch((reason: unknown) => {
      if (!current) return;
      setError(reason instanceof Error ? reason.message : String(reason));
      setStatus('failed');
    });
    return () => {
      current = false;
      // Whatever is still in flight belongs to the previous adapter or entity list.
      latestRead.current += 1;
    };
  }, [readAll]);

  useEffect(() => {
    if (!adapter.subscribe) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let reading = false;
    let again = false;
    let active = true;
    const refresh = () => {
      timer = null;
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      readAll()
        // A stale read is read again; a failed one (offline for a moment) keeps what is shown —
        // the stream's reconnect brings the next notice.
        .then((outcome) => {
          if (outcome === 'stale') again = true;
        })
        .catch((reason: unknown) => {
          // Still loading means this read superseded the first one: its failure is the page's.
          if (loaded.current) return;
          setError(reason instanceof Error ? reason.message : String(reason));
          setStatus('failed');
        })
        .finally(() => {
          reading = false;
          if (again && active) {
            again = false;
            schedule();
          }
        });
    };
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, refreshDelayMs);
    };
    const stop = adapter.subscribe(schedule);
    return () => {
      active = false;
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [adapter, readAll]);

  const change = useCallback(
    (entityId: string, edit: (rows: readonly AppRecord[]) => readonly AppRecord[]) => {
      writes.current += 1;
      setTables((previous) => ({
        ...previous,
        [entityId]: edit(Object.hasOwn(previous, entityId) ? (previous[entityId] ?? none) : none),
      }));
    },
    [],
  );

  return useMemo<RecordsStore>(
    () => ({
      status,
      error,
      records: (entityId) => (Object.hasOwn(tables, entityId) ? (tables[entityId] ?? none) : none),
      find: (entityId, recordId) =>
        (Object.hasOwn(tables, entityId) ? (tables[entityId] ?? none) : none).find(
          (row) => row.id === recordId,
        ),
      async create(entityId, values) {
        const record = await adapter.create(entityId, values);
        // A change notice may have brought it in already.
        change(entityId, (rows) =>
          rows.some((row) => row.id === record.id)
            ? rows.map((row) => (row.id === record.id ? record : row))
            : [...rows, record],
        );
        return record;
      },
      async update(entityId, recordId, values, from) {
        const record = await adapter.update(entityId, recordId, values, from);
        change(entityId, (rows) => rows.map((row) => (row.id === recordId ? record : row)));
        return record;
      },
      async remove(entityId, recordId) {
        await adapter.remove(entityId, recordId);
        change(entityId, (rows) => rows.filter((row) => row.id !== recordId));
        // The store empties references to a deleted record (and moves those records' versions
        // on): read everything again, so what shows and what the next edit sends match. With live
        // updates the delete's own notice does that; otherwise one guarded read here (a write
        // that lands meanwhile wins, and a failed read leaves the delete done, not failed).
        if (!adapter.subscribe) void readAll().catch(() => {});
      },
    }),
    [adapter, change, error, readAll, status, tables],
  );
}
