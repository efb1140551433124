import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_DOCS_URL, apiDocs } from '../../server/src/http/api-docs/format.js';
import { ROUTES } from '../../server/src/http/index.js';
import { hasBody } from '../../server/src/http/route.js';
import { label } from '../helpers/route-table.js';

/** docs/api.md and the route table must agree; regenerate with `npm run docs:api`. */

describe('API reference', () => {
  it('docs/api.md is up to date with the route table', async () => {
    const onDisk = readFileSync(API_DOCS_URL, 'utf8');
    expect(onDisk, 'run npm run docs:api').toBe(await apiDocs());
  });

  it.each(ROUTES.filter(hasBody).map((r) => [label(r), r] as const))(
    'the example of %s is a valid body',
    (_n, r) => {
      expect(r.example, 'a route with a body documents an example').toBeDefined();
      const result = r.body?.safeParse(r.example);
      expect(result?.success, JSON.stringify(result?.error?.issues)).toBe(true);
    },
  );

  it('has one route per method and path', () => {
    const keys = ROUTES.map(label);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
