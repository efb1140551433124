import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The ticket machine's touch screen, served by the hub at /kiosk/<hallId>.
 * Lit's decorators are the TypeScript (legacy) kind and reactive properties
 * must be assigned, not defined, as class fields (tsconfig.web.json); the
 * nearest tsconfig.json is the Node one, so the transform is told here.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/kiosk', import.meta.url)),
  base: '/kiosk/',
  oxc: {
    target: 'es2021',
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/kiosk', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  logLevel: 'warn',
});
