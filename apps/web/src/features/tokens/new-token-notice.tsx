import { Check, Copy, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';

/**
 * The secret, shown this once: the server keeps only its hash, so there is no way to see it again.
 * Copying falls back to selecting the text where the clipboard API is unavailable (plain http).
 */
export function NewTokenNotice({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      document.getElementById('new-token-value')?.focus();
    }
  };
  return (
    <div className="rounded-lg border border-border bg-surface p-4" data-testid="new-token">
      <p className="flex items-center gap-2 text-sm font-medium text-text">
        <TriangleAlert className="size-4 text-danger" aria-hidden="true" />
        Copy “{name}” now — it won’t be shown again.
      </p>
      <div className="mt-3 flex gap-2">
        <input
          id="new-token-value"
          readOnly
          value={token}
          aria-label="New token"
          data-testid="new-token-value"
          onFocus={(event) => event.currentTarget.select()}
          className="h-9 min-w-0 flex-1 rounded-lg border border-border bg-surface-sunken px-3 font-mono text-xs text-text"
        />
        <Button onClick={copy} leadingIcon={copied ? <Check /> : <Copy />}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className="mt-2 text-xs text-muted">
        Send it as <code className="font-mono">Authorization: Bearer …</code>; it acts as you until you revoke
        it.
      </p>
      <Button variant="ghost" size="sm" className="mt-2" onClick={onDone}>
        Done
      </Button>
    </div>
  );
}
