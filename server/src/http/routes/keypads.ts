import { z } from 'zod';
import {
  bindKeypad,
  keypadPresence,
  keypadSpecOf,
  listKeypads,
  pressKeypad,
  registerKeypad,
  reportKeypadPresence,
  type KeypadConfig,
} from '../../app/index.js';
import { KEYPAD_ACTIONS } from '../../devices/keypad/port.js';
import { PROFILE_NAMES } from '../../devices/keypad/profiles/index.js';
import { actor, principalOf, requireHallAccess } from '../access.js';
import { HttpError } from '../errors.js';
import { presentDevice } from '../presenters/people.js';
import { route, type RouteContext } from '../route.js';
import { hallDeviceParams, hallParams, id, name, noBody } from '../schemas/common.js';

/**
 * Keypads (issue 4): registering one by its serial number or wireless
 * address, binding it to a window, seeing it online or offline; and the
 * routes a keypad agent on a window PC uses with the keypad's device token.
 */

const TAG = 'Keypads';
const ADMIN = { roles: ['admin'] } as const;
/**
 * The agent's routes are for keypad tokens. People pass the route's auth rule
 * only so that bad input is answered as such; the handler then refuses them.
 */
const KEYPAD = { roles: ['admin', 'supervisor', 'clerk'], devices: ['keypad'] } as const;

const usbId = z.number().int().min(0).max(0xffff);
const keypadConfig = z.strictObject({
  profile: z.enum(PROFILE_NAMES),
  serial: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, '1–64 letters, digits, . : - _')
    .optional(),
  vendorId: usbId.optional(),
  productId: usbId.optional(),
  usagePage: usbId.optional(),
  receiverAddress: z
    .string()
    .regex(/^[0-9A-Fa-f]{8}$/, '8 hexadecimal digits')
    .optional(),
  keyMap: z.record(z.string().max(20), z.string().max(20)).optional(),
  prefix: z
    .string()
    .regex(/^[A-Z]{1,3}$/, '1–3 capital letters')
    .optional(),
});

function keypadPrincipal(ctx: Pick<RouteContext<unknown, unknown, unknown>, 'principal' | 'deps'>) {
  const p = principalOf(ctx);
  if (p.kind !== 'device' || p.device.kind !== 'keypad')
    throw new HttpError('forbidden', 'Only a keypad may do this.');
  return p.device;
}

export const keypadRoutes = [
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/keypads',
    tag: TAG,
    summary: "The hall's keypads: bound or not, online or offline, and presses that did nothing",
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    response:
      '`{ keypads: [{ device, bound, online, via: "hub" | "agent" | null, reportedAt, lastUnboundPressAt }] }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const keypads = await listKeypads(ctx.deps, ctx.params.hallId);
      return {
        keypads: keypads.map((k) => ({
          device: presentDevice(k.device),
          bound: k.bound,
          online: k.presence.online,
          via: k.presence.via,
          reportedAt: k.presence.reportedAt,
          lastSeenAt: k.device.lastSeenAt,
          lastUnboundPressAt: k.lastUnboundPressAt,
        })),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/keypads',
    tag: TAG,
    summary:
      'Register a keypad by its serial number or wireless address; the answer holds its token, shown once',
    description:
      '`windowId` may be left out: the keypad is then unbound, does nothing when pressed and is listed as unbound. A `keyboard` keypad needs `vendorId` and `productId`; a `wireless` one its `receiverAddress`.',
    auth: ADMIN,
    params: hallParams,
    body: z.strictObject({ name, windowId: id.nullable().optional(), config: keypadConfig }),
    example: { name: '3号窗口键盘', windowId: 'window-id', config: { profile: 'vendor', serial: 'KP-0003' } },
    status: 201,
    response: '`{ device, token }`',
    errors: ['not_found', 'invalid_config', 'conflict'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const { device, token } = await registerKeypad(ctx.deps, {
        hallId: ctx.params.hallId,
        name: ctx.body.name,
        windowId: ctx.body.windowId ?? null,
        config: ctx.body.config as KeypadConfig,
        actor: actor(ctx),
      });
      return { device: presentDevice(device), token };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/keypads/:deviceId/bind',
    tag: TAG,
    summary: 'Bind a keypad to a window of the hall (it then acts for that window only)',
    auth: ADMIN,
    params: hallDeviceParams,
    body: z.strictObject({ windowId: id }),
    example: { windowId: 'window-id' },
    response: '`{ device }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const device = await bindKeypad(ctx.deps, {
        ...ctx.params,
        windowId: ctx.body.windowId,
        actor: actor(ctx),
      });
      return { device: presentDevice(device) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/halls/:hallId/keypads/:deviceId/unbind',
    tag: TAG,
    summary: 'Unbind a keypad: its presses do nothing and are reported',
    auth: ADMIN,
    params: hallDeviceParams,
    body: noBody,
    example: {},
    response: '`{ device }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      const device = await bindKeypad(ctx.deps, { ...ctx.params, windowId: null, actor: actor(ctx) });
      return { device: presentDevice(device) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/keypads/me',
    tag: TAG,
    summary: "A keypad agent's own settings: how to find the keypad and its key map",
    auth: KEYPAD,
    response:
      '`{ device, spec: { profile, serial?, vendorId?, productId?, usagePage?, receiverAddress?, keyMap? } | null }`',
    errors: [],
    handler: async (ctx) => {
      const device = keypadPrincipal(ctx);
      return { device: presentDevice(device), spec: keypadSpecOf(device) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/keypads/press',
    tag: TAG,
    summary: "A key press from a keypad agent: the action for the keypad's own window",
    description:
      'Answers 200 with the outcome even when the action is refused (`outcome: "refused"`, `code`), so the agent can show it on the keypad. The hub\'s call-next idempotency applies: a double press answers `repeated`.',
    auth: KEYPAD,
    body: z.strictObject({
      action: z.enum(KEYPAD_ACTIONS),
      typed: z
        .string()
        .regex(/^[A-Z0-9]{0,8}$/, 'up to 8 capital letters and digits')
        .optional(),
    }),
    example: { action: 'call_next' },
    response:
      '`{ outcome: "done" | "repeated" | "empty" | "refused" | "unbound", action, ticketNumber, waiting, code }`',
    errors: [],
    handler: async (ctx) => {
      const device = keypadPrincipal(ctx);
      return pressKeypad(ctx.deps, {
        deviceId: device.id,
        command: { action: ctx.body.action, typed: ctx.body.typed ?? '' },
      });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/keypads/heartbeat',
    tag: TAG,
    summary: 'A keypad agent reports every 30 s whether its keypad is plugged in',
    auth: KEYPAD,
    body: z.strictObject({ attached: z.boolean() }),
    example: { attached: true },
    response: '`{ online, bound }`',
    errors: [],
    handler: async (ctx) => {
      const device = keypadPrincipal(ctx);
      await reportKeypadPresence(ctx.deps, device, ctx.body.attached, 'agent');
      await ctx.deps.store.touchDevice(device.id, ctx.deps.now());
      return { online: (await keypadPresence(ctx.deps, device)).online, bound: device.windowId !== null };
    },
  }),
];
