/**
 * JSON over the hub's HTTP API. Errors come back as problem+json with a
 * stable `code` and its `params`; screens branch on the code and show
 * `refusalText` (refusals.ts), never the English `detail`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: unknown[] = [],
    readonly params: Record<string, unknown> = {},
  ) {
    super(detail || code);
    this.name = 'ApiError';
  }
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
  token?: string;
  csrfToken?: string;
  /** Further request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    throw new ApiError(0, 'network_error', err instanceof Error ? err.message : 'network error');
  }
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const p = (data ?? {}) as {
      code?: string;
      detail?: string;
      title?: string;
      errors?: unknown[];
      params?: Record<string, unknown>;
    };
    throw new ApiError(
      res.status,
      p.code ?? 'http_error',
      p.detail ?? p.title ?? res.statusText,
      p.errors ?? [],
      p.params ?? {},
    );
  }
  return data as T;
}
