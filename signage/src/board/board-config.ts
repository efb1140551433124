import type { BoardArea, BoardConfig, BoardLayout, BoardTheme } from '@hall-queue/server/protocol';
import { api, ApiError } from '@hall-queue/ui-shared/api.js';

/**
 * The board's configuration from the hub (`GET /api/v1/halls/{hallId}/signage/board`,
 * or `GET /api/v1/signage/board` with a display device's token), typed as the hub builds it.
 */

export type { BoardArea, BoardConfig, BoardLayout, BoardTheme };

/** A public board names its hall; a display device is known by its token. */
export type BoardSource = { kind: 'hall'; hallId: string } | { kind: 'device'; token: string };

const TOKEN_KEY = 'hall-signage-token';
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `/signage/<hallId>` is a public board. `?token=dev_…` makes this screen a
 * display device: the token is kept in localStorage and taken out of the
 * address bar, so it is not shown or bookmarked.
 */
export function resolveSource(loc: Location = location, storage: Storage = localStorage): BoardSource | null {
  const params = new URLSearchParams(loc.search);
  const given = params.get('token');
  if (given && given.startsWith('dev_')) {
    storage.setItem(TOKEN_KEY, given);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', loc.pathname + (rest ? `?${rest}` : '') + loc.hash);
  }
  const token = storage.getItem(TOKEN_KEY);
  if (token) return { kind: 'device', token };
  const hallId = decodeURIComponent(loc.pathname.replace(/^\/signage\/?/, '').split('/')[0] ?? '');
  return ID.test(hallId) ? { kind: 'hall', hallId } : null;
}

export async function loadBoardConfig(source: BoardSource, signal?: AbortSignal): Promise<BoardConfig> {
  const opts = signal ? { signal } : {};
  if (source.kind === 'device')
    return api<BoardConfig>('/api/v1/signage/board', { ...opts, token: source.token });
  return api<BoardConfig>(`/api/v1/halls/${encodeURIComponent(source.hallId)}/signage/board`, opts);
}

/** Errors that waiting will not fix: a revoked token, an unknown hall. */
export function isPermanent(err: unknown): boolean {
  return err instanceof ApiError && [401, 403, 404].includes(err.status);
}
