import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The counter display and evaluator at a window, served by the hub at
 * /counter/. Lit's decorators are the legacy TypeScript kind
 * (tsconfig.web.json); the nearest tsconfig.json is the Node one, so the
 * transform is told here, as for the lobby board.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/counter', import.meta.url)),
  base: '/counter/',
  oxc: {
    target: 'es2021',
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/counter', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  logLevel: 'warn',
});
