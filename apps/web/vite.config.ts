import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';
const webPort = Number(process.env.WEB_PORT ?? 5173);

/**
 * `/trpc` carries the SSE subscriptions too. The proxy pipes the upstream response as it arrives;
 * the headers below make sure nothing in between (a compressing or buffering intermediary) holds
 * events back, and no timeout is set so idle streams stay open.
 */
const apiProxy: ProxyOptions = {
  target: apiUrl,
  changeOrigin: false,
  configure(proxy) {
    proxy.on('proxyRes', (proxyResponse) => {
      const contentType = proxyResponse.headers['content-type'] ?? '';
      if (contentType.includes('text/event-stream')) {
        proxyResponse.headers['cache-control'] = 'no-cache, no-transform';
        proxyResponse.headers['x-accel-buffering'] = 'no';
      }
    });
  },
};

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    host: '127.0.0.1',
    port: webPort,
    strictPort: true,
    proxy: {
      '/trpc': apiProxy,
      '/healthz': apiProxy,
      // versions.export links here (PUBLIC_URL is this dev server's origin).
      '/exports': apiProxy,
    },
  },
  build: {
    outDir: 'dist',
    // No source maps in the production build: the server would publish the source with them
    // (it also refuses to serve any `.map` a build leaves behind).
    sourcemap: false,
  },
});
