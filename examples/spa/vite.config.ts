import { defineConfig } from 'vite';

// The API base URL comes from `?api=` at run time, or VITE_API_URL at build time
// (empty = same origin, e.g. behind a proxy that serves /auth/).
export default defineConfig({
  root: __dirname,
  build: { outDir: 'dist', emptyOutDir: true },
  preview: { host: '127.0.0.1', port: 19050, strictPort: true },
});
