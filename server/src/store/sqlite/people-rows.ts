import type { Device, DeviceKind, Role, Session, User } from '../port.js';
import { bool, parse } from './rows.js';

/** User, session and device rows (see rows.ts for the mapping rules). */

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  staff_no: string;
  role: string;
  hall_ids: string;
  password_hash: string;
  disabled: number;
  created_at: number;
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    staffNo: r.staff_no,
    role: r.role as Role,
    hallIds: parse<string[]>(r.hall_ids),
    passwordHash: r.password_hash,
    disabled: bool(r.disabled),
    createdAt: r.created_at,
  };
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  kind: string;
  csrf_token: string | null;
  created_at: number;
  expires_at: number;
}

export function toSession(r: SessionRow): Session {
  return {
    tokenHash: r.token_hash,
    userId: r.user_id,
    kind: r.kind as Session['kind'],
    csrfToken: r.csrf_token,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}

export interface DeviceRow {
  id: string;
  hall_id: string;
  kind: string;
  name: string;
  window_id: string | null;
  token_hash: string;
  config: string;
  revoked_at: number | null;
  last_seen_at: number | null;
  created_at: number;
}

export function toDevice(r: DeviceRow): Device {
  return {
    id: r.id,
    hallId: r.hall_id,
    kind: r.kind as DeviceKind,
    name: r.name,
    windowId: r.window_id,
    tokenHash: r.token_hash,
    config: parse<Record<string, unknown>>(r.config),
    revokedAt: r.revoked_at,
    lastSeenAt: r.last_seen_at,
    createdAt: r.created_at,
  };
}
