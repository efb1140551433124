import { DomainError, type Actor, type NewEvent } from '../../domain/index.js';
import type { Device } from '../../domain/index.js';
import { auditOf } from '../admin/audit.js';
import { requireOwnDevice } from '../admin/devices.js';
import { DEVICE_TOKEN_PREFIX, hashSecret } from '../auth/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';
import { requireKeypadConfig, type KeypadConfig } from './keypad-config.js';
import { keypadPresence, type KeypadPresence } from './presence.js';

/**
 * Registering keypads and binding them to windows (device binding, issue 4
 * point 3). A keypad may be registered before anyone knows its window: it is
 * then unbound, does nothing when pressed, and every press is reported.
 */

export interface KeypadView {
  device: Device;
  bound: boolean;
  presence: KeypadPresence;
  /** The last press that did nothing because the keypad is not bound, if any. */
  lastUnboundPressAt: number | null;
}

function keypadAudit(deps: AppDeps, device: Device, actor: Actor, fields: string[] = []): NewEvent[] {
  return auditOf(
    deps,
    device.hallId,
    actor,
  )(
    {
      entity: 'device',
      action: fields.length === 0 ? 'created' : 'updated',
      subjectId: device.id,
      label: 'keypad',
      fields,
    },
    device.windowId,
  );
}

async function checkWindow(deps: AppDeps, hallId: string, windowId: string | null): Promise<void> {
  if (windowId === null) return;
  const w = await deps.store.getWindow(windowId);
  if (!w || w.hallId !== hallId)
    throw new DomainError('not_found', `No window ${windowId} in this hall.`, { windowId });
}

export async function requireKeypad(deps: AppDeps, hallId: string, deviceId: string): Promise<Device> {
  const d = await requireOwnDevice(deps, hallId, deviceId);
  if (d.kind !== 'keypad') throw new DomainError('not_found', `Device ${deviceId} is not a keypad.`);
  return d;
}

export async function registerKeypad(
  deps: AppDeps,
  props: { hallId: string; name: string; windowId: string | null; config: KeypadConfig; actor: Actor },
): Promise<{ device: Device; token: string }> {
  const hall = await requireHall(deps, props.hallId);
  const config = requireKeypadConfig(props.config as unknown as Record<string, unknown>);
  await checkWindow(deps, hall.id, props.windowId);
  const others = (await deps.store.listDevices(hall.id)).filter(
    (d) => d.kind === 'keypad' && d.revokedAt === null,
  );
  const clash = others.find(
    (d) =>
      (config.serial !== undefined && d.config.serial === config.serial && config.profile !== 'wireless') ||
      (config.receiverAddress !== undefined &&
        String(d.config.receiverAddress ?? '').toUpperCase() === config.receiverAddress.toUpperCase()),
  );
  if (clash) throw new DomainError('conflict', `Keypad ${clash.name} already has this serial or address.`);
  const token = DEVICE_TOKEN_PREFIX + deps.newSecret();
  const draft: Device = {
    id: deps.newId(),
    hallId: hall.id,
    kind: 'keypad',
    name: props.name,
    windowId: props.windowId,
    tokenHash: hashSecret(token),
    config: { ...config },
    revokedAt: null,
    lastSeenAt: null,
    createdAt: deps.now(),
  };
  const { device } = await deps.store.saveDevice(draft, keypadAudit(deps, draft, props.actor));
  return { device, token };
}

/** Binds a keypad to a window of its hall, or unbinds it (`windowId: null`). */
export async function bindKeypad(
  deps: AppDeps,
  props: { hallId: string; deviceId: string; windowId: string | null; actor: Actor },
): Promise<Device> {
  const current = await requireKeypad(deps, props.hallId, props.deviceId);
  await checkWindow(deps, props.hallId, props.windowId);
  const next = { ...current, windowId: props.windowId };
  return (await deps.store.saveDevice(next, keypadAudit(deps, next, props.actor, ['windowId']))).device;
}

export async function listKeypads(deps: AppDeps, hallId: string): Promise<KeypadView[]> {
  const hall = await requireHall(deps, hallId);
  const keypads = (await deps.store.listDevices(hall.id)).filter((d) => d.kind === 'keypad');
  const recent = await deps.store.listEvents(
    hall.id,
    Math.max(0, (await deps.store.lastSeq(hall.id)) - 5000),
    5000,
  );
  return Promise.all(
    keypads.map(async (device) => {
      const unbound = recent.filter(
        (e) =>
          e.type === 'device.status' &&
          e.data.source === 'keypad' &&
          e.data.deviceId === device.id &&
          e.data.status === 'unbound_press',
      );
      return {
        device,
        bound: device.windowId !== null,
        presence: await keypadPresence(deps, device),
        lastUnboundPressAt: unbound.at(-1)?.at ?? null,
      };
    }),
  );
}
