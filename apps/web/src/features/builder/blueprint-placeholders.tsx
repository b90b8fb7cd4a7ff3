import { Boxes } from 'lucide-react';
import { Skeleton } from '../../components/ui/skeleton.tsx';

/** Before the first turn has read the request. */
export function BlueprintEmpty() {
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center" data-testid="blueprint-empty">
      <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-surface-sunken text-muted">
        <Boxes className="size-5" aria-hidden="true" />
      </div>
      <p className="text-sm font-medium text-text">No blueprint yet</p>
      <p className="mt-1 max-w-xs text-[13px] text-muted">
        Once the builder has read your request, the app’s design shows up here: what it keeps track of, its
        fields and its views.
      </p>
    </div>
  );
}

/** While the job's state loads. */
export function BlueprintSkeleton() {
  return (
    <div className="flex flex-col gap-4 p-5" aria-busy="true">
      <Skeleton className="h-5 w-40" />
      {[0, 1].map((card) => (
        <div key={card} className="flex flex-col gap-2">
          <Skeleton className="h-9 w-full rounded-lg" />
          <Skeleton className="h-8 w-full rounded-lg" />
          <Skeleton className="h-8 w-full rounded-lg" />
        </div>
      ))}
    </div>
  );
}
