import { ERROR_TYPES } from '../errors.js';
import { jsonSchema, openapiPath } from '../openapi.js';
import { BODY_LIMIT, bodyLimit, hasBody, routeErrors, type AnyRoute } from '../route.js';
import { fieldRows, type JsonSchema } from './schema-text.js';

/**
 * docs/api.md, generated from the route table by `npm run docs:api`. A test
 * compares the file with this output, so the reference cannot fall behind.
 */

const INTRO = `# HTTP API

Generated from the route table (\`server/src/http/routes/\`) by \`npm run docs:api\`; do not edit by hand.
The same table serves \`GET /api/v1/openapi.json\` (OpenAPI 3.1 with JSON Schemas).

## Conventions

- **Bodies** are JSON (\`Content-Type: application/json\`), at most 64 kB unless the route says otherwise. Objects are strict: an unknown field is an error.
  Another content type gets \`415 unsupported_media_type\`, broken JSON \`400 malformed_json\`, a larger body \`413 payload_too_large\`.
- **Ids** in paths are 1–64 letters, digits, \`-\` or \`_\`. An id that names nothing, or something of another hall than the one in the path, gets \`404 not_found\`.
- **Authentication**
  - Session cookie: \`POST /api/v1/auth/login\` sets \`hall_session\` (httpOnly, SameSite=Lax, Secure over https) and returns \`csrfToken\`.
    Every POST, PUT, PATCH and DELETE made with the cookie must send it back as \`X-CSRF-Token\`, else \`403 csrf_failed\`.
  - Bearer token: \`Authorization: Bearer usr_…\` (login with \`"token": true\`, or \`POST /api/v1/auth/tokens\`) or \`Bearer dev_…\` (a device token, shown once when the device is registered).
    An unknown, expired or revoked bearer token is refused with \`401 unauthenticated\` on every route, public ones included.
  - There is no default password: the first admin is created with \`HUB_ADMIN_PASSWORD\` or the one-time code printed at first start (\`POST /api/v1/setup\`).
- **Who may call**: admins everything (in their halls; an admin with no halls works in all); supervisors read configuration, act on any window and cancel tickets in their halls;
  clerks act only on windows that list them in \`clerkIds\` and read their halls; a keypad acts only on its own window; a kiosk issues tickets for its own hall; displays and evaluators read.
- **Rate limits**: routes marked *rate-limited* allow \`RATE_LIMIT_PER_MINUTE\` requests per minute per IP and route (\`429 rate_limited\`, with \`RateLimit\` headers).
  A device token (kiosk, display, …) is counted on a budget of its own of the same size, keyed by the device instead of the address; only logged-in staff are not held to it.
  The address is the peer's, or the one a trusted proxy wrote in \`X-Forwarded-For\` (\`TRUST_PROXY\`: a hop count or proxy addresses).
  Logins are also limited per username: after 5 failures each further one locks that username (30 s, doubling up to 15 min; \`429 login_locked\` with \`Retry-After\`).
- **Actions are recorded**: every change records who made it (user or device) in the hall's event log.
- **Errors** are \`application/problem+json\`: \`{ type, title, status, code, detail, params?, errors? }\`. Clients branch on \`code\`, never on \`detail\` (an English sentence for logs and API clients).
  \`params\` are the refusal's parameters a screen words it with: the ticket \`number\` and its \`status\`, a window's \`state\`, the \`action\` refused and the statuses it \`allowed\`, a priority \`category\`, counts and limits; no internal ids. The screens' Chinese and English wording of every code is \`ui-shared/src/refusals.ts\`.
  \`errors\` lists field problems as \`{ in, path, message }\` (\`in\`: \`body\`, \`query\`, \`params\`, or the part of a configuration being checked).
  A 5xx answer also carries \`requestId\`: quote it to whoever reads the hub's log.
- **Request ids**: every answer has an \`X-Request-Id\` header. The hub keeps the one the caller (or a proxy) sent when it is 1–64 letters, digits, \`.\`, \`_\`, \`:\` or \`-\`, and makes one otherwise;
  the hub's log lines about the request carry it as \`reqId\` (README, Logging).
- **Several hub processes** may share one embedded store (one \`DATA_DIR\`, each process on its own port): any route may be called on any of them and they answer as one hub.
  Every write is one transaction in the shared SQLite file (a ticket number is never issued twice, a ticket never called twice, an \`Idempotency-Key\` finds the ticket whichever process issued it),
  and whatever a write causes downstream (screens, print jobs, 差评 cases, caches) follows the log in the store, so a change made through one process reaches the screens of every process within a second
  (docs/realtime.md, Several hub processes). Scheduled jobs run in one process at a time. Per-process: login lockout counters and rate-limit budgets.
`;

function errorTable(): string {
  const rows = Object.entries(ERROR_TYPES).map(([code, t]) => `| \`${code}\` | ${t.status} | ${t.title} |`);
  return ['| code | status | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

function authText(r: AnyRoute): string {
  if (r.auth === 'public') return 'public';
  if (r.auth === 'user') return 'any logged-in user';
  if (r.auth === 'principal') return 'any user or device (of the hall)';
  const who = [...r.auth.roles, ...(r.auth.devices ?? []).map((d) => `${d} device`)];
  return who.join(', ');
}

function table(title: string, schema: JsonSchema, requiredAll = false): string[] {
  const rows = fieldRows(schema, requiredAll);
  if (rows.length === 0) return [];
  return [`${title}:`, '', '| name | type | required | notes |', '| --- | --- | --- | --- |', ...rows, ''];
}

function routeSection(r: AnyRoute): string {
  const lines = [`### \`${r.method.toUpperCase()} ${openapiPath(r.path)}\``, '', r.summary + '.', ''];
  if (r.description) lines.push(r.description, '');
  lines.push(`- Auth: ${authText(r)}${r.rateLimited ? '; rate-limited' : ''}`);
  if (hasBody(r) && bodyLimit(r) !== BODY_LIMIT) lines.push(`- Body limit: ${bodyLimit(r) / 1024} kB`);
  lines.push(`- Success: \`${r.status ?? 200}\` ${r.status === 204 ? '' : `— ${r.response}`}`.trimEnd());
  const errors = routeErrors(r).map((c) => `\`${ERROR_TYPES[c].status} ${c}\``);
  lines.push(`- Errors: ${errors.length > 0 ? errors.join(', ') : 'none of its own'}`, '');
  if (r.params) lines.push(...table('Path parameters', jsonSchema(r.params) as JsonSchema, true));
  if (r.query) lines.push(...table('Query parameters', jsonSchema(r.query) as JsonSchema));
  if (hasBody(r) && r.body) {
    const body = table('Body', jsonSchema(r.body) as JsonSchema);
    lines.push(...(body.length > 0 ? body : ['Body: `{}` (no fields).', '']));
  }
  if (hasBody(r) && r.example !== undefined && JSON.stringify(r.example) !== '{}') {
    lines.push('Example:', '', '```json', JSON.stringify(r.example, null, 2), '```', '');
  }
  return lines.join('\n');
}

export function renderApiDocs(routes: readonly AnyRoute[]): string {
  const tags = [...new Set(routes.map((r) => r.tag))];
  const anchor = (r: AnyRoute) =>
    `${r.method} ${openapiPath(r.path)}`
      .toLowerCase()
      .replace(/[^a-z0-9 -]/g, '')
      .replace(/ /g, '-');
  const contents = tags.map(
    (tag) =>
      `- **${tag}**: ` +
      routes
        .filter((r) => r.tag === tag)
        .map((r) => `[\`${r.method.toUpperCase()} ${openapiPath(r.path)}\`](#${anchor(r)})`)
        .join(', '),
  );
  const sections = tags.map((tag) =>
    [`## ${tag}`, '', ...routes.filter((r) => r.tag === tag).map(routeSection)].join('\n'),
  );
  return [INTRO, '### Error codes', '', errorTable(), '', '## Routes', '', ...contents, '', ...sections]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()
    .concat('\n');
}
