import { api, ApiError, type ApiOptions } from '@hall-queue/ui-shared/api.js';
import { issueReason, refusalText } from '@hall-queue/ui-shared/refusals.js';
import type { Lang } from '@hall-queue/ui-shared/i18n.js';

/**
 * The signed-in person of the admin console and the clerk console (one
 * session class for both). The browser keeps the httpOnly session cookie; every change sends the CSRF token the hub handed out at
 * login (or from `/auth/me` after a reload), as docs/api.md asks.
 */

export type Role = 'admin' | 'supervisor' | 'clerk';

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  staffNo: string;
  role: Role;
  hallIds: string[];
  disabled: boolean;
}

export interface HallSummary {
  id: string;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  timeZone: string;
}

export class Session {
  user: StaffUser | null = null;
  private csrf = '';

  /** Who is signed in, or null when nobody is (401). */
  async restore(): Promise<StaffUser | null> {
    try {
      const me = await api<{ kind: string; user?: StaffUser; csrfToken?: string }>('/api/v1/auth/me');
      if (me.kind !== 'user' || !me.user) return null;
      this.user = me.user;
      this.csrf = me.csrfToken ?? '';
      return this.user;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return null;
      throw err;
    }
  }

  async login(username: string, password: string): Promise<StaffUser> {
    const res = await api<{ user: StaffUser; csrfToken: string }>('/api/v1/auth/login', {
      body: { username, password },
    });
    this.user = res.user;
    this.csrf = res.csrfToken;
    return res.user;
  }

  async logout(): Promise<void> {
    try {
      await this.call('/api/v1/auth/logout', { method: 'POST', body: {} });
    } finally {
      this.user = null;
      this.csrf = '';
    }
  }

  /** A read as this person. */
  get<T>(path: string, options: Omit<ApiOptions, 'body' | 'method'> = {}): Promise<T> {
    return this.call<T>(path, options);
  }

  /** A change: POST by default, always with the CSRF token. */
  send<T>(path: string, body: unknown, method = 'POST'): Promise<T> {
    return this.call<T>(path, { method, body });
  }

  /** Any API call as this person; changes carry the CSRF token. */
  call<T>(path: string, options: ApiOptions = {}): Promise<T> {
    return api<T>(path, { ...options, ...(this.csrf ? { csrfToken: this.csrf } : {}) });
  }

  /** A POST answered with text (an SVG image), not JSON. */
  async postForText(path: string, body: unknown): Promise<string> {
    const res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': this.csrf },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      const p = (text ? JSON.parse(text) : {}) as {
        code?: string;
        detail?: string;
        errors?: unknown[];
        params?: Record<string, unknown>;
      };
      throw new ApiError(
        res.status,
        p.code ?? 'http_error',
        p.detail ?? res.statusText,
        p.errors ?? [],
        p.params ?? {},
      );
    }
    return text;
  }

  get isAdmin(): boolean {
    return this.user?.role === 'admin';
  }
}

/**
 * Field problems of a problem+json answer, keyed by their `path` (`name`,
 * `services.3.code`). The hub's own checks name the entity first
 * (`{ in: 'window', path: 'window.number' }`) where the edge check says
 * `number`, so that prefix is dropped; each problem is also filed under the
 * paths above it (`serviceIds.0` under `serviceIds`, `calendar.weekly.1.0`
 * under `calendar.weekly.1`), so a form finds it at the field it has.
 */
export function fieldErrors(err: unknown, lang: Lang = pageLang()): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const e of err.errors) {
    const raw = e as { in?: unknown; path?: unknown; code?: string; params?: Record<string, unknown> };
    // The hub words field problems in English for API clients; the page words them from the reason's code.
    const p = { ...raw, message: issueReason({ ...raw, path: String(raw.path ?? '') }, lang) };
    const full = Array.isArray(p.path) ? p.path.join('.') : String(p.path ?? '');
    const own = typeof p.in === 'string' && full.startsWith(`${p.in}.`) ? full.slice(p.in.length + 1) : full;
    const parts = own.split('.');
    for (let n = parts.length; n > 0; n -= 1) {
      const key = parts.slice(0, n).join('.');
      if (!(key in out)) out[key] = String(p.message ?? '');
    }
    if (!(full in out)) out[full] = String(p.message ?? '');
  }
  return out;
}

/**
 * The message to show for a failed call, in the console's language (the
 * page's `lang`): the shared wording of the refusal code, never the hub's
 * English detail or the bare code.
 */
export function errorText(err: unknown, lang: Lang = pageLang()): string {
  return refusalText(err, lang);
}

function pageLang(): Lang {
  return globalThis.document?.documentElement.lang === 'en' ? 'en' : 'zh';
}
