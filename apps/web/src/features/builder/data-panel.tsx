import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Database, Download } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { showToast } from '../../components/ui/toast.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { DataRecordRow } from './data-record-row.tsx';
import { recordsCsv } from './data-view.ts';

/**
 * The Data tab: the app's live records (what members entered in the published app), per entity,
 * to view, correct, delete, export as CSV and audit. Before anything is published it shows the
 * latest version's preview data, read-only, and says so.
 */
export function DataPanel({ appId }: { appId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [entityId, setEntityId] = useState<string | undefined>(undefined);
  const list = useInfiniteQuery(
    trpc.data.list.infiniteQueryOptions(
      { appId, ...(entityId ? { entityId } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, initialCursor: null },
    ),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.data.list.infiniteQueryKey() });
  const onError = (error: unknown) => {
    showToast(describeError(error), 'danger');
    void refresh();
  };
  const update = useMutation(trpc.data.update.mutationOptions({ onSuccess: refresh, onError }));
  const remove = useMutation(trpc.data.delete.mutationOptions({ onSuccess: refresh, onError }));

  if (list.isPending) return <Skeleton className="m-3 h-40" />;
  const first = list.data?.pages[0];
  const source = first?.source;
  if (!source) {
    return (
      <p className="m-3 text-[13px] text-muted">
        No data yet: the app’s records appear here once a version is built.
      </p>
    );
  }
  const selected = source.entities.find((entity) => entity.id === first?.entityId) ?? source.entities[0];
  const records = list.data?.pages.flatMap((page) => page.records) ?? [];
  const fields = selected?.fields ?? [];
  const exportCsv = () => {
    const blob = new Blob([recordsCsv(fields, records)], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${selected?.pluralName ?? 'records'}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <div className="flex flex-col gap-3 p-3" data-testid="data-panel">
      {source.readOnly && (
        <p className="rounded-lg border border-dashed border-border px-3 py-2 text-[12.5px] text-muted">
          Nothing is published yet: this is version {source.versionNumber}’s preview data, read-only. Publish
          a version to collect live data from your workspace.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Database className="size-4 text-muted" aria-hidden="true" />
        <select
          aria-label="Entity"
          className="rounded-md border border-border bg-surface px-2 py-1 text-[13px]"
          value={selected?.id ?? ''}
          onChange={(event) => setEntityId(event.target.value)}
        >
          {source.entities.map((entity) => (
            <option key={entity.id} value={entity.id}>
              {entity.pluralName}
            </option>
          ))}
        </select>
        <span className="text-[12.5px] text-muted">
          {records.length}
          {list.hasNextPage ? '+' : ''} {source.kind === 'live' ? 'live' : 'preview'} records
        </span>
        <Button size="sm" className="ml-auto" onClick={exportCsv} disabled={records.length === 0}>
          <Download className="size-4" aria-hidden="true" /> CSV
        </Button>
      </div>
      {records.length === 0 ? (
        <p className="text-[13px] text-muted">No {selected?.pluralName ?? 'records'} yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border">
          <table className="w-full text-left text-[12.5px]">
            <thead className="bg-surface-sunken text-muted">
              <tr>
                {fields.map((field) => (
                  <th key={field.id} className="px-2 py-1.5 font-medium whitespace-nowrap">
                    {field.name}
                  </th>
                ))}
                <th className="px-2 py-1.5" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <DataRecordRow
                  key={`${record.id}:${record.version}`}
                  appId={appId}
                  record={record}
                  fields={fields}
                  readOnly={source.readOnly}
                  saving={update.isPending || remove.isPending}
                  onSave={(values) =>
                    update.mutate({
                      appId,
                      entityId: record.entityId,
                      recordId: record.id,
                      version: record.version,
                      values,
                    })
                  }
                  onDelete={() =>
                    remove.mutate({
                      appId,
                      entityId: record.entityId,
                      recordId: record.id,
                      version: record.version,
                    })
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          Load more
        </Button>
      )}
    </div>
  );
}
