import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The lobby board, served by the hub at /signage/. Lit's decorators are the
 * TypeScript (legacy) kind, and its reactive properties must be assigned,
 * not defined, as class fields (tsconfig.web.json: experimentalDecorators,
 * useDefineForClassFields false); the nearest tsconfig.json is the Node one,
 * so the transform is told here.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/board', import.meta.url)),
  base: '/signage/',
  oxc: {
    target: 'es2021',
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/board', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  logLevel: 'warn',
});
