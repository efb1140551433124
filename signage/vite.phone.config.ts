import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The citizen's ticket page on a phone (QR on the ticket), served by the hub
 * at /t/<statusToken>. Lit's decorators are the legacy TypeScript kind
 * (tsconfig.web.json); the nearest tsconfig.json is the Node one, so the
 * transform is told here, as for the counter display.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/phone', import.meta.url)),
  base: '/t/',
  oxc: {
    target: 'es2021',
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/phone', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  logLevel: 'warn',
});
