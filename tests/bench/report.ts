/** The figures of one part of the benchmark, each next to its baseline. */

export interface Figure {
  figure: string;
  unit: string;
  ours: number;
  baseline: number;
  /** Throughput: higher is better (ratio = ours / baseline ≥ target). Latency: lower is better (≤ target). */
  better: 'higher' | 'lower';
  /** Only the figures the issue sets a target for have one. */
  target?: number;
}

/** A table of its own beside the figures, such as how figures grow with a count. */
export interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

export interface Part {
  title: string;
  /** What ours and the baseline are, in one line each. */
  ours: string;
  baseline: string;
  figures: Figure[];
  /** Counts and caveats that belong with the figures (non-2xx, work done). */
  notes: string[];
  tables?: Table[];
}

export function ratio(f: Figure): number {
  return f.ours / f.baseline;
}

export function verdict(f: Figure): string {
  if (f.target === undefined) return '';
  const r = ratio(f);
  if (!Number.isFinite(r)) return 'n/a';
  return (f.better === 'higher' ? r >= f.target : r <= f.target) ? 'pass' : 'miss';
}

function num(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function cells(f: Figure): string[] {
  const target = f.target === undefined ? '' : `${f.better === 'higher' ? '≥' : '≤'} ${f.target}`;
  return [
    f.figure,
    `${num(f.ours)} ${f.unit}`,
    `${num(f.baseline)} ${f.unit}`,
    num(ratio(f)),
    target,
    verdict(f),
  ];
}

const HEADER = ['figure', 'ours', 'baseline', 'ratio', 'target', 'result'];

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1;
  return w;
}

/** Columns padded to their widest cell; the first column left-aligned, the others right-aligned. */
function aligned(header: string[], body: string[][]): string[] {
  const rows = [header, ...body];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat((widths[i] as number) - width(c));
        return i === 0 ? c + pad : pad + c;
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}

export function textTable(part: Part): string {
  const rows = [HEADER, ...part.figures.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) =>
    r
      .map((c, i) => c + ' '.repeat((widths[i] as number) - width(c)))
      .join('  ')
      .trimEnd();
  const out = [
    `== ${part.title}`,
    `   ours:     ${part.ours}`,
    `   baseline: ${part.baseline}`,
    '',
    line(rows[0] as string[]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ];
  for (const t of part.tables ?? []) out.push('', `   ${t.title}`, '', ...aligned(t.header, t.rows));
  if (part.notes.length > 0) out.push('', ...part.notes.map((n) => `   ${n}`));
  return out.join('\n');
}

function markdownTable(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

export function markdown(part: Part): string {
  const out = [
    `### ${part.title}`,
    '',
    `Ours: ${part.ours}  `,
    `Baseline: ${part.baseline}`,
    '',
    ...markdownTable(HEADER, part.figures.map(cells)),
  ];
  for (const t of part.tables ?? []) out.push('', `${t.title}:`, '', ...markdownTable(t.header, t.rows));
  if (part.notes.length > 0) out.push('', ...part.notes.map((n) => `- ${n}`));
  return out.join('\n');
}
