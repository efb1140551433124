import { z } from 'zod';
import { ERROR_TYPES } from './errors.js';
import { hasBody, routeErrors, type AnyRoute } from './route.js';

/** An OpenAPI 3.1 document generated from the route table, with JSON Schemas from the zod schemas. */

export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** Express `:name` to OpenAPI `{name}`. */
export function openapiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

function parameters(r: AnyRoute): unknown[] {
  const out: unknown[] = [];
  for (const [where, schema] of [
    ['path', r.params],
    ['query', r.query],
  ] as const) {
    if (!schema) continue;
    const props = (jsonSchema(schema).properties ?? {}) as Record<string, unknown>;
    const required = new Set((jsonSchema(schema).required ?? []) as string[]);
    for (const [name, s] of Object.entries(props)) {
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: s });
    }
  }
  return out;
}

export function buildOpenApi(routes: readonly AnyRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const responses: Record<string, unknown> = {
      [String(r.status ?? 200)]: { description: r.response },
    };
    for (const code of routeErrors(r)) {
      const status = String(ERROR_TYPES[code].status);
      const prev = responses[status] as { description: string } | undefined;
      responses[status] = {
        description: prev ? `${prev.description}, ${code}` : code,
        content: { 'application/problem+json': {} },
      };
    }
    (paths[openapiPath(r.path)] ??= {})[r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      ...(r.auth === 'public' ? { security: [] } : {}),
      parameters: parameters(r),
      ...(hasBody(r) && r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(r.body), example: r.example } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Hall queuing hub API', version: '1' },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'usr_… (user API token) or dev_… (device token)',
        },
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'hall_session',
          description: 'plus X-CSRF-Token on changes',
        },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}
