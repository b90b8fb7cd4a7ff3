import type { Blueprint } from '@app/core/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { showToast } from '../../components/ui/toast.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { trpcErrorCode, useTRPC } from '../../lib/trpc.ts';
import { editProblem } from './blueprint-edits.ts';

/** A refused edit, shown next to the element it was made on (`key`: that element). */
export type EditProblem = { key: string; message: string };

/**
 * Saving the Blueprint tab's edits. The edited blueprint shows at once and stays until the job's
 * stream delivers the `blueprint_updated` the edit caused (every open tab gets the same event);
 * a refusal puts the stored blueprint back. BAD_REQUEST is the person's to fix, so it is shown
 * inline; CONFLICT means the job moved on (answered in another tab, building): a quiet toast, and
 * the stream already carries the latest.
 */
export function useBlueprintEditing({
  appId,
  jobId,
  blueprint,
}: {
  appId: string;
  jobId: string;
  blueprint: Blueprint | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [optimistic, setOptimistic] = useState<Blueprint | null>(null);
  const [problem, setProblem] = useState<EditProblem | null>(null);
  const mutation = useMutation(trpc.jobs.updateBlueprint.mutationOptions());
  const { mutateAsync } = mutation;

  // A new blueprint from the stream is the truth, our own edit included.
  useEffect(() => {
    if (blueprint) setOptimistic(null);
  }, [blueprint]);

  const shown = optimistic ?? blueprint;
  const save = useCallback(
    async (key: string, next: Blueprint): Promise<boolean> => {
      if (shown && JSON.stringify(next) === JSON.stringify(shown)) return true;
      setProblem(null);
      setOptimistic(next);
      try {
        await mutateAsync({ jobId, blueprint: next });
        return true;
      } catch (error) {
        setOptimistic(null);
        const code = trpcErrorCode(error);
        if (code === 'BAD_REQUEST' && error instanceof Error) {
          setProblem({ key, message: editProblem(error.message) });
        } else if (code === 'CONFLICT') {
          showToast(`${describeError(error)} — showing the latest.`);
          void queryClient.invalidateQueries({ queryKey: trpc.jobs.get.queryKey({ jobId }) });
          void queryClient.invalidateQueries({ queryKey: trpc.apps.get.queryKey({ appId }) });
        } else {
          showToast(describeError(error), 'danger');
        }
        return false;
      }
    },
    [appId, jobId, mutateAsync, queryClient, shown, trpc],
  );
  const problemFor = (key: string) => (problem?.key === key ? problem.message : null);
  return {
    blueprint: shown,
    save,
    problemFor,
    clearProblem: () => setProblem(null),
    saving: mutation.isPending,
  };
}

export type BlueprintEditing = ReturnType<typeof useBlueprintEditing>;
