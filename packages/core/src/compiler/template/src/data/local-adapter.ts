import type { AppRecord } from '../schema';
import { type DataAdapter, RecordNotFoundError } from './adapter';

export interface LocalAdapterOptions {
  /** One key per app, so two apps on one origin never read each other's records. */
  storageKey: string;
  /** The records a first visit starts with, per entity id. */
  seed: Readonly<Record<string, readonly AppRecord[]>>;
  /** Absent, or throwing on access (sandboxed frames): the records then live in memory only. */
  storage?: KeyValueStorage | null;
}

type Tables = Record<string, AppRecord[]>;

/**
 * What the store uses of `localStorage`, typed structurally (as the HTTP adapter types `fetch` and
 * `location`): the builder's own packages type-check and test this module without the DOM library.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Records in memory, written through to localStorage when the page may use it. Reads never touch
 * storage after the first load, so an app in a frame without storage behaves the same as one with.
 */
export function createLocalAdapter(options: LocalAdapterOptions): DataAdapter {
  const storage = options.storage === undefined ? availableStorage() : options.storage;
  const tables: Tables = copy(options.seed);
  const stored = load(storage, options.storageKey);
  // Stored records win; an entity added since the last visit starts with its sample records.
  if (stored) for (const [entityId, rows] of Object.entries(stored)) tables[entityId] = rows;
  let counter = 0;

  const save = () => {
    if (!storage) return;
    try {
      storage.setItem(options.storageKey, JSON.stringify(tables));
    } catch {
      // Full or revoked storage: the records stay in memory for this visit.
    }
  };
  const table = (entityId: string): AppRecord[] => {
    if (!Object.hasOwn(tables, entityId)) tables[entityId] = [];
    return tables[entityId] ?? [];
  };
  const newId = () => {
    counter += 1;
    return `r${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  };

  return {
    async list(entityId) {
      return [...table(entityId)];
    },
    async create(entityId, values) {
      const record: AppRecord = { id: newId(), values: { ...values } };
      table(entityId).push(record);
      save();
      return record;
    },
    async update(entityId, recordId, values) {
      const rows = table(entityId);
      const index = rows.findIndex((row) => row.id === recordId);
      if (index < 0) throw new RecordNotFoundError(entityId, recordId);
      const record: AppRecord = { id: recordId, values: { ...values } };
      rows[index] = record;
      save();
      return record;
    },
    async remove(entityId, recordId) {
      const rows = table(entityId);
      const index = rows.findIndex((row) => row.id === recordId);
      if (index >= 0) rows.splice(index, 1);
      // As the server's store does: references to the deleted record empty (record ids are unique
      // random strings, so a value equal to one is a reference to it).
      for (const [otherId, others] of Object.entries(tables))
        tables[otherId] = others.map((row) =>
          Object.values(row.values).includes(recordId)
            ? {
                id: row.id,
                values: Object.fromEntries(
                  Object.entries(row.values).filter(([, value]) => value !== recordId),
                ),
              }
            : row,
        );
      save();
    },
  };
}

function availableStorage(): KeyValueStorage | null {
  try {
    // Reading the property itself throws in a sandboxed frame without allow-same-origin.
    const storage = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
    if (!storage) return null;
    const probe = '__app_storage_probe__';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

function load(storage: KeyValueStorage | null, key: string): Tables | null {
  if (!storage) return null;
  try {
    const text = storage.getItem(key);
    if (text === null) return null;
    const parsed: unknown = JSON.parse(text);
    return isTables(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function isTables(value: unknown): value is Tables {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (rows) =>
      Array.isArray(rows) &&
      rows.every(
        (row: unknown) =>
          typeof row === 'object' &&
          row !== null &&
          typeof (row as { id?: unknown }).id === 'string' &&
          typeof (row as { values?: unknown }).values === 'object' &&
          (row as { values?: unknown }).values !== null,
      ),
  );
}

function copy(seed: Readonly<Record<string, readonly AppRecord[]>>): Tables {
  const tables: Tables = {};
  for (const [entityId, rows] of Object.entries(seed)) tables[entityId] = rows.map((row) => ({ ...row }));
  return tables;
}
