import type { Align, EscPosItem } from './commands.js';

/**
 * What came out of the printer, folded from decoded items: printed lines
 * with their size and alignment, QR payloads, cuts. The virtual printer shows
 * this; the tests read tickets back through it.
 */

export interface PrintedLine {
  text: string;
  align: Align;
  /** Character size multipliers from GS ! (1–8). */
  width: number;
  height: number;
  bold: boolean;
  /** Dots from the left edge where the line's text starts. */
  indent: number;
}

export type PrintedBlock =
  ({ kind: 'line' } & PrintedLine) | { kind: 'qr'; data: string; align: Align } | { kind: 'image' };

export interface PrintedJob {
  blocks: PrintedBlock[];
  /** Did the job switch the printer's Chinese mode on (FS &) before Chinese text? */
  chineseMode: boolean;
  qr: string[];
  cuts: number;
  statusRequests: number[];
}

export function foldJob(items: readonly EscPosItem[]): PrintedJob {
  const job: PrintedJob = { blocks: [], chineseMode: false, qr: [], cuts: 0, statusRequests: [] };
  let line: PrintedLine | null = null;
  let align: Align = 'left';
  let width = 1;
  let height = 1;
  let bold = false;
  let position = 0;
  const flush = () => {
    if (line) job.blocks.push({ kind: 'line', ...line });
    line = null;
    position = 0;
  };
  for (const item of items) {
    switch (item.kind) {
      case 'text':
        line ??= { text: '', align, width, height, bold, indent: position };
        line.text += item.text;
        // A line takes the largest size used on it, as the printer's line height does.
        line.width = Math.max(line.width, width);
        line.height = Math.max(line.height, height);
        line.bold ||= bold;
        break;
      case 'newline':
        if (line === null) job.blocks.push({ kind: 'line', text: '', align, width, height, bold, indent: 0 });
        flush();
        break;
      case 'size':
        width = item.width;
        height = item.height;
        break;
      case 'align':
        align = item.align;
        break;
      case 'position':
        position = item.relative ? position + item.dots : item.dots;
        break;
      case 'emphasis':
        bold = item.on;
        break;
      case 'chinese':
        if (item.on) job.chineseMode = true;
        break;
      case 'qr':
        flush();
        job.qr.push(item.data);
        job.blocks.push({ kind: 'qr', data: item.data, align });
        break;
      case 'image':
        flush();
        job.blocks.push({ kind: 'image' });
        break;
      case 'cut':
        flush();
        job.cuts++;
        break;
      case 'status-request':
        job.statusRequests.push(item.n);
        break;
      case 'init':
        align = 'left';
        width = 1;
        height = 1;
        bold = false;
        break;
      case 'other':
        break;
    }
  }
  flush();
  return job;
}

/** The job as plain text: one line per printed line, trimmed, blank lines kept out. */
export function jobText(job: PrintedJob): string {
  return job.blocks
    .map((b) => (b.kind === 'line' ? b.text.trim() : b.kind === 'qr' ? `[QR ${b.data}]` : '[image]'))
    .filter((t) => t !== '')
    .join('\n');
}
