import { defineConfig } from 'vite';

// The client is built into client/dist and served by the Fastify server (see server/plugins/static-client.ts).
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
