import { promptMaxLength } from '@app/core/schemas';
import { ArrowUp, Sparkles } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { FieldMessage } from '../../components/ui/input.tsx';
import { Kbd } from '../../components/ui/kbd.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { exampleRequests } from './example-requests.ts';
import { useCreateApp } from './use-apps.ts';

function isTypingInField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The big "Describe a new app" box: Enter starts, Shift+Enter adds a line, "/" focuses it. The
 * app goes into `workspaceId` (null: the person's personal workspace).
 */
export function NewAppComposer({ workspaceId }: { workspaceId: string | null }) {
  const [prompt, setPrompt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const createApp = useCreateApp();
  const [, navigate] = useLocation();
  const labelId = useId();
  const errorId = useId();

  useEffect(() => {
    const focusOnSlash = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.metaKey || event.ctrlKey || event.altKey) return;
      if (isTypingInField(event.target)) return;
      event.preventDefault();
      textareaRef.current?.focus();
    };
    window.addEventListener('keydown', focusOnSlash);
    return () => window.removeEventListener('keydown', focusOnSlash);
  }, []);

  const trimmedPrompt = prompt.trim();
  const tooLong = prompt.length > promptMaxLength;

  const submit = () => {
    if (!trimmedPrompt || tooLong || createApp.isPending) return;
    setError(null);
    createApp.mutate(workspaceId ? { prompt: trimmedPrompt, workspaceId } : { prompt: trimmedPrompt }, {
      onSuccess: ({ app }) => navigate(`/apps/${app.id}`),
      onError: (mutationError) => setError(describeError(mutationError)),
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while an IME is composing confirms the composition, it must not submit.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const fillExample = (request: string) => {
    setPrompt(request);
    setError(null);
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.focus();
    // After React has written the value, put the caret at the end so the person can keep typing.
    requestAnimationFrame(() => textarea.setSelectionRange(request.length, request.length));
  };

  return (
    <section aria-labelledby={labelId} className="w-full">
      <h1 id={labelId} className="text-center text-2xl font-semibold tracking-tight text-text sm:text-[28px]">
        Describe a new app
      </h1>
      <p className="mx-auto mt-2 max-w-md text-center text-sm text-muted">
        Say what you need in a sentence. We’ll ask a few questions before writing any code.
      </p>
      <form
        className="group mt-6 rounded-2xl border border-border bg-surface-raised shadow-card transition focus-within:border-accent focus-within:ring-4 focus-within:ring-ring/30"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <textarea
          ref={textareaRef}
          name="prompt"
          data-testid="new-app-prompt"
          aria-label="Describe a new app"
          aria-describedby={error ? errorId : undefined}
          aria-invalid={Boolean(error) || tooLong || undefined}
          placeholder="A tracker for our support tickets with priorities…"
          rows={3}
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
          onKeyDown={onKeyDown}
          className="block field-sizing-content max-h-72 min-h-24 w-full resize-none bg-transparent px-4 pt-4 pb-2 text-[15px] leading-relaxed text-text placeholder:text-subtle focus:outline-none"
        />
        <div className="flex items-center gap-3 px-3 pb-3">
          <div className="hidden items-center gap-1.5 text-xs text-subtle sm:flex">
            <Kbd>Enter</Kbd> to start <span aria-hidden="true">·</span> <Kbd>Shift</Kbd>+<Kbd>Enter</Kbd> new
            line
          </div>
          {prompt.length > promptMaxLength * 0.9 && (
            <span className={tooLong ? 'text-xs text-danger' : 'text-xs text-muted'}>
              {prompt.length.toLocaleString()} / {promptMaxLength.toLocaleString()}
            </span>
          )}
          <Button
            type="submit"
            variant="primary"
            className="ml-auto"
            disabled={!trimmedPrompt || tooLong}
            pending={createApp.isPending}
            leadingIcon={<ArrowUp className="size-4" aria-hidden="true" />}
          >
            Start
          </Button>
        </div>
      </form>
      {error && (
        <div className="mt-2 px-1">
          <FieldMessage id={errorId} tone="error">
            {error}
          </FieldMessage>
        </div>
      )}
      <div className="mt-4">
        <div className="mb-2 flex items-center justify-center gap-1.5 text-xs text-subtle">
          <Sparkles className="size-3.5" aria-hidden="true" /> Or start from an example
        </div>
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {exampleRequests.map((example) => (
            <li key={example.title}>
              <button
                type="button"
                data-testid="example-request"
                onClick={() => fillExample(example.request)}
                className="flex h-full w-full flex-col items-start rounded-xl border border-border bg-surface px-3.5 py-2.5 text-left transition hover:border-border-strong hover:bg-surface-sunken focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                <span className="text-[13px] font-medium text-text">{example.title}</span>
                <span className="mt-0.5 text-xs leading-snug text-muted">{example.request}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
