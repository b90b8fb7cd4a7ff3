import { QueryClientProvider } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Toaster } from './components/ui/toast.tsx';
import { ConnectionStateProvider } from './features/connection/connection-provider.tsx';
import { createAppQueryClient } from './lib/query-client.ts';
import { type AppRouter, createAppTRPCClient, TRPCProvider } from './lib/trpc.ts';
import { AppRoutes } from './routes/app-routes.tsx';
import './index.css';

const trpcClient = createAppTRPCClient();
const queryClient = createAppQueryClient({
  // A call answered UNAUTHORIZED: forget the session; RequireSession then redirects to /signin.
  onUnauthorized: () => queryClient.setQueryData(trpcOptions.auth.me.queryKey(), null),
});
// The same typed options the components get from useTRPC(), for use outside React.
const trpcOptions = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('#root is missing from index.html');

createRoot(rootElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ConnectionStateProvider>
          <AppRoutes />
          <Toaster />
        </ConnectionStateProvider>
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
