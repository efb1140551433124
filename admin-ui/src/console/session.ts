import { api, type ApiOptions } from '../../../ui-shared/src/api.js';
import type { ConsoleUser } from './types.js';

/**
 * The clerk's cookie session: the browser keeps the httpOnly cookie, this
 * keeps the CSRF token that must go with every change (docs/api.md, login).
 */
export class ConsoleSession {
  user: ConsoleUser | null = null;
  private csrfToken = '';

  /** Picks up a session the browser still holds (a reload of the page). */
  async resume(): Promise<boolean> {
    try {
      const me = await api<{ kind: string; user?: ConsoleUser; csrfToken?: string }>('/api/v1/auth/me');
      if (me.kind !== 'user' || !me.user || !me.csrfToken) return false;
      this.user = me.user;
      this.csrfToken = me.csrfToken;
      return true;
    } catch {
      return false;
    }
  }

  async login(username: string, password: string): Promise<void> {
    const r = await api<{ user: ConsoleUser; csrfToken: string }>('/api/v1/auth/login', {
      body: { username, password },
    });
    this.user = r.user;
    this.csrfToken = r.csrfToken;
  }

  async logout(): Promise<void> {
    try {
      await this.send('/api/v1/auth/logout', {});
    } finally {
      this.user = null;
      this.csrfToken = '';
    }
  }

  get<T>(path: string, options: Omit<ApiOptions, 'body' | 'method'> = {}): Promise<T> {
    return api<T>(path, options);
  }

  /** A change: POST by default, always with the CSRF token. */
  send<T>(path: string, body: unknown, method = 'POST'): Promise<T> {
    return api<T>(path, { method, body, csrfToken: this.csrfToken });
  }
}
