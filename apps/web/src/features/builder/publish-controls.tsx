import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Copy, ExternalLink, Globe, Rocket } from 'lucide-react';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { showToast } from '../../components/ui/toast.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { useTRPC } from '../../lib/trpc.ts';
import type { AppDetails, AppVersionSummary } from './use-builder-data.ts';

export type Published = AppDetails['published'];

/** Publish / unpublish, refreshing the builder's app and every apps list (their "Published" badges). */
function usePublishing() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.apps.get.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.apps.list.queryKey() }),
    ]);
  const onError = (error: unknown) => showToast(describeError(error), 'danger');
  const publish = useMutation(
    trpc.versions.publish.mutationOptions({
      onSuccess: async (result) => {
        await refresh();
        showToast(
          result.checksFailed
            ? `Version ${result.number} is live, though some of its checks failed`
            : `Version ${result.number} is live`,
          'success',
        );
      },
      onError,
    }),
  );
  const unpublish = useMutation(
    trpc.apps.unpublish.mutationOptions({
      onSuccess: async () => {
        await refresh();
        showToast('The app is offline: its address shows “not published”', 'neutral');
      },
      onError,
    }),
  );
  return { publish, unpublish };
}

/** Above the versions: the app's stable URL when it is live, with open, copy and take offline. */
export function PublishedBanner({ appId, published }: { appId: string; published: Published }) {
  const { unpublish } = usePublishing();
  if (!published) {
    return (
      <p className="mx-3 mt-3 rounded-lg border border-dashed border-border px-3 py-2 text-[12.5px] text-muted">
        Not published. Publish a version to give your workspace a stable address for it.
      </p>
    );
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(published.url);
      showToast('Address copied', 'success');
    } catch {
      showToast('Could not copy: select the address instead', 'danger');
    }
  };
  return (
    <section
      aria-label="Published app"
      data-testid="published-banner"
      className="mx-3 mt-3 flex flex-wrap items-center gap-2 rounded-lg border border-border bg-surface-sunken px-3 py-2"
    >
      <Globe className="size-4 text-emerald-600" aria-hidden="true" />
      <span className="text-[13px] font-medium text-text">Live · v{published.number}</span>
      <a
        href={published.url}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="published-url"
        className="min-w-0 flex-1 truncate font-mono text-[12px] text-accent-text underline-offset-2 hover:underline"
      >
        {published.url}
      </a>
      <Button
        size="sm"
        variant="ghost"
        aria-label="Copy the app's address"
        onClick={() => void copy()}
        leadingIcon={<Copy className="size-3.5" />}
      >
        Copy
      </Button>
      <a
        href={published.url}
        target="_blank"
        rel="noopener noreferrer"
        className="inline-flex items-center gap-1 text-[12.5px] text-muted hover:text-text"
      >
        <ExternalLink className="size-3.5" aria-hidden="true" /> Open
      </a>
      <Button
        size="sm"
        variant="ghost"
        data-testid="unpublish"
        pending={unpublish.isPending}
        onClick={() => unpublish.mutate({ appId })}
      >
        Unpublish
      </Button>
    </section>
  );
}

/**
 * One version's publish action, or its "Live" badge. A version whose checks failed may still go
 * live — the person decides — but only after saying so.
 */
export function PublishVersionButton({
  version,
  published,
}: {
  version: AppVersionSummary;
  published: Published;
}) {
  const { publish } = usePublishing();
  if (published?.versionId === version.id) {
    return (
      <Badge tone="success" dot>
        <span data-testid="version-live">Live</span>
      </Badge>
    );
  }
  const failing = version.status === 'checks_failed';
  const go = () => {
    if (failing && !window.confirm(`Some checks of version ${version.number} failed. Publish it anyway?`))
      return;
    publish.mutate({ versionId: version.id });
  };
  return (
    <Button
      size="sm"
      variant="ghost"
      pending={publish.isPending}
      title={
        published
          ? `Serve version ${version.number} at the app's address instead of v${published.number}`
          : `Publish version ${version.number} at the app's address`
      }
      aria-label={`Publish version ${version.number}`}
      data-testid="version-publish"
      onClick={go}
      leadingIcon={<Rocket className="size-3.5" aria-hidden="true" />}
    >
      Publish
    </Button>
  );
}
