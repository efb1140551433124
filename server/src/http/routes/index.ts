import type { AnyRoute } from '../route.js';
import { adminFloorRoutes } from './admin-floor.js';
import { appointmentRoutes } from './appointments.js';
import { authRoutes } from './auth.js';
import { deviceRoutes } from './devices.js';
import { evaluationRoutes } from './evaluations.js';
import { hallRoutes } from './halls.js';
import { keypadRoutes } from './keypads.js';
import { opsRoutes } from './ops.js';
import { printingRoutes } from './printing.js';
import { publicRoutes } from './public.js';
import { rectificationRoutes } from './rectification.js';
import { serviceRoutes } from './services.js';
import { signageRoutes } from './signage.js';
import { statsRoutes } from './stats.js';
import { ticketRoutes } from './tickets.js';
import { userRoutes } from './users.js';
import { windowActionRoutes } from './window-actions.js';
import { windowStateRoutes } from './window-state.js';
import { windowRoutes } from './windows.js';

/** The route table: the router, the OpenAPI document, docs/api.md and the bad-input tests all read it. */
export const ROUTES: readonly AnyRoute[] = [
  ...opsRoutes,
  ...authRoutes,
  ...publicRoutes,
  ...printingRoutes,
  ...ticketRoutes,
  ...windowActionRoutes,
  ...windowStateRoutes,
  ...hallRoutes,
  ...adminFloorRoutes,
  ...serviceRoutes,
  ...windowRoutes,
  ...userRoutes,
  ...deviceRoutes,
  ...keypadRoutes,
  ...evaluationRoutes,
  ...signageRoutes,
  ...statsRoutes,
  ...rectificationRoutes,
  ...appointmentRoutes,
];
