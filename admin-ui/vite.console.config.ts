import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The clerk's window console, served by the hub at /console/. Lit's
 * decorators are the legacy TypeScript kind (tsconfig.web.json); the nearest
 * tsconfig.json is the Node one, so the transform is told here, as for the
 * screens in signage/.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/console', import.meta.url)),
  base: '/console/',
  oxc: {
    target: 'es2021',
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  logLevel: 'warn',
});
