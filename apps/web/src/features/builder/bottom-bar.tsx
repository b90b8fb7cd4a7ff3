import { type JobKind, promptMaxLength } from '@app/core/schemas';
import { clsx } from 'clsx';
import { ArrowUp, Hammer, Square } from 'lucide-react';
import { type KeyboardEvent, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Kbd } from '../../components/ui/kbd.tsx';

function readinessTone(readiness: number): string {
  if (readiness >= 70) return 'bg-emerald-500';
  if (readiness >= 40) return 'bg-accent';
  return 'bg-amber-500';
}

export function ReadinessMeter({ readiness }: { readiness: number }) {
  const value = Math.max(0, Math.min(100, Math.round(readiness)));
  return (
    <div className="min-w-0 flex-1">
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="font-medium text-text">Readiness</span>
        <span className="text-muted tabular-nums" data-testid="readiness">
          {value}%
        </span>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot be styled consistently across browsers */}
      <div
        role="meter"
        aria-label="Readiness to build"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-surface-sunken"
      >
        <div
          className={clsx(
            'h-full rounded-full transition-[width] duration-500 ease-out',
            readinessTone(value),
          )}
          style={{ width: `${Math.max(value, 2)}%` }}
        />
      </div>
    </div>
  );
}

export function QuestioningBar({
  readiness,
  onBuild,
  pending,
}: {
  readiness: number;
  onBuild: () => void;
  pending: boolean;
}) {
  return (
    <div className="flex items-center gap-4">
      <ReadinessMeter readiness={readiness} />
      <Button
        variant="primary"
        onClick={onBuild}
        pending={pending}
        data-testid="build-now"
        leadingIcon={<Hammer className="size-4" aria-hidden="true" />}
      >
        Build now
      </Button>
    </div>
  );
}

export function GeneratingBar({
  kind,
  onCancel,
  pending,
}: {
  kind: JobKind;
  onCancel: () => void;
  pending: boolean;
}) {
  return (
    <div className="flex items-center gap-3">
      <span className="relative flex size-2">
        <span className="absolute inline-flex size-full animate-ping rounded-full bg-accent opacity-60" />
        <span className="relative inline-flex size-2 rounded-full bg-accent" />
      </span>
      <span className="flex-1 text-[13px] text-text">
        {kind === 'change' ? 'Updating your app…' : 'Building your app…'}
      </span>
      <Button
        onClick={onCancel}
        pending={pending}
        data-testid="cancel-job"
        leadingIcon={<Square className="size-3 fill-current" aria-hidden="true" />}
      >
        Cancel
      </Button>
    </div>
  );
}

/** After a version exists: "What should change?" starts a change request (Enter sends). */
export function ChangeComposer({
  onSubmit,
  pending,
}: {
  onSubmit: (prompt: string, clear: () => void) => void;
  pending: boolean;
}) {
  const [prompt, setPrompt] = useState('');
  const trimmed = prompt.trim();
  const tooLong = prompt.length > promptMaxLength;
  const submit = () => {
    if (!trimmed || tooLong || pending) return;
    onSubmit(trimmed, () => setPrompt(''));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.currentTarget.blur();
    }
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      className="rounded-xl border border-border bg-surface shadow-sm transition focus-within:border-accent focus-within:ring-4 focus-within:ring-ring/25"
    >
      <textarea
        data-testid="change-prompt"
        aria-label="What should change?"
        placeholder="What should change?"
        rows={2}
        value={prompt}
        onChange={(event) => setPrompt(event.target.value)}
        onKeyDown={onKeyDown}
        className="block field-sizing-content max-h-48 min-h-14 w-full resize-none bg-transparent px-3.5 pt-3 pb-1 text-[14px] leading-relaxed text-text placeholder:text-subtle focus:outline-none"
      />
      <div className="flex items-center gap-2 px-2.5 pb-2.5">
        <span className="hidden items-center gap-1 text-[11px] text-subtle sm:flex">
          <Kbd>Enter</Kbd> to send
        </span>
        {tooLong && (
          <span className="text-xs text-danger">
            {prompt.length.toLocaleString()} / {promptMaxLength.toLocaleString()}
          </span>
        )}
        <Button
          type="submit"
          variant="primary"
          size="sm"
          className="ml-auto"
          disabled={!trimmed || tooLong}
          pending={pending}
          data-testid="change-send"
          leadingIcon={<ArrowUp className="size-3.5" aria-hidden="true" />}
        >
          Send
        </Button>
      </div>
    </form>
  );
}
