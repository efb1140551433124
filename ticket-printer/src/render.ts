import receiptline from 'receiptline';
import { ticketMarkup } from './layout.js';
import { PAPER_CPL, type PaperWidth, type TicketDocument } from './ticket.js';

/**
 * ReceiptLine turns the one layout into printer bytes and into SVG. It is
 * used only here: swapping the library means rewriting this file, nothing
 * else (the transports take bytes, the kiosk takes SVG).
 *
 * Two settings matter:
 * - `encoding: 'gb18030'`: every line of text is sent after ESC t 0 and FS &
 *   (Chinese mode on) and encoded GB18030, whose four-byte sequences reach
 *   every Unicode character, so rare characters in names (𠮷, 䶮) print
 *   instead of being dropped (tests/printer/encoding.test.ts proves it).
 * - `qrcode`: ReceiptLine 4 sends QR codes as a raster image; we send the
 *   printer's own QR command (GS ( k, model 2), which every Chinese thermal
 *   printer we target supports, prints crisper at small cell sizes, and lets
 *   the virtual printer and the tests read the payload back.
 * - `hr`: ReceiptLine draws a rule with box characters of code page 1
 *   (FS . ESC t 1, then 0x95…), Katakana on Epson, which many Chinese
 *   printers lack or map to something else. A rule of ASCII '-' prints the
 *   same on every printer in any code page, and stays in Chinese mode.
 */

/** GS ( k: model 2, cell size, error correction, store the data, print it. */
function nativeQr(symbol: { data: string; cell: number; level: string }): string {
  if (symbol.data.length === 0) return '';
  const data = Buffer.from(symbol.data, 'utf8').toString('binary');
  const level = { l: 48, m: 49, q: 50, h: 51 }[symbol.level] ?? 49;
  const n = data.length + 3;
  const c = String.fromCharCode;
  return (
    '\x1d(k\x04\x001A2\x00' +
    '\x1d(k\x03\x001C' +
    c(Math.min(16, Math.max(1, symbol.cell))) +
    '\x1d(k\x03\x001E' +
    c(level) +
    '\x1d(k' +
    c(n & 255, n >> 8) +
    '1P0' +
    data +
    '\x1d(k\x03\x001Q0'
  );
}

const ESCPOS = {
  ...receiptline.commands.escpos,
  qrcode: nativeQr,
  hr: (width: number) => '-'.repeat(width),
};

export function renderEscPos(doc: TicketDocument, paper: PaperWidth): Uint8Array {
  const out = receiptline.transform(ticketMarkup(doc, paper), {
    cpl: PAPER_CPL[paper],
    encoding: 'gb18030',
    command: ESCPOS,
    cutting: true,
    spacing: true,
  });
  return Uint8Array.from(Buffer.from(out, 'binary'));
}

export function renderSvg(doc: TicketDocument, paper: PaperWidth): string {
  return receiptline.transform(ticketMarkup(doc, paper), {
    cpl: PAPER_CPL[paper],
    encoding: 'gb18030',
    command: 'svg',
    spacing: true,
  });
}
