import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { formatAbsoluteTime } from '../../lib/format-relative-time.ts';

/**
 * The invite link, shown this once (the server keeps only a hash of its token). Copying falls back
 * to selecting the text where the clipboard API is unavailable (plain http).
 */
export function InviteLinkNotice({
  email,
  url,
  expiresAt,
  onDone,
}: {
  email: string;
  url: string;
  expiresAt: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      document.getElementById('invite-link-value')?.focus();
    }
  };
  return (
    <div className="rounded-lg border border-border bg-surface p-4" data-testid="invite-link">
      <p className="text-sm font-medium text-text">Send this link to {email}</p>
      <div className="mt-3 flex gap-2">
        <input
          id="invite-link-value"
          readOnly
          value={url}
          aria-label="Invite link"
          data-testid="invite-link-value"
          onFocus={(event) => event.currentTarget.select()}
          className="h-9 min-w-0 flex-1 rounded-lg border border-border bg-surface-sunken px-3 font-mono text-xs text-text"
        />
        <Button onClick={copy} leadingIcon={copied ? <Check /> : <Copy />}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className="mt-2 text-xs text-muted">
        It works once, only for {email}, until {formatAbsoluteTime(expiresAt)}. It won’t be shown again.
      </p>
      <Button variant="ghost" size="sm" className="mt-2" onClick={onDone}>
        Done
      </Button>
    </div>
  );
}
