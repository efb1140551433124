import type { Key } from '../port.js';

/**
 * Key codes of the vendor-defined keypad and the wireless receiver: ASCII for
 * what has an ASCII character, 0x10–0x17 for the function keys.
 */
const CODES: Record<number, Key> = {
  0x30: '0',
  0x31: '1',
  0x32: '2',
  0x33: '3',
  0x34: '4',
  0x35: '5',
  0x36: '6',
  0x37: '7',
  0x38: '8',
  0x39: '9',
  0x0d: 'enter',
  0x08: 'backspace',
  0x1b: 'escape',
  0x2b: 'plus',
  0x2d: 'minus',
  0x2a: 'star',
  0x2f: 'slash',
  0x2e: 'dot',
  0x10: 'f1',
  0x11: 'f2',
  0x12: 'f3',
  0x13: 'f4',
  0x14: 'f5',
  0x15: 'f6',
  0x16: 'f7',
  0x17: 'f8',
};

export function keyOfCode(code: number): Key | null {
  return CODES[code] ?? null;
}

/** Up to `width` characters of a ticket number, right-aligned, as the 7-segment display wants. */
export function displayText(text: string, width: number): number[] {
  const clipped = text.slice(-width).padStart(width, ' ');
  return [...clipped].map((c) => c.charCodeAt(0) & 0x7f);
}

export function pad(bytes: number[], length: number): number[] {
  return [...bytes, ...new Array<number>(Math.max(0, length - bytes.length)).fill(0)];
}
