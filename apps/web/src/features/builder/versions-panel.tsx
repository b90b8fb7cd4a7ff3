import { clsx } from 'clsx';
import { GitCommitVertical, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { formatAbsoluteTime, formatRelativeTime } from '../../lib/format-relative-time.ts';
import { useNow } from '../../lib/use-now.ts';
import { ExportVersionButton } from './export-version-button.tsx';
import { type Published, PublishVersionButton } from './publish-controls.tsx';
import type { AppVersionSummary } from './use-builder-data.ts';
import { VersionChecks } from './version-checks.tsx';

/**
 * Every version, newest first. Restoring never rewrites history: it adds a new version with the old
 * one's files, so it asks first and says so.
 */
export function VersionsPanel({
  published,
  versions,
  jobActive,
  restoringId,
  onRestore,
}: {
  published: Published;
  versions: AppVersionSummary[];
  jobActive: boolean;
  restoringId: string | null;
  onRestore: (versionId: string) => void;
}) {
  const now = useNow();
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const current = versions[0];

  if (versions.length === 0) {
    return (
      <div className="flex flex-col items-center px-6 py-16 text-center" data-testid="versions-empty">
        <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-surface-sunken text-muted">
          <GitCommitVertical className="size-5" aria-hidden="true" />
        </div>
        <p className="text-sm font-medium text-text">No versions yet</p>
        <p className="mt-1 max-w-xs text-[13px] text-muted">
          Each build and each change adds a version here.
        </p>
      </div>
    );
  }

  return (
    <ol className="flex flex-col p-3" data-testid="versions">
      {versions.map((version) => {
        const isCurrent = version.id === current?.id;
        const confirming = confirmingId === version.id;
        return (
          <li
            key={version.id}
            data-testid="version-row"
            data-number={version.number}
            className={clsx(
              'rounded-lg px-3 py-3',
              confirming ? 'bg-surface-sunken' : 'hover:bg-surface-sunken/60',
            )}
          >
            <div className="flex items-start gap-3">
              <span className="mt-0.5 inline-flex h-6 min-w-9 items-center justify-center rounded-md border border-border bg-surface px-1.5 font-mono text-[12px] font-semibold text-text">
                v{version.number}
              </span>
              <div className="min-w-0 flex-1">
                <p className="line-clamp-2 text-[13.5px] leading-snug text-text" title={version.request}>
                  {version.request}
                </p>
                <p className="mt-0.5 text-xs text-muted">
                  <time dateTime={version.createdAt} title={formatAbsoluteTime(version.createdAt)}>
                    {formatRelativeTime(version.createdAt, now)}
                  </time>
                </p>
              </div>
              {!confirming && <PublishVersionButton version={version} published={published} />}
              {!confirming && <ExportVersionButton versionId={version.id} number={version.number} />}
              {isCurrent ? (
                // Current, not necessarily good: a version with failing checks gets no green.
                <Badge tone={version.status === 'checks_failed' ? 'accent' : 'success'} dot>
                  Current
                </Badge>
              ) : (
                !confirming && (
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={jobActive}
                    title={
                      jobActive
                        ? 'Finish or cancel the running job first'
                        : `Restore version ${version.number}`
                    }
                    data-testid="version-restore"
                    onClick={() => setConfirmingId(version.id)}
                    leadingIcon={<RotateCcw className="size-3.5" aria-hidden="true" />}
                  >
                    Restore
                  </Button>
                )
              )}
            </div>
            {/* Below the row, not in its text column: the list gets the width at 390 px. */}
            <div className="ml-12">
              <VersionChecks version={version} />
            </div>
            {confirming && (
              <fieldset
                className="mt-3 ml-12 flex flex-wrap items-center gap-2"
                aria-label={`Restore version ${version.number}?`}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') setConfirmingId(null);
                }}
              >
                <p className="w-full text-[12.5px] text-muted">
                  This adds version {(current?.number ?? 0) + 1} with the files of version {version.number}.
                  Nothing is lost.
                </p>
                <Button
                  size="sm"
                  variant="primary"
                  autoFocus
                  pending={restoringId === version.id}
                  data-testid="version-restore-confirm"
                  onClick={() => {
                    onRestore(version.id);
                    setConfirmingId(null);
                  }}
                >
                  Restore version {version.number}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setConfirmingId(null)}>
                  Keep current
                </Button>
              </fieldset>
            )}
          </li>
        );
      })}
    </ol>
  );
}
