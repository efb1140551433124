import { createService, deleteService, requireHall, requireService, updateService } from '../../app/index.js';
import { actor, requireHallAccess } from '../access.js';
import { route } from '../route.js';
import { hallParams, hallServiceParams, nonEmpty } from '../schemas/common.js';
import { serviceInput } from '../schemas/config.js';
import type { ServiceList } from '../../protocol/http.js';

/** The matter catalogue (事项目录) of a hall. */

const ADMIN = { roles: ['admin'] } as const;
const TAG = 'Matters (services)';
const example = {
  code: 'SB001',
  name: '社会保障卡申领',
  domain: '社保',
  prefix: 'A',
  pinyin: 'shbzksl',
  expectedMinutes: 6,
};

export const serviceRoutes = [
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/services',
    tag: TAG,
    summary: "The hall's matters, enabled or not",
    auth: 'principal',
    params: hallParams,
    response: '`{ services: [service] }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      return { services: await ctx.deps.store.listServices(hall.id) } satisfies ServiceList;
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/services',
    tag: TAG,
    summary: 'Add a matter; `dedicated` defaults to cross-region or 办不成事',
    auth: ADMIN,
    params: hallParams,
    body: serviceInput,
    example,
    status: 201,
    response: '`{ service }`',
    errors: ['not_found', 'invalid_config', 'conflict'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return {
        service: await createService(ctx.deps, {
          hallId: ctx.params.hallId,
          input: ctx.body,
          actor: actor(ctx),
        }),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/services/:serviceId',
    tag: TAG,
    summary: 'One matter',
    auth: 'principal',
    params: hallServiceParams,
    response: '`{ service }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return { service: await requireService(ctx.deps, ctx.params.serviceId, ctx.params.hallId) };
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/halls/:hallId/services/:serviceId',
    tag: TAG,
    summary: 'Change a matter (e.g. `enabled: false` to stop issuing it)',
    auth: ADMIN,
    params: hallServiceParams,
    body: nonEmpty(serviceInput.partial()),
    example: { enabled: false },
    response: '`{ service }`',
    errors: ['not_found', 'invalid_config', 'conflict'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const { hallId, serviceId } = ctx.params;
      return {
        service: await updateService(ctx.deps, { hallId, serviceId, patch: ctx.body, actor: actor(ctx) }),
      };
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/halls/:hallId/services/:serviceId',
    tag: TAG,
    summary: 'Delete a matter that has no tickets and is named on no window (else disable it)',
    description:
      'A matter with bookings still to come (booked, today or later) answers `409 upcoming_bookings` with `params: { bookings, lastDay }`: turn its booking off and delete it after that day. Bookings that are over (checked in, cancelled, missed, or of a past day) do not stand in the way; they keep the matter id as a record.',
    auth: ADMIN,
    params: hallServiceParams,
    status: 204,
    response: 'nothing',
    errors: ['not_found', 'conflict', 'upcoming_bookings'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      await deleteService(ctx.deps, { ...ctx.params, actor: actor(ctx) });
      return undefined;
    },
  }),
];
