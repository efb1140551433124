import {
  createDevice,
  deleteDevice,
  requireHall,
  requireOwnDevice,
  revokeDevice,
  updateDevice,
} from '../../app/index.js';
import { actor, requireHallAccess } from '../access.js';
import type { HttpOptions } from '../options.js';
import { presentDevice } from '../presenters/people.js';
import { route } from '../route.js';
import { deviceParams, hallDeviceParams, hallParams, noBody, nonEmpty } from '../schemas/common.js';
import { deviceInput, devicePatch } from '../schemas/config.js';

/**
 * Devices and their tokens. The token is shown once, when the device is
 * created; revoking it takes effect on the next request and drops the
 * device's realtime connections.
 */

const ADMIN = { roles: ['admin'] } as const;

/** A revoked or deleted device loses its live connections too, not only its next request. */
function revocationHook(options: HttpOptions): (deviceId: string) => void {
  return (deviceId) => {
    options.realtime.disconnectDevice(deviceId);
    options.onDeviceRevoked?.(deviceId);
  };
}
const TAG = 'Devices';

export const deviceRoutes = [
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/devices',
    tag: TAG,
    summary: "The hall's devices (never their tokens)",
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    response: '`{ devices: [device] }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const hall = await requireHall(ctx.deps, ctx.params.hallId);
      return { devices: (await ctx.deps.store.listDevices(hall.id)).map(presentDevice) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/devices',
    tag: TAG,
    summary: 'Register a device; the answer holds its token, shown this once',
    description:
      'Keypads and evaluators need `windowId`; a display may have one (counter display) or not (lobby); kiosks and printers have none.',
    auth: ADMIN,
    params: hallParams,
    body: deviceInput,
    example: { kind: 'keypad', name: '3号窗口键盘', windowId: 'window-id', config: { serial: 'KP-0003' } },
    status: 201,
    response: '`{ device, token }`; `token` (`dev_…`) goes in `Authorization: Bearer`',
    errors: ['not_found', 'invalid_config'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const { device, token } = await createDevice(ctx.deps, {
        hallId: ctx.params.hallId,
        input: ctx.body,
        actor: actor(ctx),
      });
      return { device: presentDevice(device), token };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/devices/:deviceId',
    tag: TAG,
    summary: 'One device',
    auth: { roles: ['admin', 'supervisor'] },
    params: hallDeviceParams,
    response: '`{ device }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return {
        device: presentDevice(await requireOwnDevice(ctx.deps, ctx.params.hallId, ctx.params.deviceId)),
      };
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/halls/:hallId/devices/:deviceId',
    tag: TAG,
    summary:
      'Rename a device, move it to another window of the hall (its live connections are cut, to reconnect for the new window), or change its settings',
    auth: ADMIN,
    params: hallDeviceParams,
    body: nonEmpty(devicePatch),
    example: { name: '3号窗口键盘（备用）' },
    response: '`{ device }`',
    errors: ['not_found', 'invalid_config'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const { hallId, deviceId } = ctx.params;
      const before = await requireOwnDevice(ctx.deps, hallId, deviceId);
      const device = await updateDevice(ctx.deps, { hallId, deviceId, patch: ctx.body, actor: actor(ctx) });
      // Its live connections follow the old window's tickets: they reconnect scoped to the new one.
      if (device.windowId !== before.windowId) ctx.options.realtime.disconnectDevice(device.id);
      return { device: presentDevice(device) };
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/halls/:hallId/devices/:deviceId',
    tag: TAG,
    summary: 'Delete a device (its token stops working at once)',
    auth: ADMIN,
    params: hallDeviceParams,
    status: 204,
    response: 'nothing',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      await deleteDevice(ctx.deps, {
        ...ctx.params,
        actor: actor(ctx),
        onRevoked: revocationHook(ctx.options),
      });
      return undefined;
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/devices/:deviceId/revoke',
    tag: TAG,
    summary: "Revoke a device's token (lost or stolen device); repeating it is harmless",
    auth: ADMIN,
    params: deviceParams,
    body: noBody,
    example: {},
    response: '`{ device }` with `revoked: true`',
    errors: ['not_found'],
    handler: async (ctx) => {
      const device = await requireOwnDevice(ctx.deps, null, ctx.params.deviceId);
      requireHallAccess(ctx, device.hallId);
      const revoked = await revokeDevice(ctx.deps, {
        deviceId: device.id,
        actor: actor(ctx),
        onRevoked: revocationHook(ctx.options),
      });
      return { device: presentDevice(revoked) };
    },
  }),
];
