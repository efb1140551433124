/**
 * 事项目录 import: a CSV or JSON file read in the browser and turned into the
 * hub's configuration import (PUT /api/v1/halls/:hallId/config), which checks
 * every row first and changes nothing when one is bad. The browser does not
 * judge the rows: it passes them on as written, so the hub's answer names
 * each bad one (`services.3.code`) and the screen maps that back to a line.
 */

import { issueText, type FieldIssue } from '@hall-queue/ui-shared/refusals.js';
import type { Lang } from '@hall-queue/ui-shared/i18n.js';

export const CSV_COLUMNS = ['code', 'name', 'domain', 'prefix', 'crossRegion', 'expectedMinutes'] as const;

/** A hall writes its header in Chinese as often as in the API's names: both are read. */
const ZH_COLUMNS: Record<string, string> = {
  编码: 'code',
  名称: 'name',
  领域: 'domain',
  号段字头: 'prefix',
  跨区域通办: 'crossRegion',
  预计办理时长: 'expectedMinutes',
};

export interface ImportRows {
  services: Record<string, unknown>[];
  /** File line (1-based) of each service, for messages; JSON rows count from 1. */
  lines: number[];
}

/** RFC 4180 fields: quotes, doubled quotes inside them, commas and line breaks in quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '']);

function cellValue(column: string, raw: string): unknown {
  const v = raw.trim();
  if (column === 'crossRegion') {
    const low = v.toLowerCase();
    if (TRUE.has(low)) return true;
    if (FALSE.has(low)) return false;
    return v; // not a yes/no: the hub names the row
  }
  if (column === 'expectedMinutes') return v !== '' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  return v;
}

export function rowsFromCsv(text: string): ImportRows {
  const table = parseCsv(text);
  const header = (table[0] ?? []).map((h) => ZH_COLUMNS[h.trim()] ?? h.trim());
  const services: Record<string, unknown>[] = [];
  const lines: number[] = [];
  table.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const row: Record<string, unknown> = {};
    header.forEach((col, j) => {
      const raw = cells[j] ?? '';
      if (col === 'expectedMinutes' && raw.trim() === '') return;
      row[col] = cellValue(col, raw);
    });
    services.push(row);
    lines.push(i + 2);
  });
  return { services, lines };
}

/** A JSON file: a whole configuration export, `{ services: [...] }`, or a plain list of matters. */
export function rowsFromJson(text: string): { config?: Record<string, unknown>; rows: ImportRows } {
  const data: unknown = JSON.parse(text);
  if (data && typeof data === 'object' && !Array.isArray(data) && 'format' in data) {
    const config = data as Record<string, unknown>;
    const services = Array.isArray(config.services) ? (config.services as Record<string, unknown>[]) : [];
    return { config, rows: { services, lines: services.map((_, i) => i + 1) } };
  }
  const list = Array.isArray(data) ? data : ((data as { services?: unknown[] })?.services ?? []);
  const services = list as Record<string, unknown>[];
  return { rows: { services, lines: services.map((_, i) => i + 1) } };
}

/** The hub's field errors grouped by file line (`services.3.code` → line of row 3), worded for the screen. */
export function errorsByLine(
  errors: FieldIssue[],
  lines: number[],
  lang: Lang,
): { line: number | null; fields: string[] }[] {
  const out = new Map<number | null, string[]>();
  for (const e of errors) {
    const row = e.list === 'services' && typeof e.row === 'number' ? e.row : null;
    const line = row !== null ? (lines[row - 1] ?? null) : null;
    // A clash names the other row: as a line of the file too.
    const other = e.params?.row;
    const params =
      row !== null && typeof other === 'number' ? { ...e.params, row: lines[other - 1] ?? other } : e.params;
    const list = out.get(line) ?? [];
    list.push(issueText({ ...e, ...(params ? { params } : {}) }, lang));
    out.set(line, list);
  }
  return [...out.entries()]
    .map(([line, fields]) => ({ line, fields }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
