import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The admin and supervisor console, served by the hub at /admin/. Lit's
 * decorators are the legacy TypeScript kind (tsconfig.web.json); the nearest
 * tsconfig.json is the Node one, so the transform is told here, as for the
 * counter display.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/admin', import.meta.url)),
  base: '/admin/',
  oxc: {
    target: 'es2021',
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/admin', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Chart.js makes the bundle larger than Vite's default warning size; it is one file served on the LAN.
    chunkSizeWarningLimit: 1024,
  },
  logLevel: 'warn',
});
