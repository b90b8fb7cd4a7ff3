import { CloudOff } from 'lucide-react';
import { Button } from '../../components/ui/button.tsx';

export function ServerUnreachable({ onRetry }: { onRetry: () => void }) {
  return (
    <div className="flex min-h-dvh items-center justify-center px-4">
      <div className="flex max-w-sm flex-col items-center text-center">
        <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-surface-sunken text-muted">
          <CloudOff className="size-5" aria-hidden="true" />
        </div>
        <h1 className="text-base font-semibold text-text">Can’t reach the server</h1>
        <p className="mt-1.5 text-sm text-muted">
          Check your connection. If you run the builder locally, make sure <code>pnpm dev</code> is running.
        </p>
        <Button className="mt-5" onClick={onRetry}>
          Try again
        </Button>
      </div>
    </div>
  );
}
