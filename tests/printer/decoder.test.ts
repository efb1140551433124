import { describe, expect, it } from 'vitest';
import {
  EscPosDecoder,
  decodeCommand,
  decodeEscPos,
  foldJob,
  jobText,
} from '../../ticket-printer/src/index.js';

/** The decoder, byte by byte: each command alone, then frames split across chunks. */

const bytes = (...parts: (number | string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((p) =>
      typeof p === 'number' ? [p] : typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p,
    ),
  );

/** GB18030 bytes of 𠮷 (U+20BB7): a four-byte sequence. */
const JI = [0x95, 0x34, 0xb2, 0x35];
/** 社 in GB18030 (two bytes). */
const SHE = [0xc9, 0xe7];

describe('decodeCommand', () => {
  it('reads sizes, alignment, Chinese mode, cut and status requests', () => {
    expect(decodeCommand(bytes(0x1d, 0x21, 0x33), 0)).toEqual({
      item: { kind: 'size', width: 4, height: 4 },
      length: 3,
    });
    expect(decodeCommand(bytes(0x1d, 0x21, 0x10), 0)).toEqual({
      item: { kind: 'size', width: 2, height: 1 },
      length: 3,
    });
    expect(decodeCommand(bytes(0x1b, 0x61, 0x01), 0)).toEqual({
      item: { kind: 'align', align: 'center' },
      length: 3,
    });
    expect(decodeCommand(bytes(0x1b, 0x61, 0x32), 0)).toEqual({
      item: { kind: 'align', align: 'right' },
      length: 3,
    });
    expect(decodeCommand(bytes(0x1c, 0x26), 0)).toEqual({ item: { kind: 'chinese', on: true }, length: 2 });
    expect(decodeCommand(bytes(0x1c, 0x2e), 0)).toEqual({ item: { kind: 'chinese', on: false }, length: 2 });
    expect(decodeCommand(bytes(0x1d, 0x56, 0x42, 0x00), 0)).toEqual({
      item: { kind: 'cut', partial: true },
      length: 4,
    });
    expect(decodeCommand(bytes(0x1d, 0x56, 0x00), 0)).toEqual({
      item: { kind: 'cut', partial: false },
      length: 3,
    });
    expect(decodeCommand(bytes(0x10, 0x04, 0x02), 0)).toEqual({
      item: { kind: 'status-request', n: 2 },
      length: 3,
    });
  });

  it('reads the QR payload from GS ( k store', () => {
    const data = 'http://h/t/x';
    const n = data.length + 3;
    const b = bytes(0x1d, 0x28, 0x6b, n, 0, 0x31, 0x50, 0x30, data);
    expect(decodeCommand(b, 0)).toEqual({ item: { kind: 'qr', data }, length: 5 + n });
  });

  it('says incomplete when the buffer ends inside a command', () => {
    expect(decodeCommand(bytes(0x1d), 0)).toBe('incomplete');
    expect(decodeCommand(bytes(0x1d, 0x21), 0)).toBe('incomplete');
    expect(decodeCommand(bytes(0x10, 0x04), 0)).toBe('incomplete');
    expect(decodeCommand(bytes(0x1d, 0x28, 0x6b, 10, 0, 0x31, 0x50), 0)).toBe('incomplete');
  });
});

describe('EscPosDecoder', () => {
  const job = bytes(
    0x1b,
    0x40,
    0x1c,
    0x26,
    0x1d,
    0x21,
    0x11,
    'A023',
    0x0a,
    0x1d,
    0x21,
    0x00,
    JI,
    SHE,
    0x0a,
    0x1d,
    0x56,
    0x00,
  );

  it('decodes a job in one chunk', () => {
    const printed = foldJob(decodeEscPos(job));
    expect(jobText(printed)).toBe('A023\n𠮷社');
    expect(printed.blocks[0]).toMatchObject({ text: 'A023', width: 2, height: 2 });
    expect(printed.chineseMode).toBe(true);
    expect(printed.cuts).toBe(1);
  });

  it('gives the same items for every split of the job into two chunks', () => {
    const whole = decodeEscPos(job);
    for (let cut = 1; cut < job.length; cut++) {
      const d = new EscPosDecoder();
      const items = [...d.push(job.subarray(0, cut)), ...d.push(job.subarray(cut)), ...d.end()];
      expect(items, `split at ${cut}`).toEqual(whole);
    }
  });

  it('keeps a four-byte character split across chunks whole', () => {
    const d = new EscPosDecoder();
    expect(d.push(bytes(0x1c, 0x26, JI.slice(0, 2)))).toEqual([{ kind: 'chinese', on: true }]);
    expect(d.push(bytes(JI.slice(2), 0x0a))).toEqual([{ kind: 'text', text: '𠮷' }, { kind: 'newline' }]);
  });

  it('reads bytes without FS & as single-byte text', () => {
    expect(jobText(foldJob(decodeEscPos(bytes('No. 5', 0x0a))))).toBe('No. 5');
  });

  it('skips images by their length, so image bytes never turn into text', () => {
    const raster = bytes(0x1d, 0x76, 0x30, 0x00, 2, 0, 2, 0, 0x41, 0x42, 0x43, 0x44, 'ok', 0x0a);
    const items = decodeEscPos(raster);
    expect(items[0]).toEqual({ kind: 'image', width: 16, height: 2 });
    expect(jobText(foldJob(items))).toBe('[image]\nok');
  });
});
