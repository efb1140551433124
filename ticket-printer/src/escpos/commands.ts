/**
 * ESC/POS commands as items: the decoder's vocabulary. Only what a ticket
 * uses is understood in detail (text, size, alignment, Chinese mode, QR, cut,
 * status requests); other commands are recognised by length and skipped, so
 * a job from another generator still decodes.
 */

export type Align = 'left' | 'center' | 'right';

export type EscPosItem =
  | { kind: 'init' }
  | { kind: 'text'; text: string }
  | { kind: 'newline' }
  /** GS ! n: width and height multipliers, 1–8. */
  | { kind: 'size'; width: number; height: number }
  | { kind: 'align'; align: Align }
  /** ESC $ (absolute) and ESC \ (relative): horizontal position in dots; ReceiptLine centres text this way. */
  | { kind: 'position'; dots: number; relative: boolean }
  | { kind: 'emphasis'; on: boolean }
  /** FS & on, FS . off: double-byte (Chinese) characters. */
  | { kind: 'chinese'; on: boolean }
  /** GS ( k … 1 P 0: the stored QR payload; printed by the following 1 Q 0. */
  | { kind: 'qr'; data: string }
  | { kind: 'cut'; partial: boolean }
  /** DLE EOT n: a real-time status request; the printer answers one byte. */
  | { kind: 'status-request'; n: number }
  | { kind: 'image'; width: number; height: number }
  | { kind: 'other'; bytes: number[] };

export const LF = 0x0a;
export const DLE = 0x10;
export const EOT = 0x04;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;

/** ESC x with a fixed number of parameter bytes (after the ESC and the letter). */
export const ESC_PARAMS: Record<number, number> = {
  0x20: 1, // ESC SP n: right-side character spacing
  0x21: 1, // ESC ! n: print mode
  0x24: 2, // ESC $ nL nH: absolute position
  0x2d: 1, // ESC - n: underline
  0x32: 0, // ESC 2: default line spacing
  0x33: 1, // ESC 3 n: line spacing
  0x3d: 1, // ESC = n: peripheral device
  0x40: 0, // ESC @: initialise
  0x45: 1, // ESC E n: emphasis
  0x47: 1, // ESC G n: double strike
  0x4a: 1, // ESC J n: feed
  0x4d: 1, // ESC M n: font
  0x52: 1, // ESC R n: international character set
  0x5c: 2, // ESC \ nL nH: relative position
  0x61: 1, // ESC a n: alignment
  0x63: 2, // ESC c 3/4/5 n: paper sensors, panel buttons
  0x64: 1, // ESC d n: feed lines
  0x69: 0, // ESC i: partial cut (old)
  0x6d: 0, // ESC m: partial cut (old)
  0x70: 3, // ESC p m t1 t2: cash drawer pulse
  0x74: 1, // ESC t n: code table
  0x7b: 1, // ESC { n: upside down
};

/** FS x with a fixed number of parameter bytes. */
export const FS_PARAMS: Record<number, number> = {
  0x21: 1, // FS ! n: Kanji print mode
  0x26: 0, // FS &: Kanji mode on
  0x2d: 1, // FS - n: Kanji underline
  0x2e: 0, // FS .: Kanji mode off
  0x43: 1, // FS C n: Kanji code system
  0x53: 2, // FS S n1 n2: Kanji spacing
  0x57: 1, // FS W n: Kanji quadruple size
};

/** GS x with a fixed number of parameter bytes. */
export const GS_PARAMS: Record<number, number> = {
  0x21: 1, // GS ! n: character size
  0x42: 1, // GS B n: reverse
  0x48: 1, // GS H n: HRI position
  0x4c: 2, // GS L nL nH: left margin
  0x57: 2, // GS W nL nH: print area width
  0x61: 1, // GS a n: automatic status back
  0x62: 1, // GS b n: smoothing
  0x66: 1, // GS f n: HRI font
  0x68: 1, // GS h n: barcode height
  0x72: 1, // GS r n: transmit status
  0x77: 1, // GS w n: barcode width
};

export function alignOf(n: number): Align {
  const v = n >= 0x30 ? n - 0x30 : n;
  return v === 1 ? 'center' : v === 2 ? 'right' : 'left';
}
