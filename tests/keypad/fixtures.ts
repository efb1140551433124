/**
 * Report fixtures for each keypad profile. They are written byte by byte
 * from the report formats in docs/hardware.md (no keypad is attached to this
 * machine), and each comes with the keys a clerk pressed to produce it.
 */

/** Boot keyboard reports `[mods, 0, k1…k6]`: "+" (call next), then typing 2, 3 and Enter. */
export const KEYBOARD_SESSION: number[][] = [
  [0, 0, 0x57, 0, 0, 0, 0, 0], // KP + down
  [0, 0, 0, 0, 0, 0, 0, 0], // released
  [0, 0, 0x5a, 0, 0, 0, 0, 0], // KP 2 down
  [0, 0, 0x5a, 0x5b, 0, 0, 0, 0], // KP 3 down while 2 still held: only 3 is new
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01], // ErrorRollOver: says nothing
  [0, 0, 0x68, 0, 0, 0, 0, 0], // F13: a key no profile knows
  [0, 0, 0x58, 0, 0, 0, 0, 0], // KP Enter
  [0, 0, 0x58, 0, 0, 0, 0, 0], // still held (auto-repeat report): not a new press
  [0, 0, 0, 0, 0, 0, 0, 0],
];
export const KEYBOARD_KEYS = ['plus', '2', '3', 'enter'];

const frame = (code: number) => [0xaa, code, 0xaa ^ code];
const report = (payload: number[]) => [
  0x02,
  payload.length,
  ...payload,
  ...new Array(14 - payload.length).fill(0),
];

/** Vendor reports `[0x02, n, payload…]`: F1, then "A" typed as "1","2", F-keys, a frame cut in two, noise. */
export const VENDOR_SESSION: number[][] = [
  report(frame(0x10)), // F1 call next
  report([...frame(0x31), ...frame(0x32)]), // 1, 2 in one report
  report([0xaa, 0x0d]), // Enter, first two bytes …
  report([0xaa ^ 0x0d]), // … and its check byte in the next report
  report([0xaa, 0x33, 0x00]), // bad check byte: dropped
  report(frame(0x7f)), // a code no key has
  [0x04, 0x02, 0xaa, 0x13], // another report id: not ours
  report(frame(0x13)), // F4 complete
];
export const VENDOR_KEYS = ['f1', '1', '2', 'enter', 'f4'];

/** Wireless receiver `[0x05, a0…a3, code, seq, battery]`: two keypads, one repeated packet, an unknown keypad. */
export const WIRELESS_SESSION: number[][] = [
  [0x05, 0xa1, 0xb2, 0xc3, 0xd4, 0x10, 0x01, 0x64], // keypad A1B2C3D4: F1
  [0x05, 0xa1, 0xb2, 0xc3, 0xd4, 0x10, 0x01, 0x64], // repeated (not acknowledged in time): same seq
  [0x05, 0x00, 0x00, 0x00, 0x07, 0x11, 0x09, 0x50], // keypad 00000007: F2
  [0x05, 0xa1, 0xb2, 0xc3, 0xd4, 0x13, 0x02, 0x64], // keypad A1B2C3D4: F4
  [0x05, 0xa1, 0xb2, 0xc3, 0xd4, 0x7e, 0x03, 0x64], // unknown key code
];
export const WIRELESS_PRESSES = [
  { key: 'f1', address: 'A1B2C3D4' },
  { key: 'f2', address: '00000007' },
  { key: 'f4', address: 'A1B2C3D4' },
];
