import { defineConfig } from 'vite';

// The API base URL comes from `?api=` at run time, or VITE_API_URL at build time
// (empty = same origin). SPA_PROXY=http://host:port passes /auth/ to a server that
// sends no CORS headers (djoser-ref), so the page calls it from its own origin.
const proxy = process.env.SPA_PROXY ? { '/auth': { target: process.env.SPA_PROXY, changeOrigin: true } } : undefined;

export default defineConfig({
  root: __dirname,
  build: { outDir: 'dist', emptyOutDir: true },
  server: { host: '127.0.0.1', port: 19050, proxy },
  preview: { host: '127.0.0.1', port: 19050, strictPort: true, proxy },
});
