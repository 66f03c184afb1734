// The demo app and the API reference page (demo/), served by `npm run dev` / `npm run docs` and
// built by `npm run build:demo` into dist/. The msw worker script lives in demo/public.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const demo = fileURLToPath(new URL('./demo/', import.meta.url));

export default defineConfig({
  root: demo,
  publicDir: 'public',
  // Relative asset paths, so dist/ works from any directory it is served under.
  base: './',
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
  build: {
    outDir: fileURLToPath(new URL('./dist/', import.meta.url)),
    emptyOutDir: true,
    // The reference page pulls in Scalar (Vue and friends); that is expected, not a warning.
    chunkSizeWarningLimit: 6_000,
    rolldownOptions: {
      input: { demo: `${demo}index.html`, docs: `${demo}docs.html` },
    },
  },
});
