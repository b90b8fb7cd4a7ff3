import { ExternalLink, MonitorPlay, RotateCw } from 'lucide-react';
import { useState } from 'react';
import { Button, buttonClassName } from '../../components/ui/button.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { useVersion } from './use-builder-data.ts';

/**
 * The version's app, served on its app's own origin (`<app key>.<apps host>`, docs/deploy.md#the-apps-origin) on a site
 * other than the builder's: no builder cookie reaches it and no other app's storage is within reach.
 * The URL is always taken fresh from versions.get (signed there, its token expires), never from the
 * event log (`preview_ready` carries the unsigned URL: the worker signs nothing).
 *
 * The sandbox, token by token:
 * - `allow-scripts`: the app is a React bundle.
 * - no `allow-same-origin`: the frame runs on an opaque origin (the preview page's own CSP says the
 *   same, opened in a tab too), never as the app's host, which the published app shares: a draft
 *   holds no cookie or storage of that host and cannot call its live data API as a signed-in
 *   member. It reaches only its own preview dataset (with the link's token) and keeps anything else
 *   in memory. Nor can a cross-origin frame touch this document or lift its own sandbox.
 * - `allow-forms`: generated forms submit through `onSubmit`; the page's CSP (`form-action 'none'`)
 *   still stops any real submission leaving.
 * - `allow-modals`: generated apps confirm deletes with `window.confirm`.
 * - `allow-downloads`: "Export CSV"; Chromium still requires a click for a download from a
 *   cross-origin frame, and the same file is one click away with the preview open in a tab.
 * Left out on purpose: `allow-top-navigation*` (the app could send this tab to a look-alike sign-in
 * page), `allow-popups` / `allow-popups-to-escape-sandbox` (an unsandboxed window of its choosing),
 * `allow-storage-access-by-user-activation`, `allow-pointer-lock`, `allow-presentation`.
 */
const previewSandbox = 'allow-scripts allow-forms allow-modals allow-downloads';

export function PreviewPanel({ versionId, building }: { versionId: string | null; building: boolean }) {
  const version = useVersion(versionId);
  const [reloads, setReloads] = useState(0);

  if (!versionId) {
    return (
      <div
        className="flex h-full flex-col items-center justify-center px-6 py-16 text-center"
        data-testid="preview-empty"
      >
        <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-surface-sunken text-muted">
          <MonitorPlay className="size-5" aria-hidden="true" />
        </div>
        <p className="text-sm font-medium text-text">
          {building ? 'Building the first version…' : 'No preview yet'}
        </p>
        <p className="mt-1 max-w-xs text-[13px] text-muted">
          {building
            ? 'The app opens here as soon as it passes validation.'
            : 'Answer a few questions, then build: the app runs here.'}
        </p>
      </div>
    );
  }

  const previewUrl = version.data?.previewUrl;
  const reload = async () => {
    await version.refetch();
    setReloads((count) => count + 1);
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex h-10 shrink-0 items-center gap-2 border-b border-border px-3">
        <span className="truncate rounded-md bg-surface-sunken px-2 py-0.5 font-mono text-[11.5px] text-muted">
          {version.data ? `Version ${version.data.number}` : 'Loading…'}
        </span>
        <div className="ml-auto flex items-center gap-1">
          <Button
            variant="ghost"
            size="icon"
            aria-label="Reload preview"
            title="Reload preview"
            data-testid="preview-reload"
            onClick={() => void reload()}
          >
            <RotateCw className="size-4" />
          </Button>
          {previewUrl && (
            <a
              href={previewUrl}
              target="_blank"
              rel="noopener noreferrer"
              aria-label="Open preview in a new tab"
              title="Open in a new tab"
              data-testid="preview-open"
              className={buttonClassName('ghost', 'icon')}
            >
              <ExternalLink className="size-4" />
            </a>
          )}
        </div>
      </div>
      <div className="relative min-h-0 flex-1 bg-white">
        {previewUrl ? (
          <iframe
            key={`${previewUrl}#${reloads}`}
            src={previewUrl}
            title="App preview"
            data-testid="preview-frame"
            sandbox={previewSandbox}
            className="absolute inset-0 size-full border-0"
          />
        ) : (
          <div className="flex flex-col gap-3 bg-canvas p-6" aria-busy="true">
            <Skeleton className="h-8 w-1/3" />
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-48 w-full rounded-xl" />
          </div>
        )}
      </div>
    </div>
  );
}
