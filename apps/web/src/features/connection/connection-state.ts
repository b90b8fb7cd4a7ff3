import type { ConnectionState } from '../../components/ui/connection-pill.tsx';

/** `useSubscription(...).status` from @trpc/tanstack-react-query. */
export type SubscriptionStatus = 'idle' | 'connecting' | 'pending' | 'error';

/**
 * What the pill shows for a live event stream. `connecting` covers both the first connect and the
 * automatic reconnects of httpSubscriptionLink (which resume from the last event id), so it reads
 * as "reconnecting…"; only a stream that gave up, or a browser without network, is "offline".
 * `null` means there is no stream to report on (the pill is hidden).
 */
export function connectionStateForSubscription(
  status: SubscriptionStatus,
  browserOnline: boolean,
): ConnectionState | null {
  if (!browserOnline) return 'offline';
  switch (status) {
    case 'pending':
      return 'live';
    case 'connecting':
      return 'reconnecting';
    case 'error':
      return 'offline';
    case 'idle':
      return null;
  }
}
