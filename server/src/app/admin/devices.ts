import { DomainError, type Actor, type NewEvent } from '../../domain/index.js';
import type { Device, DeviceKind } from '../../domain/index.js';
import { DEVICE_TOKEN_PREFIX, hashSecret } from '../auth/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';
import { auditOf, type AuditChange } from './audit.js';
import { Issues } from './checks.js';

/**
 * Devices (设备) each get their own token, shown once at creation; only its
 * hash is kept. Keypads and evaluators belong to one window, a counter
 * display may; kiosks and printers serve the hall.
 */

export interface DeviceInput {
  kind: DeviceKind;
  name: string;
  windowId?: string | null;
  config?: Record<string, unknown>;
}

export type DevicePatch = Partial<Omit<DeviceInput, 'kind'>>;

const NEEDS_WINDOW: readonly DeviceKind[] = ['keypad', 'evaluator'];
const NO_WINDOW: readonly DeviceKind[] = ['kiosk', 'printer'];

async function checkDevice(deps: AppDeps, d: Device): Promise<void> {
  const issues = new Issues();
  if (NEEDS_WINDOW.includes(d.kind) && d.windowId === null)
    issues.add('device', 'device.windowId', `a ${d.kind} needs a window.`);
  if (NO_WINDOW.includes(d.kind) && d.windowId !== null)
    issues.add('device', 'device.windowId', `a ${d.kind} serves the hall, not a window.`);
  if (d.windowId !== null) {
    const w = await deps.store.getWindow(d.windowId);
    if (!w || w.hallId !== d.hallId)
      issues.add('device', 'device.windowId', `no window ${d.windowId} in this hall.`);
  }
  issues.throwIfAny('The device is not valid');
}

export async function requireOwnDevice(
  deps: AppDeps,
  hallId: string | null,
  deviceId: string,
): Promise<Device> {
  const d = await deps.store.getDevice(deviceId);
  if (!d || (hallId !== null && d.hallId !== hallId)) {
    throw new DomainError('not_found', `No device ${deviceId}${hallId === null ? '' : ' in this hall'}.`, {
      deviceId,
    });
  }
  return d;
}

function deviceAudit(
  deps: AppDeps,
  device: Device,
  actor: Actor,
  change: Omit<AuditChange, 'entity' | 'subjectId'>,
): NewEvent[] {
  return auditOf(
    deps,
    device.hallId,
    actor,
  )({ entity: 'device', subjectId: device.id, label: device.kind, ...change }, device.windowId);
}

export async function createDevice(
  deps: AppDeps,
  props: { hallId: string; input: DeviceInput; actor: Actor },
): Promise<{ device: Device; token: string }> {
  const hall = await requireHall(deps, props.hallId);
  const token = DEVICE_TOKEN_PREFIX + deps.newSecret();
  const device: Device = {
    id: deps.newId(),
    hallId: hall.id,
    kind: props.input.kind,
    name: props.input.name,
    windowId: props.input.windowId ?? null,
    tokenHash: hashSecret(token),
    config: props.input.config ?? {},
    revokedAt: null,
    lastSeenAt: null,
    createdAt: deps.now(),
  };
  await checkDevice(deps, device);
  const { device: saved } = await deps.store.saveDevice(
    device,
    deviceAudit(deps, device, props.actor, { action: 'created' }),
  );
  return { device: saved, token };
}

export async function updateDevice(
  deps: AppDeps,
  props: { hallId: string; deviceId: string; patch: DevicePatch; actor: Actor },
): Promise<Device> {
  const current = await requireOwnDevice(deps, props.hallId, props.deviceId);
  const device: Device = {
    ...current,
    ...props.patch,
    windowId: props.patch.windowId === undefined ? current.windowId : props.patch.windowId,
  };
  await checkDevice(deps, device);
  const { device: saved } = await deps.store.saveDevice(
    device,
    deviceAudit(deps, device, props.actor, { action: 'updated', fields: Object.keys(props.patch) }),
  );
  return saved;
}

/**
 * Revocation is immediate: the token is refused from the next request on,
 * and `onRevoked` lets the realtime layer drop the device's sockets now.
 */
export async function revokeDevice(
  deps: AppDeps,
  props: { deviceId: string; hallId?: string; actor: Actor; onRevoked?: (deviceId: string) => void },
): Promise<Device> {
  const current = await requireOwnDevice(deps, props.hallId ?? null, props.deviceId);
  const saved =
    current.revokedAt !== null
      ? current
      : (
          await deps.store.saveDevice(
            { ...current, revokedAt: deps.now() },
            deviceAudit(deps, current, props.actor, { action: 'revoked' }),
          )
        ).device;
  props.onRevoked?.(saved.id);
  return saved;
}

export async function deleteDevice(
  deps: AppDeps,
  props: { hallId: string; deviceId: string; actor: Actor; onRevoked?: (deviceId: string) => void },
): Promise<void> {
  const device = await requireOwnDevice(deps, props.hallId, props.deviceId);
  await deps.store.deleteDevice(device.id, deviceAudit(deps, device, props.actor, { action: 'deleted' }));
  props.onRevoked?.(device.id);
}
