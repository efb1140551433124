import type { KeyPress, KeypadFeedback, KeypadProfile } from '../port.js';
import { displayText, keyOfCode, pad } from './key-codes.js';

/**
 * A 2.4 GHz receiver serving many wireless keypads (one per window). Each
 * 8-byte input report `[0x05, a0, a1, a2, a3, code, seq, battery]` carries the
 * 4-byte address of the keypad that was pressed. A keypad repeats a press
 * until the receiver acknowledges it; a repeat has the same `seq` and is
 * dropped here, so one press is one action.
 *
 * Output report 0x06 `[a0…a3, 'D', 4 display characters, waiting]` shows a
 * number on the addressed keypad's LCD; `'B', n` beeps it.
 */

const INPUT_REPORT = 0x05;
const OUTPUT_REPORT = 0x06;

export function formatAddress(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

function parseAddress(address: string): number[] {
  return (address.match(/../g) ?? []).slice(0, 4).map((h) => parseInt(h, 16) & 0xff);
}

export const wirelessProfile: KeypadProfile = {
  name: 'wireless',
  match: [{ vendorId: 0x2e3c, productId: 0x5752, usagePage: 0xff00 }],
  addressed: true,
  newDecoder() {
    const lastSeq = new Map<string, number>();
    return (report) => {
      if (report[0] !== INPUT_REPORT || report.length < 7) return [];
      const address = formatAddress(report.subarray(1, 5));
      const seq = report[6] as number;
      if (lastSeq.get(address) === seq) return [];
      lastSeq.set(address, seq);
      const key = keyOfCode(report[5] as number);
      const presses: KeyPress[] = key ? [{ key, address }] : [];
      return presses;
    };
  },
  encodeFeedback(feedback: KeypadFeedback, address: string | null) {
    if (!address) return null;
    const to = [OUTPUT_REPORT, ...parseAddress(address)];
    if (feedback.kind === 'refused') {
      return [pad([...to, 0x44, ...displayText('Err', 4), 0], 12), pad([...to, 0x42, 2], 12)];
    }
    const waiting = Math.min(feedback.waiting ?? 0, 0xff);
    return [pad([...to, 0x44, ...displayText(feedback.number ?? '----', 4), waiting], 12)];
  },
};
