import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

/** The repository root. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A screen built by Vite and served by the hub under its own path. */
export interface StaticApp {
  mount: string;
  /** The build output folder, relative to the repository root. */
  dir: string;
}

/** Every screen the hub serves. Each front-end workspace adds its screens here. */
export const STATIC_APPS: StaticApp[] = [
  { mount: '/kiosk', dir: 'ticket-printer/dist/kiosk' },
  { mount: '/signage', dir: 'signage/dist/board' },
  { mount: '/counter', dir: 'signage/dist/counter' },
  { mount: '/t', dir: 'signage/dist/phone' },
  { mount: '/book', dir: 'signage/dist/book' },
  { mount: '/console', dir: 'admin-ui/dist/console' },
  { mount: '/admin', dir: 'admin-ui/dist/admin' },
];

/**
 * Serves each screen's files, and its index.html for any other path below the
 * mount (the screens route on the client: /signage/yinchuan). A screen that
 * has not been built answers 503 saying how to build it.
 */
export function staticApps(apps: readonly StaticApp[] = STATIC_APPS, root = ROOT): Router {
  const router = express.Router();
  for (const app of apps) {
    const dir = path.join(root, app.dir);
    const index = path.join(dir, 'index.html');
    router.use(app.mount, express.static(dir, { index: false, fallthrough: true, maxAge: '1h' }));
    router.get([app.mount, `${app.mount}/*rest`], (_req, res) => {
      if (!existsSync(index)) {
        res
          .status(503)
          .type('text/plain; charset=utf-8')
          .send(`This screen is not built yet: run \`npm run build\`.`);
        return;
      }
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index);
    });
  }
  return router;
}
