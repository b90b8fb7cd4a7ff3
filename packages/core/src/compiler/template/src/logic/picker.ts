import type { AppRecord } from '../schema';

export interface PickerOption {
  id: string;
  label: string;
}

/**
 * The choices of a reference picker: records by title, alphabetically; records that share a
 * title are told apart by a number in order ("Tool 3", "Tool 3 (2)"), so each choice is one record.
 */
export function referenceOptions(
  records: readonly AppRecord[],
  title: (record: AppRecord) => string,
): PickerOption[] {
  const sorted = records
    .map((record, index) => ({ id: record.id, title: title(record), index }))
    .sort((a, b) => a.title.localeCompare(b.title, 'en', { numeric: true }) || a.index - b.index);
  const seen = new Map<string, number>();
  return sorted.map((option) => {
    const count = (seen.get(option.title) ?? 0) + 1;
    seen.set(option.title, count);
    return { id: option.id, label: count === 1 ? option.title : `${option.title} (${count})` };
  });
}
