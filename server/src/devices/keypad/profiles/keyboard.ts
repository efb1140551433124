import type { Key, KeyPress, KeypadProfile } from '../port.js';

/**
 * Numeric keypads that present themselves as a USB keyboard (boot protocol):
 * 8-byte reports `[modifiers, reserved, k1 … k6]` listing the keys held down.
 * A press is a key that appears in a report and was not in the one before,
 * so holding a key does not repeat it. No display, no buzzer.
 *
 * On Windows and macOS the operating system keeps keyboard-class devices for
 * itself and node-hid cannot open them (docs/hardware.md): there, use a
 * vendor-defined keypad or the clerk console.
 */

/** HID usage table, page 0x07 (keyboard/keypad). */
const USAGES: Record<number, Key> = {
  0x1e: '1',
  0x1f: '2',
  0x20: '3',
  0x21: '4',
  0x22: '5',
  0x23: '6',
  0x24: '7',
  0x25: '8',
  0x26: '9',
  0x27: '0',
  0x28: 'enter',
  0x29: 'escape',
  0x2a: 'backspace',
  0x3a: 'f1',
  0x3b: 'f2',
  0x3c: 'f3',
  0x3d: 'f4',
  0x3e: 'f5',
  0x3f: 'f6',
  0x40: 'f7',
  0x41: 'f8',
  0x54: 'slash',
  0x55: 'star',
  0x56: 'minus',
  0x57: 'plus',
  0x58: 'enter',
  0x59: '1',
  0x5a: '2',
  0x5b: '3',
  0x5c: '4',
  0x5d: '5',
  0x5e: '6',
  0x5f: '7',
  0x60: '8',
  0x61: '9',
  0x62: '0',
  0x63: 'dot',
};

/** ErrorRollOver: too many keys at once; the report says nothing about which. */
const ROLLOVER = 0x01;

export const keyboardProfile: KeypadProfile = {
  name: 'keyboard',
  // Keyboards are too many to list: a keyboard keypad is found by the ids in its config.
  match: [],
  addressed: false,
  newDecoder() {
    let held = new Set<number>();
    return (report) => {
      // Some keyboards prefix a report id of 1 (9 bytes); the boot layout follows it.
      const body = report.length === 9 && report[0] === 1 ? report.subarray(1) : report;
      if (body.length < 3) return [];
      const codes = [...body.subarray(2)].filter((c) => c !== 0);
      if (codes.includes(ROLLOVER)) return [];
      const presses: KeyPress[] = [];
      for (const code of codes) {
        const key = USAGES[code];
        if (!held.has(code) && key) presses.push({ key, address: null });
      }
      held = new Set(codes);
      return presses;
    };
  },
};
