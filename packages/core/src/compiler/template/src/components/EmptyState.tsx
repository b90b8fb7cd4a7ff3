import type { ReactNode } from 'react';

export function EmptyState({ title, text, action }: { title: string; text: string; action?: ReactNode }) {
  return (
    <div className="empty" data-testid="empty-state">
      <svg viewBox="0 0 40 40" width="36" height="36" aria-hidden="true">
        <rect x="7" y="9" width="26" height="22" rx="4" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M7 16h26M14 23h12" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <p className="empty-title">{title}</p>
      <p className="muted">{text}</p>
      {action}
    </div>
  );
}
