import type { KeyPress, KeypadFeedback, KeypadProfile } from '../port.js';
import { displayText, keyOfCode, pad } from './key-codes.js';

/**
 * A vendor-defined keypad (usage page 0xFF00) with a 4-digit display and a
 * buzzer. Its firmware tunnels a byte stream through 16-byte input reports
 * `[0x02, n, n payload bytes …]`; the stream carries one frame per key press,
 * `0xAA code (0xAA ^ code)`, and a frame may be cut across two reports.
 * A frame whose check byte is wrong is dropped and the decoder resynchronises
 * on the next 0xAA, so line noise never invents a press.
 *
 * Output report 0x03: `'D'` + 4 display characters + waiting count (2 bytes),
 * or `'B'` + number of beeps.
 */

const INPUT_REPORT = 0x02;
const OUTPUT_REPORT = 0x03;
const SYNC = 0xaa;
const REPORT_LENGTH = 16;

export const vendorProfile: KeypadProfile = {
  name: 'vendor',
  match: [{ vendorId: 0x2e3c, productId: 0x5750, usagePage: 0xff00 }],
  addressed: false,
  newDecoder() {
    let pending: number[] = [];
    return (report) => {
      if (report[0] !== INPUT_REPORT || report.length < 2) return [];
      const n = Math.min(report[1] ?? 0, report.length - 2);
      pending.push(...report.subarray(2, 2 + n));
      const presses: KeyPress[] = [];
      while (pending.length >= 3) {
        if (pending[0] !== SYNC) {
          pending.shift();
          continue;
        }
        const code = pending[1] as number;
        const check = pending[2] as number;
        if ((SYNC ^ code) !== check) {
          pending.shift();
          continue;
        }
        pending = pending.slice(3);
        const key = keyOfCode(code);
        if (key) presses.push({ key, address: null });
      }
      return presses;
    };
  },
  encodeFeedback(feedback: KeypadFeedback) {
    if (feedback.kind === 'refused') {
      return [
        pad([OUTPUT_REPORT, 0x44, ...displayText('Err', 4), 0, 0], REPORT_LENGTH),
        pad([OUTPUT_REPORT, 0x42, 2], REPORT_LENGTH),
      ];
    }
    const waiting = Math.min(feedback.waiting ?? 0, 0xffff);
    return [
      pad(
        [OUTPUT_REPORT, 0x44, ...displayText(feedback.number ?? '----', 4), waiting >> 8, waiting & 0xff],
        REPORT_LENGTH,
      ),
    ];
  },
};
