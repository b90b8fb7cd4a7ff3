import { type AppSpec, type FieldSpec, identifier } from '../app-spec.ts';

const isNumeric = (field: FieldSpec) => field.kind === 'number' || field.kind === 'money';

/** `src/lib/records.ts`: conversions between stored records and form drafts, search, formatting, CSV. */
export function recordsFile(spec: AppSpec): string {
  const keys = spec.fields.map((field) => ({ field, key: identifier(field.key) }));
  const fromDraft = keys
    .map(({ field, key }) =>
      isNumeric(field) ? `    ${key}: toNumber(draft.${key}),` : `    ${key}: draft.${key}.trim(),`,
    )
    .join('\n');
  const toDraft = keys
    .map(({ field, key }) =>
      isNumeric(field) ? `    ${key}: String(item.${key}),` : `    ${key}: item.${key},`,
    )
    .join('\n');
  const empty = keys
    .map(
      ({ field, key }) =>
        `    ${key}: ${field.kind === 'select' ? `firstOption(${JSON.stringify(key)})` : "''"},`,
    )
    .join('\n');
  return `import { appData } from '../app-data';
import { fields, statuses } from '../config';
import type { Draft, FieldDef, FieldKey, Item } from '../types';

function toNumber(text: string): number {
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : 0;
}

export function fromDraft(draft: Draft): Omit<Item, 'id' | 'createdAt'> {
  return {
    status: draft.status,
${fromDraft}
  };
}

export function toDraft(item: Item): Draft {
  return {
    status: item.status,
${toDraft}
  };
}

/** A select starts on its first choice. */
function firstOption(key: FieldKey): string {
  return fields.find((field) => field.key === key)?.options[0] ?? '';
}

export function emptyDraft(): Draft {
  return {
    status: statuses[0] ?? appData.spec.statuses[0],
${empty}
  };
}

const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' });

/** "2024-05-01" is a local calendar day, not UTC midnight (which shows as the day before in the Americas). */
export function parseDay(value: string): Date | null {
  const match = /^(\\d{4})-(\\d{2})-(\\d{2})(?:T(\\d{2}):(\\d{2}))?/.exec(value);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4] ?? 0), Number(match[5] ?? 0));
}

export function dayKey(date: Date): string {
  return date.getFullYear() + '-' + String(date.getMonth() + 1).padStart(2, '0') + '-' + String(date.getDate()).padStart(2, '0');
}

export function formatMoney(value: number): string {
  return money.format(value);
}

export function formatValue(field: FieldDef, item: Item): string {
  // Widened on purpose: apps without numeric fields still share this code.
  const value = item[field.key] as string | number;
  if (typeof value === 'number') return field.kind === 'money' ? money.format(value) : value.toLocaleString();
  if (value === '') return '—';
  const date = field.kind === 'date' || field.kind === 'datetime' ? parseDay(value) : null;
  if (date && field.kind === 'date') return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  if (date) return date.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return value;
}

export function matchesQuery(item: Item, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  return [item.status, ...fields.map((field) => String(item[field.key]))].some((value) => value.toLowerCase().includes(needle));
}

function csvCell(value: string): string {
  return /[",\\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}

export function toCsv(items: readonly Item[]): string {
  const header = ['Status', ...fields.map((field) => field.label)].map(csvCell).join(',');
  const rows = items.map((item) => [item.status, ...fields.map((field) => String(item[field.key]))].map(csvCell).join(','));
  return [header, ...rows].join('\\n');
}

export function downloadCsv(items: readonly Item[], fileName: string): void {
  const url = URL.createObjectURL(new Blob([toCsv(items)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
`;
}

/** `src/lib/useRecords.ts`: the records, persisted in localStorage. */
export function recordsHookFile(): string {
  return `import { useEffect, useState } from 'react';
import { app } from '../config';
import { sampleItems } from '../data/samples';
import type { Draft, Item, Status } from '../types';
import { emptyDraft, fromDraft } from './records';

/**
 * Reads saved records; corrupt or missing storage falls back to the samples instead of crashing.
 * Saved records are merged over blank ones, so records saved before a field existed still work.
 */
function load(): Item[] {
  try {
    const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(app.storageKey);
    if (!saved) return sampleItems();
    const parsed: unknown = JSON.parse(saved);
    if (!Array.isArray(parsed)) return sampleItems();
    const blank = fromDraft(emptyDraft());
    return (parsed as Item[]).map((item) => ({ ...blank, ...item }));
  } catch {
    return sampleItems();
  }
}

function newId(): string {
  return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8);
}

export function useRecords() {
  const [items, setItems] = useState<Item[]>(load);

  useEffect(() => {
    try {
      localStorage.setItem(app.storageKey, JSON.stringify(items));
    } catch {
      // Storage full or blocked (private mode): keep working in memory.
    }
  }, [items]);

  return {
    items,
    add(draft: Draft) {
      setItems((current) => [{ id: newId(), createdAt: new Date().toISOString(), ...fromDraft(draft) }, ...current]);
    },
    update(id: string, draft: Draft) {
      setItems((current) => current.map((item) => (item.id === id ? { ...item, ...fromDraft(draft) } : item)));
    },
    remove(id: string) {
      setItems((current) => current.filter((item) => item.id !== id));
    },
    move(id: string, status: Status) {
      setItems((current) => current.map((item) => (item.id === id ? { ...item, status } : item)));
    },
  };
}
`;
}
