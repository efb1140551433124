import { format, resolveConfig } from 'prettier';
import { ROUTES } from '../routes/index.js';
import { renderApiDocs } from './render.js';

/**
 * docs/api.md exactly as committed: rendered from the route table, then
 * formatted with the repository's Prettier settings so `format:check` agrees.
 * A development tool: the hub itself never imports it.
 */
export const API_DOCS_URL = new URL('../../../../docs/api.md', import.meta.url);

export async function apiDocs(): Promise<string> {
  const config = (await resolveConfig(API_DOCS_URL)) ?? {};
  return format(renderApiDocs(ROUTES), { ...config, parser: 'markdown' });
}
