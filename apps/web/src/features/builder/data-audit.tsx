import { useQuery } from '@tanstack/react-query';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { type DataField, describeChange } from './data-view.ts';

const actionLabel = { create: 'Created', update: 'Edited', delete: 'Deleted' } as const;

/** Who changed a record, when, and what changed. */
export function DataAudit({
  appId,
  recordId,
  fields,
}: {
  appId: string;
  recordId: string;
  fields: DataField[];
}) {
  const trpc = useTRPC();
  const audit = useQuery(trpc.data.audit.queryOptions({ appId, recordId }));
  if (audit.isPending) return <Skeleton className="h-12 w-full" />;
  const entries = audit.data?.entries ?? [];
  if (entries.length === 0) return <p className="text-[12.5px] text-muted">No changes recorded.</p>;
  return (
    <ol className="space-y-2" data-testid="data-audit">
      {entries.map((entry) => (
        <li key={entry.id} className="text-[12.5px]">
          <span className="font-medium">{actionLabel[entry.action]}</span>{' '}
          <span className="text-muted">
            by {entry.actorEmail ?? 'a preview visitor'} · {new Date(entry.at).toLocaleString()}
          </span>
          {entry.action === 'update' && (
            <ul className="ml-3 list-disc text-muted">
              {describeChange(fields, entry.before, entry.after).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
