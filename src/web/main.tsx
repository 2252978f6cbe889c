/** Starts the app: the query client, the router, and what happens when a session ends mid-use. */
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from './api/query-client';
import { loginPathFor } from './lib/safe-next-path';
import { suspendedState } from './lib/suspended-state';
import { createAppRouter } from './router';
import './styles.css';

const router = createAppRouter();

const queryClient = createQueryClient({
  // A private call answered 401: forget everything cached and log in again, then come back.
  onUnauthenticated: () => {
    const { location } = router.state;
    // The suspended and support pages are for people who cannot sign in: stay there.
    if (location.pathname === '/login' || location.pathname === '/suspended' || location.pathname === '/support') return;
    void router.navigate(loginPathFor(location), { replace: true, state: { notice: 'session_ended' } });
    queryClient.clear();
  },
  // Suspended mid-use: every session of the account has ended; say why and how to get help.
  onSuspended: (problem) => {
    if (router.state.location.pathname === '/suspended') return;
    void router.navigate('/suspended', { replace: true, state: suspendedState(problem.detail) });
    queryClient.clear();
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
