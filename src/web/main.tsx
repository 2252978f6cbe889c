/** Starts the app: the query client, the router, and what happens when a session ends mid-use. */
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from './api/query-client';
import { loginPathFor } from './lib/safe-next-path';
import { createAppRouter } from './router';
import './styles.css';

const router = createAppRouter();

const queryClient = createQueryClient({
  // A private call answered 401: forget everything cached and log in again, then come back.
  onUnauthenticated: () => {
    const { location } = router.state;
    if (location.pathname === '/login') return;
    void router.navigate(loginPathFor(location), { replace: true, state: { notice: 'session_ended' } });
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
