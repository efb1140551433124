/**
 * JSON Schema (as zod 4 emits it) to short human text for docs/api.md:
 * `string, 1–3 capital letters`, `integer 1–9999`, `'kiosk' | 'mobile'`.
 */

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  description?: string;
}

function range(lo: number | undefined, hi: number | undefined, unit = ''): string {
  if (lo === undefined && hi === undefined) return '';
  if (lo !== undefined && hi !== undefined) return ` ${lo}–${hi}${unit}`;
  return lo !== undefined ? ` ≥ ${lo}${unit}` : ` ≤ ${hi}${unit}`;
}

export function schemaText(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(schemaText).join(' or ');
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  const type = Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any');
  switch (type) {
    case 'string':
      return `string${s.pattern ? ` \`${s.pattern}\`` : range(s.minLength, s.maxLength, ' chars')}`;
    case 'integer':
    case 'number':
      return `${type}${range(s.minimum, s.maximum)}`;
    case 'array':
      return `array${range(s.minItems, s.maxItems, ' items')} of ${s.items ? schemaText(s.items) : 'any'}`;
    case 'object':
      if (s.properties) return `object { ${Object.keys(s.properties).join(', ')} }`;
      if (typeof s.additionalProperties === 'object') return `map of ${schemaText(s.additionalProperties)}`;
      return 'object';
    default:
      return type;
  }
}

/** Rows `name | type | required | notes` of an object schema's fields. */
export function fieldRows(s: JsonSchema, requiredAll = false): string[] {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(
    ([name, f]) =>
      `| \`${name}\` | ${schemaText(f).replace(/\|(?!\s)/g, '\\|')} | ${requiredAll || required.has(name) ? 'yes' : 'no'} | ${f.description ?? ''} |`,
  );
}
