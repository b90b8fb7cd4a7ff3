import type { Fact, Question } from '@app/core/schemas';
import { clsx } from 'clsx';
import { BookOpenText } from 'lucide-react';
import { useMemo, useRef } from 'react';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { factKey, factSourceLabel, groupLedger, newFactKeys } from './ledger-view.ts';

const groupAccent: Record<Fact['kind'], string> = {
  goal: 'bg-violet-500',
  requirement: 'bg-accent',
  ui: 'bg-sky-500',
  assumption: 'bg-amber-500',
  unknown: 'bg-subtle',
};

/** What a turn just learned stays highlighted for a moment (keys of facts new since the last ledger). */
function useFreshFactKeys(ledger: Fact[]): Set<string> {
  const previous = useRef<Fact[] | null>(null);
  const fresh = useRef<Set<string>>(new Set());
  if (previous.current !== ledger) {
    // The first ledger the page sees is not news, only what changes while it is open.
    fresh.current =
      previous.current && previous.current.length > 0 ? newFactKeys(previous.current, ledger) : new Set();
    previous.current = ledger;
  }
  return fresh.current;
}

export function LedgerPanel({
  ledger,
  questions,
  loading,
}: {
  ledger: Fact[];
  questions: Question[];
  loading: boolean;
}) {
  const groups = useMemo(() => groupLedger(ledger), [ledger]);
  const questionNumbers = useMemo(
    () => new Map(questions.map((question) => [question.id, question.number])),
    [questions],
  );
  const fresh = useFreshFactKeys(ledger);

  if (loading) {
    return (
      <div className="flex flex-col gap-5 p-5" aria-busy="true">
        {[0, 1].map((group) => (
          <div key={group} className="flex flex-col gap-2">
            <Skeleton className="h-3 w-24" />
            <Skeleton className="h-10 w-full rounded-lg" />
            <Skeleton className="h-10 w-full rounded-lg" />
          </div>
        ))}
      </div>
    );
  }

  if (groups.length === 0) {
    return (
      <div className="flex flex-col items-center px-6 py-16 text-center" data-testid="ledger-empty">
        <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-surface-sunken text-muted">
          <BookOpenText className="size-5" aria-hidden="true" />
        </div>
        <p className="text-sm font-medium text-text">Nothing understood yet</p>
        <p className="mt-1 max-w-xs text-[13px] text-muted">
          As you answer, what the builder learns shows up here, with where each fact came from.
        </p>
      </div>
    );
  }

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 p-5" data-testid="ledger">
      {groups.map((group) => (
        <section key={group.kind} aria-label={group.title} data-testid="ledger-group" data-kind={group.kind}>
          <h3 className="mb-2 flex items-center gap-2 text-[11px] font-semibold tracking-wide text-muted uppercase">
            <span className={clsx('size-1.5 rounded-full', groupAccent[group.kind])} aria-hidden="true" />
            {group.title}
            <span className="font-normal text-subtle">{group.facts.length}</span>
          </h3>
          <ul className="flex flex-col divide-y divide-border overflow-hidden rounded-lg border border-border bg-surface">
            {group.facts.map((fact) => {
              const key = factKey(fact);
              const isNew = fresh.has(key);
              return (
                <li
                  key={key}
                  data-testid="ledger-fact"
                  data-new={isNew || undefined}
                  className={clsx('px-3 py-2', isNew && 'animate-[fact-arrived_2.8s_ease-out]')}
                >
                  <p className="text-[13.5px] leading-snug text-text">{fact.text}</p>
                  <p className="mt-0.5 text-[11.5px] text-subtle" data-testid="fact-source">
                    {factSourceLabel(fact.source, questionNumbers)}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
