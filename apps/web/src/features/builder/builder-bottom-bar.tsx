import type { JobKind } from '@app/core/schemas';
import { Link } from 'wouter';
import { buttonClassName } from '../../components/ui/button.tsx';
import { ChangeComposer, GeneratingBar, QuestioningBar } from './bottom-bar.tsx';
import type { BottomBarKind } from './builder-view.ts';
import { type JobActions, useRequestChange } from './use-builder-data.ts';

/** The bar under the conversation: build now, cancel, ask for a change — whichever fits (`kind`). */
export function BuilderBottomBar({
  kind,
  appId,
  jobId,
  jobKind,
  readiness,
  actions,
}: {
  kind: BottomBarKind;
  appId: string;
  jobId: string;
  jobKind: JobKind;
  readiness: number;
  actions: Pick<JobActions, 'build' | 'cancel'>;
}) {
  if (kind === null) return null;
  return (
    <div className="shrink-0 border-t border-border bg-surface/80 p-3 backdrop-blur">
      {kind === 'questioning' && (
        <QuestioningBar
          readiness={readiness}
          pending={actions.build.isPending}
          onBuild={() => actions.build.mutate({ jobId })}
        />
      )}
      {kind === 'generating' && (
        <GeneratingBar
          kind={jobKind}
          pending={actions.cancel.isPending}
          onCancel={() => actions.cancel.mutate({ jobId })}
        />
      )}
      {kind === 'change' && <RequestChange appId={appId} />}
      {kind === 'cancelled' && (
        <div className="flex items-center justify-between gap-3 text-[13px] text-muted">
          This build was cancelled before a first version.
          <Link href="/" className={buttonClassName('secondary', 'sm')}>
            Start a new app
          </Link>
        </div>
      )}
    </div>
  );
}

function RequestChange({ appId }: { appId: string }) {
  const requestChange = useRequestChange(appId);
  return (
    <ChangeComposer
      pending={requestChange.isPending}
      onSubmit={(prompt, clear) => requestChange.mutate({ appId, prompt }, { onSuccess: clear })}
    />
  );
}
