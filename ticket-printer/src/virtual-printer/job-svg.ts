import receiptline from 'receiptline';
import type { PrintedJob } from '../escpos/job.js';

/**
 * The decoded job drawn as SVG: what the paper would look like, from the
 * bytes (not from the layout), so a layout bug shows up here too.
 */

const DOTS = 576; // 80 mm paper; a 58 mm job simply uses the left 384 dots.
const CHAR_W = 12;
const CHAR_H = 24;

const escapeXml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Columns a string takes: wide (CJK) characters take two. */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! > 0x2e7f ? 2 : 1;
  return n;
}

export function jobSvg(job: PrintedJob): string {
  const parts: string[] = [];
  let y = 8;
  for (const b of job.blocks) {
    if (b.kind === 'line') {
      const h = CHAR_H * b.height;
      if (b.text.trim() !== '') {
        const w = columns(b.text) * CHAR_W * b.width;
        const x = b.align === 'center' ? (DOTS - w) / 2 : b.align === 'right' ? DOTS - w : b.indent;
        parts.push(
          `<text transform="translate(${x} ${y + h - 4 * b.height}) scale(${b.width} ${b.height})" font-size="${CHAR_H}"` +
            `${b.bold ? ' font-weight="bold"' : ''}>${escapeXml(b.text)}</text>`,
        );
      }
      y += h;
    } else if (b.kind === 'qr') {
      const matrix = receiptline.qrcode.generate({
        data: b.data,
        type: 'qrcode',
        cell: 5,
        level: 'm',
        quietZone: true,
      });
      const cell = 5;
      const size = matrix.length * cell;
      const x0 = (DOTS - size) / 2;
      let d = '';
      matrix.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === 1) d += `M${x0 + c * cell},${y + r * cell}h${cell}v${cell}h-${cell}z`;
        }),
      );
      parts.push(`<path d="${d}" fill="#000"/>`);
      y += size + 8;
    } else {
      parts.push(`<rect x="8" y="${y}" width="${DOTS - 16}" height="40" fill="#ddd"/>`);
      y += 48;
    }
  }
  const height = y + 16;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${DOTS}" height="${height}" viewBox="0 0 ${DOTS} ${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<g font-family="WenQuanYi Zen Hei Mono, monospace" fill="#000">${parts.join('')}</g></svg>`
  );
}
