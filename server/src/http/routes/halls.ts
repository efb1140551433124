import {
  canAccessHall,
  createHall,
  deleteHall,
  exportHallConfig,
  importHallConfig,
  requireHall,
  updateHall,
} from '../../app/index.js';
import { actor, principalOf, requireHallAccess, requireHubAdmin } from '../access.js';
import { route } from '../route.js';
import { hallParams, nonEmpty } from '../schemas/common.js';
import { configFile, hallInput } from '../schemas/config.js';
import { EXAMPLE_CONFIG } from './examples.js';

/** Halls and their configuration file. */

const ADMIN = { roles: ['admin'] } as const;
const TAG = 'Halls';

export const hallRoutes = [
  route({
    method: 'get',
    path: '/api/v1/halls',
    tag: TAG,
    summary: 'The halls the caller works in (all of them for a hub-wide admin)',
    auth: 'user',
    response: '`{ halls: [hall] }`',
    errors: [],
    handler: async (ctx) => {
      const p = principalOf(ctx);
      return { halls: (await ctx.deps.store.listHalls()).filter((h) => canAccessHall(p, h.id)) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls',
    tag: TAG,
    summary:
      'Create a hall (standard hours and default queue rules unless given); only an admin of every hall (no `hallIds`) may',
    auth: ADMIN,
    body: hallInput,
    example: {
      name: '兴庆区政务服务中心',
      level: 'county',
      timeZone: 'Asia/Shanghai',
      rules: { idempotencyMs: 2000 },
    },
    status: 201,
    response: '`{ hall }`',
    errors: ['invalid_config'],
    handler: async (ctx) => {
      requireHubAdmin(ctx);
      return { hall: await createHall(ctx.deps, { input: ctx.body, actor: actor(ctx) }) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId',
    tag: TAG,
    summary: 'A hall with its calendar and queue rules',
    auth: 'principal',
    params: hallParams,
    response: '`{ hall }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return { hall: await requireHall(ctx.deps, ctx.params.hallId) };
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/halls/:hallId',
    tag: TAG,
    summary: "Change a hall's name, level, time zone, calendar or rules (rules merge field by field)",
    auth: ADMIN,
    params: hallParams,
    body: nonEmpty(hallInput.partial()),
    example: { rules: { recallLimit: 3 } },
    response: '`{ hall }`',
    errors: ['not_found', 'invalid_config'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return {
        hall: await updateHall(ctx.deps, { hallId: ctx.params.hallId, patch: ctx.body, actor: actor(ctx) }),
      };
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/halls/:hallId',
    tag: TAG,
    summary: 'Delete an empty hall (no matters, windows, devices, tickets or bookings)',
    description:
      'A hall with bookings still to come (booked, today or later) answers `409 upcoming_bookings` with `params: { bookings, lastDay }`; one that still has matters, windows, devices, tickets or past bookings answers `409 conflict` with their counts (`services`, `windows`, `devices`, `tickets`, `bookings`).',
    auth: ADMIN,
    params: hallParams,
    status: 204,
    response: 'nothing',
    errors: ['not_found', 'conflict', 'upcoming_bookings'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      await deleteHall(ctx.deps, { hallId: ctx.params.hallId, actor: actor(ctx) });
      return undefined;
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/config',
    tag: TAG,
    summary:
      "Export the hall's configuration as JSON: hall settings, matters, windows (no users, devices or tokens)",
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    response:
      '`{ format: "hall-queue.hall-config", version: 1, hall, services, windows }`; windows name matters by code',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return exportHallConfig(ctx.deps, { hallId: ctx.params.hallId });
    },
  }),
  route({
    method: 'put',
    path: '/api/v1/halls/:hallId/config',
    tag: TAG,
    summary: 'Import a configuration file into the hall',
    description:
      'Everything is checked first; a file with errors changes nothing and the answer names every bad row (`errors[].path`, e.g. `services.3.code`). Matters are matched by code and windows by number: found ones are updated (windows keep their state and clerks), others created. Nothing is deleted; what the hall has and the file lacks is listed as `kept`.',
    auth: ADMIN,
    params: hallParams,
    body: configFile,
    // A city catalogue runs to hundreds of matters.
    bodyLimit: 1024 * 1024,
    example: EXAMPLE_CONFIG,
    response: '`{ hall, services: { created, updated, kept }, windows: { created, updated, kept } }`',
    errors: ['not_found', 'invalid_config', 'conflict'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return importHallConfig(ctx.deps, { hallId: ctx.params.hallId, file: ctx.body, actor: actor(ctx) });
    },
  }),
];
