import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { API_DOCS_URL, apiDocs } from './format.js';

/** `npm run docs:api`: regenerates docs/api.md from the route table. */
await writeFile(API_DOCS_URL, await apiDocs());
console.log(`Wrote ${fileURLToPath(API_DOCS_URL)}`);
