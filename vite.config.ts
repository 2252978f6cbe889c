/**
 * Builds the React app in src/web into dist/web, which the server serves at / with an SPA
 * fallback. In development (`npx vite`) the API and /dev/mail go through a proxy to the server
 * (`npm start`, port 3000).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// Where `npm start` serves the API; WORKGATE_API_ORIGIN points the dev proxy elsewhere.
const API_ORIGIN = process.env.WORKGATE_API_ORIGIN ?? 'http://localhost:3000';

// The server refuses unsafe requests whose Origin is not PUBLIC_URL's (CSRF defence). The dev
// server is another origin, so the proxy presents requests as coming from the API's origin.
const proxyTarget: ProxyOptions = {
  target: API_ORIGIN,
  configure(proxy) {
    proxy.on('proxyReq', (request) => {
      if (request.getHeader('origin') !== undefined) request.setHeader('origin', API_ORIGIN);
    });
  },
};

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  publicDir: false,
  plugins: [react(), tailwindcss()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // Everything is a file: the Content-Security-Policy allows no inline script or style.
    assetsInlineLimit: 0,
    sourcemap: true,
    // The password policy chunk carries zxcvbn's dictionaries (about 800 kB gzipped). It is
    // loaded on demand, only by the pages with a new-password field.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // Patterns, not prefixes: src/web/api/*.ts is served at /api/… by Vite itself.
    proxy: { '^/api/(v1/|docs|openapi\\.json)': proxyTarget, '^/dev/mail': proxyTarget },
  },
});
