import type { Check, VersionStatus } from '@app/core/schemas';
import { clsx } from 'clsx';
import { AlertTriangle, ChevronRight, ShieldCheck } from 'lucide-react';
import { useId, useState } from 'react';
import { Badge } from '../../components/ui/badge.tsx';
import { CheckList } from './check-list.tsx';
import { versionChecksView } from './checks-view.ts';

/**
 * A version's stored checks: "12/12 checks passed", or "9/12 checks passed" with a warning badge
 * for a `checks_failed` version; opens to every check with its detail. Nothing for versions made
 * before checks were stored.
 */
export function VersionChecks({ version }: { version: { status: VersionStatus; checks: Check[] } }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const view = versionChecksView(version);
  if (!view) return null;
  return (
    <div data-testid="version-checks" data-failing={view.failing} className="mt-1">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen((current) => !current)}
          className="inline-flex items-center gap-1 rounded text-xs text-muted hover:text-text focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <ChevronRight
            className={clsx('size-3.5 transition-transform', open && 'rotate-90')}
            aria-hidden="true"
          />
          {view.failing ? (
            <AlertTriangle className="size-3.5 text-amber-500" aria-hidden="true" />
          ) : (
            <ShieldCheck className="size-3.5 text-emerald-500" aria-hidden="true" />
          )}
          <span data-testid="version-checks-count" className="tabular-nums">
            {view.tally.label}
          </span>
        </button>
        {view.failing && <Badge tone={view.tone}>Checks failed</Badge>}
      </div>
      {open && (
        <div id={listId} className="mt-2">
          <CheckList checks={version.checks} />
        </div>
      )}
    </div>
  );
}
