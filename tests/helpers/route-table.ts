import { jsonSchema } from '../../server/src/http/openapi.js';
import { hasBody, type AnyRoute } from '../../server/src/http/route.js';

/**
 * Reading the API's route table from tests, so every route is covered by the
 * table-driven security and bad-input tests without listing routes by hand.
 */

export function label(r: AnyRoute): string {
  return `${r.method.toUpperCase()} ${r.path}`;
}

export function paramNames(r: AnyRoute): string[] {
  return [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
}

/** Replaces each `:name` with `ids[name]`, or `fallback` when the name is not given. */
export function fillPath(r: AnyRoute, ids: Record<string, string>, fallback?: string): string {
  return r.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = ids[name] ?? fallback;
    if (value === undefined) throw new Error(`no id for :${name} in ${label(r)}`);
    return encodeURIComponent(value);
  });
}

type Schema = { type?: string | string[]; anyOf?: Schema[]; properties?: Record<string, Schema> };

function acceptsString(s: Schema): boolean {
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  return types.includes('string') || (s.anyOf ?? []).some(acceptsString);
}

/** A value of the wrong JSON type for a property: a number where a string goes, a string elsewhere. */
function wrongValue(s: Schema): unknown {
  return acceptsString(s) ? 12345 : 'wrong type';
}

/** A body whose every field has the wrong type; a route without fields gets an unknown one. */
export function wrongBody(r: AnyRoute): Record<string, unknown> {
  if (!hasBody(r) || !r.body) return { unexpected: 1 };
  const props = (jsonSchema(r.body) as Schema).properties ?? {};
  const entries = Object.entries(props).map(([name, s]) => [name, wrongValue(s)]);
  return entries.length > 0 ? Object.fromEntries(entries) : { unexpected: 1 };
}

/** A query string whose every parameter has a value its schema refuses. */
export function wrongQuery(r: AnyRoute): string {
  const props = r.query ? ((jsonSchema(r.query) as Schema).properties ?? {}) : {};
  return Object.keys(props)
    .map((name) => `${name}=${encodeURIComponent('%%not valid%%')}`)
    .join('&');
}

/** Examples name placeholder ids (`svc-id`, `window-id`, …) that exist nowhere. */
export function exampleNamesIds(r: AnyRoute): boolean {
  return /"[a-z]+-id"/.test(JSON.stringify(r.example ?? {}));
}

export function allowsRole(r: AnyRoute, role: 'admin' | 'supervisor' | 'clerk'): boolean {
  if (r.auth === 'public' || r.auth === 'user' || r.auth === 'principal') return true;
  return r.auth.roles.includes(role);
}
