import {
  DLE,
  EOT,
  ESC,
  ESC_PARAMS,
  FS,
  FS_PARAMS,
  GS,
  GS_PARAMS,
  LF,
  alignOf,
  type EscPosItem,
} from './commands.js';

/**
 * A small ESC/POS decoder, ours, so the tests and the virtual printer read
 * the bytes the way a printer does instead of trusting the generator.
 *
 * `decodeCommand` is pure: it reads one command at `at` and says how many
 * bytes it took, or that the buffer ends inside it (`incomplete`), which is
 * how a frame split across two TCP chunks is carried over by `EscPosDecoder`.
 */

export type Step = { item: EscPosItem; length: number } | 'incomplete';

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) =>
  (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000;

/** Is this byte the start of a command (as opposed to printable text)? */
export function isCommandByte(byte: number): boolean {
  return byte === LF || byte === DLE || byte === ESC || byte === FS || byte === GS || byte < 0x20;
}

function fixed(b: Uint8Array, at: number, params: number, item: (p: number[]) => EscPosItem): Step {
  const length = 2 + params;
  if (b.length < at + length) return 'incomplete';
  return { item: item(Array.from(b.subarray(at + 2, at + length))), length };
}

const other = (b: Uint8Array, at: number, length: number): EscPosItem => ({
  kind: 'other',
  bytes: Array.from(b.subarray(at, at + length)),
});

function decodeEsc(b: Uint8Array, at: number): Step {
  if (b.length < at + 2) return 'incomplete';
  const c = b[at + 1]!;
  if (c === 0x2a) {
    // ESC * m nL nH d…: bit image, nL+nH*256 columns, 1 or 3 bytes each.
    if (b.length < at + 5) return 'incomplete';
    const cols = u16(b, at + 3);
    const length = 5 + cols * (b[at + 2]! >= 32 ? 3 : 1);
    return b.length < at + length
      ? 'incomplete'
      : { item: { kind: 'image', width: cols, height: 0 }, length };
  }
  const params = ESC_PARAMS[c] ?? 0;
  return fixed(b, at, params, (p) => {
    if (c === 0x40) return { kind: 'init' };
    if (c === 0x61) return { kind: 'align', align: alignOf(p[0]!) };
    if (c === 0x24) return { kind: 'position', dots: p[0]! | (p[1]! << 8), relative: false };
    if (c === 0x5c) return { kind: 'position', dots: ((p[0]! | (p[1]! << 8)) << 16) >> 16, relative: true };
    if (c === 0x45) return { kind: 'emphasis', on: (p[0]! & 1) === 1 };
    if (c === 0x69 || c === 0x6d) return { kind: 'cut', partial: true };
    return other(b, at, 2 + params);
  });
}

function decodeFs(b: Uint8Array, at: number): Step {
  if (b.length < at + 2) return 'incomplete';
  const c = b[at + 1]!;
  if (c === 0x28) {
    // FS ( fn pL pH …: the function's parameters follow.
    if (b.length < at + 5) return 'incomplete';
    const length = 5 + u16(b, at + 3);
    return b.length < at + length ? 'incomplete' : { item: other(b, at, length), length };
  }
  return fixed(b, at, FS_PARAMS[c] ?? 0, (p) => {
    if (c === 0x26) return { kind: 'chinese', on: true };
    if (c === 0x2e) return { kind: 'chinese', on: false };
    return other(b, at, 2 + p.length);
  });
}

/** GS ( k: the QR functions (cn 49). Only "store" (fn 80) carries the payload. */
function qrFunction(b: Uint8Array, at: number, length: number): EscPosItem {
  const cn = b[at + 5];
  const fn = b[at + 6];
  if (cn === 0x31 && fn === 0x50) {
    const data = b.subarray(at + 8, at + length);
    return { kind: 'qr', data: new TextDecoder('utf-8').decode(data) };
  }
  return other(b, at, length);
}

function decodeGs(b: Uint8Array, at: number): Step {
  if (b.length < at + 2) return 'incomplete';
  const c = b[at + 1]!;
  if (c === 0x28) {
    // GS ( x pL pH …
    if (b.length < at + 5) return 'incomplete';
    const length = 5 + u16(b, at + 3);
    if (b.length < at + length) return 'incomplete';
    return { item: b[at + 2] === 0x6b ? qrFunction(b, at, length) : other(b, at, length), length };
  }
  if (c === 0x38 && b[at + 2] === 0x4c) {
    // GS 8 L p1…p4 …: graphics data with a 32-bit length.
    if (b.length < at + 7) return 'incomplete';
    const length = 7 + u32(b, at + 3);
    return b.length < at + length ? 'incomplete' : { item: { kind: 'image', width: 0, height: 0 }, length };
  }
  if (c === 0x76) {
    // GS v 0 m xL xH yL yH d…: raster image, xL+xH*256 bytes per row.
    if (b.length < at + 8) return 'incomplete';
    const x = u16(b, at + 4);
    const y = u16(b, at + 6);
    const length = 8 + x * y;
    return b.length < at + length
      ? 'incomplete'
      : { item: { kind: 'image', width: x * 8, height: y }, length };
  }
  if (c === 0x56) {
    // GS V m [n]: cut; m 0/1/48/49 has no n, 65/66/97/98/103/104 has one.
    if (b.length < at + 3) return 'incomplete';
    const m = b[at + 2]!;
    const length = m >= 65 ? 4 : 3;
    if (b.length < at + length) return 'incomplete';
    return { item: { kind: 'cut', partial: m === 1 || m === 49 || m === 66 || m === 98 }, length };
  }
  if (c === 0x6b) {
    // GS k m …: barcode, NUL-terminated (m < 65) or length-prefixed.
    if (b.length < at + 4) return 'incomplete';
    const m = b[at + 2]!;
    if (m >= 65) {
      const length = 4 + b[at + 3]!;
      return b.length < at + length ? 'incomplete' : { item: other(b, at, length), length };
    }
    const end = b.indexOf(0, at + 3);
    return end < 0 ? 'incomplete' : { item: other(b, at, end + 1 - at), length: end + 1 - at };
  }
  return fixed(b, at, GS_PARAMS[c] ?? 0, (p) =>
    c === 0x21
      ? { kind: 'size', width: ((p[0]! >> 4) & 7) + 1, height: (p[0]! & 7) + 1 }
      : other(b, at, 2 + p.length),
  );
}

/** One command at `at` (the byte there is a command byte). */
export function decodeCommand(b: Uint8Array, at: number): Step {
  const first = b[at]!;
  if (first === LF) return { item: { kind: 'newline' }, length: 1 };
  if (first === DLE) {
    if (b.length < at + 3) return 'incomplete';
    if (b[at + 1] === EOT) return { item: { kind: 'status-request', n: b[at + 2]! }, length: 3 };
    return { item: other(b, at, 3), length: 3 };
  }
  if (first === ESC) return decodeEsc(b, at);
  if (first === FS) return decodeFs(b, at);
  if (first === GS) return decodeGs(b, at);
  // Other control characters (CR, HT…) carry no meaning on a ticket.
  return { item: other(b, at, 1), length: 1 };
}

/**
 * Streaming decoder: push chunks as they arrive; items come out as soon as
 * they are whole. Text is held back until a command byte ends it, because a
 * chunk may end in the middle of a four-byte GB18030 character.
 */
export class EscPosDecoder {
  private pending = new Uint8Array(0);
  private chinese = false;

  push(chunk: Uint8Array): EscPosItem[] {
    const b = new Uint8Array(this.pending.length + chunk.length);
    b.set(this.pending, 0);
    b.set(chunk, this.pending.length);
    const items: EscPosItem[] = [];
    let at = 0;
    while (at < b.length) {
      if (!isCommandByte(b[at]!)) {
        let end = at;
        while (end < b.length && !isCommandByte(b[end]!)) end++;
        if (end === b.length) break; // text may go on in the next chunk
        items.push({ kind: 'text', text: this.decodeText(b.subarray(at, end)) });
        at = end;
        continue;
      }
      const step = decodeCommand(b, at);
      if (step === 'incomplete') break;
      if (step.item.kind === 'chinese') this.chinese = step.item.on;
      if (step.item.kind === 'init') this.chinese = false;
      items.push(step.item);
      at += step.length;
    }
    this.pending = b.slice(at);
    return items;
  }

  /** The connection ended: whatever text is left is the job's last words. */
  end(): EscPosItem[] {
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    if (rest.length === 0 || isCommandByte(rest[0]!)) return [];
    return [{ kind: 'text', text: this.decodeText(rest) }];
  }

  private decodeText(bytes: Uint8Array): string {
    if (this.chinese) return new TextDecoder('gb18030').decode(bytes);
    // Single-byte mode: ASCII, plus the ruled-line characters of code page 1
    // (0x95 horizontal, 0x96 vertical) that ReceiptLine draws rules with.
    return Array.from(bytes, (b) =>
      b === 0x95 ? '─' : b === 0x96 ? '│' : b >= 0x80 && b < 0xa0 ? '┼' : String.fromCharCode(b),
    ).join('');
  }
}

/** Decodes a whole job at once. */
export function decodeEscPos(bytes: Uint8Array): EscPosItem[] {
  const d = new EscPosDecoder();
  return [...d.push(bytes), ...d.end()];
}
