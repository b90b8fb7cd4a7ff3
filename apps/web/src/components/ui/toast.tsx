import { clsx } from 'clsx';
import { X } from 'lucide-react';
import { useSyncExternalStore } from 'react';

export type ToastTone = 'neutral' | 'success' | 'danger';
type Toast = { id: number; message: string; tone: ToastTone };

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function dismissToast(id: number) {
  toasts = toasts.filter((toast) => toast.id !== id);
  emit();
}

/** A quiet note in the corner that goes away by itself (stale clicks, restores …). */
export function showToast(message: string, tone: ToastTone = 'neutral', durationMs = 4000) {
  const id = nextId++;
  // The same note twice in a row (a double click on a stale button) shows once.
  toasts = [...toasts.filter((toast) => toast.message !== message), { id, message, tone }].slice(-3);
  emit();
  window.setTimeout(() => dismissToast(id), durationMs);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function Toaster() {
  const current = useSyncExternalStore(subscribe, () => toasts);
  return (
    <div
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4 sm:right-4 sm:left-auto sm:items-end"
    >
      {current.map((toast) => (
        <div
          key={toast.id}
          role="status"
          data-testid="toast"
          className={clsx(
            'pointer-events-auto flex max-w-sm items-start gap-3 rounded-lg border bg-surface-raised px-3.5 py-2.5 text-[13px] shadow-lg',
            'animate-[toast-in_160ms_ease-out]',
            toast.tone === 'danger' ? 'border-danger/30 text-danger' : 'border-border text-text',
          )}
        >
          {toast.tone === 'success' && (
            <span className="mt-1.5 size-1.5 shrink-0 rounded-full bg-emerald-500" />
          )}
          <span className="flex-1">{toast.message}</span>
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => dismissToast(toast.id)}
            className="-mr-1 rounded text-subtle hover:text-text focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            <X className="size-3.5" />
          </button>
        </div>
      ))}
    </div>
  );
}
