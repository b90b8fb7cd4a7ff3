import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { showToast } from '../../components/ui/toast.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { type RouterOutputs, trpcErrorCode, useTRPC } from '../../lib/trpc.ts';
import type { JobSnapshot } from './job-state.ts';

export type AppDetails = RouterOutputs['apps']['get'];
export type AppJobSummary = AppDetails['jobs'][number];
export type AppVersionSummary = AppDetails['versions'][number];
export type VersionDetails = RouterOutputs['versions']['get'];

/**
 * The job as `jobs.get` has it, painted at once from the cache when there is one. A page that
 * streams the job reads it afresh on every mount (`streaming`): its `lastSeq` is where that mount's
 * replay ends, and a cached one may be older than the log.
 */
export function useJobSnapshot(jobId: string | null, { streaming = false }: { streaming?: boolean } = {}) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.jobs.get.queryOptions({ jobId: jobId ?? '' }),
    enabled: jobId !== null,
    ...(streaming ? { refetchOnMount: 'always' as const } : {}),
  });
}

/** Preview tokens expire after an hour: refresh the URL well before, and never serve an old one. */
const previewRefreshMs = 20 * 60_000;

export function useVersion(versionId: string | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.versions.get.queryOptions({ versionId: versionId ?? '' }),
    enabled: versionId !== null,
    staleTime: previewRefreshMs,
    refetchInterval: previewRefreshMs,
  });
}

/** `/healthz` names the model; the builder labels an offline one (docs/architecture.md#models). Asked once per page load. */
export function useModelDescription() {
  return useQuery({
    queryKey: ['healthz'],
    queryFn: async () => {
      const response = await fetch('/healthz', { headers: { accept: 'application/json' } });
      const body: unknown = await response.json();
      return body && typeof body === 'object' && 'model' in body && typeof body.model === 'string'
        ? body.model
        : null;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

/**
 * Shared failure handling for builder mutations. A `CONFLICT` means the screen was behind (the
 * question was already answered, another tab built it …): say so quietly and fetch the truth.
 */
function useMutationFeedback(appId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // What no job stream carries: a new job, a restored version (the app and the apps list).
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.apps.get.queryKey({ appId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.apps.list.queryKey() }),
    ]);
  const onError = (error: unknown) => {
    if (trpcErrorCode(error) === 'CONFLICT') {
      showToast(`${describeError(error)} — showing the latest.`);
      void refresh();
      void queryClient.invalidateQueries({ queryKey: trpc.jobs.get.queryKey() });
    } else {
      showToast(describeError(error), 'danger');
    }
  };
  return { refresh, onError };
}

/**
 * The job's own mutations. Whatever they change reaches this page (and every other open tab)
 * through the job's event stream, which also refetches `apps.get` for the changes it lists; so a
 * success only paints the answer (in case no event has arrived yet) and marks the apps list stale
 * for when it is next shown — no refetch per answer.
 */
export function useJobActions(appId: string, onSnapshot: (job: JobSnapshot) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { onError } = useMutationFeedback(appId);
  const options = {
    onSuccess: ({ job }: { job: JobSnapshot }) => {
      onSnapshot(job);
      void queryClient.invalidateQueries({ queryKey: trpc.apps.list.queryKey(), refetchType: 'none' });
    },
    onError,
  };
  return {
    answer: useMutation(trpc.jobs.answer.mutationOptions(options)),
    skip: useMutation(trpc.jobs.skipQuestion.mutationOptions(options)),
    build: useMutation(trpc.jobs.build.mutationOptions(options)),
    cancel: useMutation(trpc.jobs.cancel.mutationOptions(options)),
    retry: useMutation(trpc.jobs.retry.mutationOptions(options)),
  };
}

export type JobActions = ReturnType<typeof useJobActions>;

export function useRequestChange(appId: string) {
  const trpc = useTRPC();
  const { refresh, onError } = useMutationFeedback(appId);
  return useMutation(trpc.apps.requestChange.mutationOptions({ onSuccess: () => refresh(), onError }));
}

export function useRestoreVersion(appId: string) {
  const trpc = useTRPC();
  const { refresh, onError } = useMutationFeedback(appId);
  return useMutation(
    trpc.versions.restore.mutationOptions({
      onSuccess: ({ version }) => {
        showToast(`Restored as version ${version.number}`, 'success');
        void refresh();
      },
      onError,
    }),
  );
}
