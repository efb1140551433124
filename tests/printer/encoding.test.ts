import { describe, expect, it } from 'vitest';
import { renderEscPos } from '../../ticket-printer/src/index.js';
import { FIXED_TICKET } from './fixtures.js';

/**
 * Rare characters in names must reach the paper: GB18030 encodes every
 * Unicode character (four bytes outside GBK), and the printer must be in
 * Chinese mode (FS &) when they arrive. GBK-only encoders drop 𠮷.
 */

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('GB18030 with Chinese mode on', () => {
  const bytes = renderEscPos({ ...FIXED_TICKET, serviceName: '𠮷䶮' }, 80);

  it('encodes 𠮷 (U+20BB7) as the four bytes 95 34 B2 35 and 䶮 as FE 9F', () => {
    expect(hex(bytes)).toContain('9534b235fe9f');
  });

  it('switches Chinese mode on (ESC t 0, FS &) right before the name', () => {
    const at = hex(bytes).indexOf('9534b235');
    const before = hex(bytes).slice(0, at);
    expect(before.endsWith('1b74001c26')).toBe(true);
  });

  it('round-trips through a GB18030 decoder', () => {
    const at = Buffer.from(bytes).indexOf(Buffer.from([0x95, 0x34, 0xb2, 0x35]));
    expect(new TextDecoder('gb18030').decode(bytes.subarray(at, at + 6))).toBe('𠮷䶮');
  });
});
