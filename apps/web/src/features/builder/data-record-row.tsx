import { Pencil, ScrollText, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { DataAudit } from './data-audit.tsx';
import { type CellValue, cellText, type DataField, valueFromText } from './data-view.ts';

export interface DataRecord {
  id: string;
  values: Record<string, unknown>;
  version: number;
  updatedAt: string;
}

/** One record in the grid: its cells, and (live data only) edit in place, delete, its history. */
export function DataRecordRow({
  appId,
  record,
  fields,
  readOnly,
  saving,
  onSave,
  onDelete,
}: {
  appId: string;
  record: DataRecord;
  fields: DataField[];
  readOnly: boolean;
  saving: boolean;
  onSave: (values: Record<string, CellValue>) => void;
  onDelete: () => void;
}) {
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [history, setHistory] = useState(false);
  const startEdit = () =>
    setDraft(Object.fromEntries(fields.map((field) => [field.id, cellText(field, record.values[field.id])])));
  const save = () => {
    if (!draft) return;
    const changed: Record<string, CellValue> = {};
    for (const field of fields) {
      const text = draft[field.id] ?? '';
      if (text !== cellText(field, record.values[field.id])) changed[field.id] = valueFromText(field, text);
    }
    onSave(changed);
    setDraft(null);
  };
  return (
    <>
      <tr className="border-b border-border" data-testid="data-row" data-record-id={record.id}>
        {fields.map((field) => (
          <td key={field.id} className="max-w-56 truncate px-2 py-1.5 align-top">
            {draft ? (
              <input
                aria-label={field.name}
                className="w-full rounded border border-border bg-surface px-1.5 py-0.5"
                value={draft[field.id] ?? ''}
                onChange={(event) => setDraft({ ...draft, [field.id]: event.target.value })}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') save();
                  if (event.key === 'Escape') setDraft(null);
                }}
              />
            ) : (
              cellText(field, record.values[field.id])
            )}
          </td>
        ))}
        <td className="px-2 py-1 text-right whitespace-nowrap">
          {draft ? (
            <>
              <Button size="sm" onClick={save} disabled={saving}>
                Save
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
                Cancel
              </Button>
            </>
          ) : (
            <>
              <Button size="sm" variant="ghost" aria-label="History" onClick={() => setHistory(!history)}>
                <ScrollText className="size-4" aria-hidden="true" />
              </Button>
              {!readOnly && (
                <>
                  <Button size="sm" variant="ghost" aria-label="Edit" onClick={startEdit}>
                    <Pencil className="size-4" aria-hidden="true" />
                  </Button>
                  <Button size="sm" variant="ghost" aria-label="Delete" onClick={onDelete} disabled={saving}>
                    <Trash2 className="size-4" aria-hidden="true" />
                  </Button>
                </>
              )}
            </>
          )}
        </td>
      </tr>
      {history && (
        <tr className="border-b border-border bg-surface-sunken">
          <td colSpan={fields.length + 1} className="px-3 py-2">
            <DataAudit appId={appId} recordId={record.id} fields={fields} />
          </td>
        </tr>
      )}
    </>
  );
}
