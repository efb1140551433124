import type { Principal } from '../../app/index.js';
import type { Device, User } from '../../domain/index.js';
import type { DeviceView, UserView } from '../../protocol/http.js';

/** People and devices as they leave the hub: never a password hash, token hash or session secret. */

export type { DeviceView, UserView } from '../../protocol/http.js';

export function presentUser(u: User): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    staffNo: u.staffNo,
    role: u.role,
    hallIds: [...u.hallIds],
    disabled: u.disabled,
    createdAt: u.createdAt,
  };
}

export function presentDevice(d: Device): DeviceView {
  return {
    id: d.id,
    hallId: d.hallId,
    kind: d.kind,
    name: d.name,
    windowId: d.windowId,
    config: d.config,
    revoked: d.revokedAt !== null,
    revokedAt: d.revokedAt,
    lastSeenAt: d.lastSeenAt,
    createdAt: d.createdAt,
  };
}

export function presentPrincipal(
  p: Principal,
): { kind: 'user'; user: UserView } | { kind: 'device'; device: DeviceView } {
  return p.kind === 'user'
    ? { kind: 'user', user: presentUser(p.user) }
    : { kind: 'device', device: presentDevice(p.device) };
}
