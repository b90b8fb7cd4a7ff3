import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppRecord, RecordValues } from '../schema';
import type { DataAdapter } from './adapter';

export interface RecordsStore {
  status: 'loading' | 'ready' | 'failed';
  error: string | null;
  records(entityId: string): readonly AppRecord[];
  find(entityId: string, recordId: string): AppRecord | undefined;
  create(entityId: string, values: RecordValues): Promise<AppRecord>;
  update(entityId: string, recordId: string, values: RecordValues): Promise<AppRecord>;
  remove(entityId: string, recordId: string): Promise<void>;
}

type Tables = Readonly<Record<string, readonly AppRecord[]>>;
const none: readonly AppRecord[] = [];

/** Every entity's records, loaded once through the adapter and kept in step with each change. */
export function useRecords(adapter: DataAdapter, entityIds: readonly string[]): RecordsStore {
  const [tables, setTables] = useState<Tables>({});
  const [status, setStatus] = useState<RecordsStore['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const key = entityIds.join('\n');

  useEffect(() => {
    let current = true;
    const ids = key === '' ? [] : key.split('\n');
    Promise.all(ids.map(async (id) => [id, await adapter.list(id)] as const))
      .then((entries) => {
        if (!current) return;
        setTables(Object.fromEntries(entries));
        setStatus('ready');
      })
      .catch((reason: unknown) => {
        if (!current) return;
        setError(reason instanceof Error ? reason.message : String(reason));
        setStatus('failed');
      });
    return () => {
      current = false;
    };
  }, [adapter, key]);

  const change = useCallback(
    (entityId: string, edit: (rows: readonly AppRecord[]) => readonly AppRecord[]) => {
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
        change(entityId, (rows) => [...rows, record]);
        return record;
      },
      async update(entityId, recordId, values) {
        const record = await adapter.update(entityId, recordId, values);
        change(entityId, (rows) => rows.map((row) => (row.id === recordId ? record : row)));
        return record;
      },
      async remove(entityId, recordId) {
        await adapter.remove(entityId, recordId);
        change(entityId, (rows) => rows.filter((row) => row.id !== recordId));
        // The store empties references to a deleted record (and moves those records' versions
        // on): read the other entities again, so what shows and what the next edit sends match.
        const others = key === '' ? [] : key.split('\n').filter((id) => id !== entityId);
        const reloaded = await Promise.all(others.map(async (id) => [id, await adapter.list(id)] as const));
        setTables((previous) => ({ ...previous, ...Object.fromEntries(reloaded) }));
      },
    }),
    [adapter, change, error, key, status, tables],
  );
}
