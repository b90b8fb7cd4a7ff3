import type { Blueprint, Fact, JobStatus, Question } from '@app/core/schemas';
import { type ReactNode, useMemo } from 'react';
import { AudienceSummary } from './blueprint-audience.tsx';
import { useBlueprintEditing } from './blueprint-editing.ts';
import { EntityCardView } from './blueprint-entity-card.tsx';
import { BlueprintEmpty, BlueprintSkeleton } from './blueprint-placeholders.tsx';
import { deriveBlueprintDisplay } from './blueprint-view.ts';
import { ViewList } from './blueprint-view-list.tsx';

/** Why the blueprint cannot be edited right now, or null when it can (only while a question waits). */
function lockedReason(status: JobStatus | null): string | null {
  if (status === 'awaiting_answer') return null;
  if (status === 'questioning') return 'The builder is reading your answer — editing is back in a moment.';
  if (status === 'generating') return 'Building from this blueprint — it can’t be edited now.';
  return 'This is what the app was built from. Describe a change to edit it.';
}

/**
 * The Blueprint tab (docs/architecture.md#screens): the app's design — entities with typed fields, views, audience,
 * sharing — each with where it came from; editable inline while a question waits. Every open tab
 * shows the same blueprint: edits arrive as `blueprint_updated` on the job's stream.
 */
export function BlueprintPanel({
  appId,
  jobId,
  status,
  blueprint,
  base,
  ledger,
  questions,
  loading,
}: {
  appId: string;
  jobId: string;
  status: JobStatus | null;
  blueprint: Blueprint | null;
  /** For a change job: the blueprint of the version it changes (marks what the change does). */
  base: Blueprint | null;
  ledger: Fact[];
  questions: Question[];
  loading: boolean;
}) {
  const editing = useBlueprintEditing({ appId, jobId, blueprint });
  const shown = editing.blueprint;
  const display = useMemo(
    () => (shown ? deriveBlueprintDisplay({ blueprint: shown, ledger, questions, base }) : null),
    [shown, ledger, questions, base],
  );
  if (loading) return <BlueprintSkeleton />;
  if (!shown || !display) return <BlueprintEmpty />;
  const locked = lockedReason(status);
  const editable = locked === null;

  return (
    <div
      className="mx-auto flex max-w-3xl flex-col gap-6 p-4 sm:p-5"
      data-testid="blueprint"
      data-editable={editable || undefined}
    >
      <header className="flex flex-col gap-1">
        <h2 className="text-base font-semibold text-text" data-testid="blueprint-title">
          {display.title}
        </h2>
        {display.summary && <p className="text-[13px] text-muted">{display.summary}</p>}
        <p className="text-xs text-subtle">
          {locked ??
            'Click a name to rename it (Enter saves, Esc cancels). Every edit is saved and noted in the ledger.'}
        </p>
      </header>
      {display.changes.length > 0 && (
        <Section title="This change">
          <ul
            className="flex flex-col gap-1 rounded-lg border border-border bg-surface px-3 py-2 text-[13px] text-text"
            data-testid="blueprint-changes"
          >
            {display.changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Records">
        {display.entities.length === 0 && (
          <p className="text-[13px] text-muted">Nothing to keep track of yet.</p>
        )}
        <div className="flex flex-col gap-3">
          {display.entities.map((card) => (
            <EntityCardView
              key={card.id}
              card={card}
              blueprint={shown}
              editing={editing}
              editable={editable}
            />
          ))}
          {display.removedEntities.map((name) => (
            <p
              key={name}
              className="rounded-lg border border-dashed border-border px-3 py-2 text-[13px] text-subtle line-through"
            >
              {name}
            </p>
          ))}
        </div>
      </Section>
      <Section title="Views">
        <ViewList
          views={display.views}
          removed={display.removedViews}
          blueprint={shown}
          editing={editing}
          editable={editable}
        />
      </Section>
      <Section title="Who uses it">
        <AudienceSummary audience={display.audience} sharing={display.sharing} />
      </Section>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="flex flex-col gap-2">
      <h3 className="text-[11px] font-semibold tracking-wide text-muted uppercase">{title}</h3>
      {children}
    </section>
  );
}
