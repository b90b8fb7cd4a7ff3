import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import type { ConnectionState } from '../../components/ui/connection-pill.tsx';

type ConnectionContextValue = {
  reported: ConnectionState | null;
  report: (state: ConnectionState | null) => void;
};

const ConnectionContext = createContext<ConnectionContextValue | null>(null);

/**
 * The top bar owns the pill; the page that holds a live stream (the builder) owns the state. This
 * context is the slot between them, so the shell never needs to know which page is streaming.
 */
export function ConnectionStateProvider({ children }: { children: ReactNode }) {
  const [reported, report] = useState<ConnectionState | null>(null);
  const value = useMemo(() => ({ reported, report }), [reported]);
  return <ConnectionContext value={value}>{children}</ConnectionContext>;
}

function useConnectionContext(): ConnectionContextValue {
  const context = useContext(ConnectionContext);
  if (!context) throw new Error('ConnectionStateProvider is missing');
  return context;
}

function subscribeToNetworkChanges(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function useBrowserOnline(): boolean {
  return useSyncExternalStore(subscribeToNetworkChanges, () => navigator.onLine);
}

/** Publishes a page's stream state to the top bar for as long as the page is mounted. */
export function useReportConnectionState(state: ConnectionState | null) {
  const { report } = useConnectionContext();
  useEffect(() => {
    report(state);
  }, [report, state]);
  useEffect(() => () => report(null), [report]);
}

/** What the pill shows: offline whenever the browser is, else whatever the current page reports. */
export function useConnectionState(): ConnectionState | null {
  const { reported } = useConnectionContext();
  const online = useBrowserOnline();
  return online ? reported : 'offline';
}
