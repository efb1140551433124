import { defineConfig, type UserConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The Vite build of one screen served by the hub: `src/<name>` of a
 * workspace built to `dist/<name>` and served at `base`. Lit's decorators
 * are the legacy TypeScript kind (tsconfig.web.json); the nearest
 * tsconfig.json to the sources is the Node one, so the transform is told here.
 */
export function screenConfig(
  workspaceUrl: string,
  name: string,
  base: string,
  build: UserConfig['build'] = {},
): UserConfig {
  return defineConfig({
    root: fileURLToPath(new URL(`./src/${name}`, workspaceUrl)),
    base,
    oxc: {
      target: 'es2021',
      decorator: { legacy: true },
      typescript: { removeClassFieldsWithoutInitializer: true },
      assumptions: { setPublicClassFields: true },
    },
    build: {
      outDir: fileURLToPath(new URL(`./dist/${name}`, workspaceUrl)),
      emptyOutDir: true,
      target: 'es2022',
      ...build,
    },
    logLevel: 'warn',
  });
}
