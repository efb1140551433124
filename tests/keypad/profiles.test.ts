import { describe, expect, it } from 'vitest';
import {
  keyboardProfile,
  vendorProfile,
  wirelessProfile,
} from '../../server/src/devices/keypad/profiles/index.js';
import { DEFAULT_KEY_MAP, KeypadInput, keyMapProblems } from '../../server/src/devices/keypad/key-map.js';
import type { KeyPress, KeypadProfile } from '../../server/src/devices/keypad/port.js';
import {
  KEYBOARD_KEYS,
  KEYBOARD_SESSION,
  VENDOR_KEYS,
  VENDOR_SESSION,
  WIRELESS_PRESSES,
  WIRELESS_SESSION,
} from './fixtures.js';

function decodeAll(profile: KeypadProfile, reports: number[][]): KeyPress[] {
  const decode = profile.newDecoder();
  return reports.flatMap((r) => decode(Buffer.from(r)));
}

describe('keypad profiles decode recorded reports', () => {
  it('keyboard: a press is a key that appears; held keys, roll-over and unknown keys give nothing', () => {
    expect(decodeAll(keyboardProfile, KEYBOARD_SESSION).map((p) => p.key)).toEqual(KEYBOARD_KEYS);
  });

  it('keyboard: reports with a leading report id decode the same', () => {
    const withId = KEYBOARD_SESSION.map((r) => [1, ...r]);
    expect(decodeAll(keyboardProfile, withId).map((p) => p.key)).toEqual(KEYBOARD_KEYS);
  });

  it('vendor: frames split across reads are joined, bad frames and unknown codes dropped', () => {
    expect(decodeAll(vendorProfile, VENDOR_SESSION).map((p) => p.key)).toEqual(VENDOR_KEYS);
  });

  it('vendor: a frame cut at every possible byte still decodes once', () => {
    const stream = [0xaa, 0x10, 0xba, 0xaa, 0x31, 0x9b];
    for (let cut = 0; cut <= stream.length; cut++) {
      const parts = [stream.slice(0, cut), stream.slice(cut)].map((p) => [0x02, p.length, ...p]);
      expect(decodeAll(vendorProfile, parts).map((p) => p.key)).toEqual(['f1', '1']);
    }
  });

  it('wireless: each press carries its keypad address; a repeated packet counts once', () => {
    expect(decodeAll(wirelessProfile, WIRELESS_SESSION)).toEqual(WIRELESS_PRESSES);
  });

  it('vendor and wireless encode the display and the refusal beep', () => {
    const show = vendorProfile.encodeFeedback!({ kind: 'show', number: 'A023', waiting: 300 }, null)!;
    expect(show[0]!.slice(0, 8)).toEqual([0x03, 0x44, 0x41, 0x30, 0x32, 0x33, 1, 44]);
    const refused = vendorProfile.encodeFeedback!({ kind: 'refused', code: 'invalid_state' }, null)!;
    expect(refused[1]!.slice(0, 3)).toEqual([0x03, 0x42, 2]);
    const w = wirelessProfile.encodeFeedback!({ kind: 'show', number: 'B7', waiting: 4 }, 'A1B2C3D4')!;
    expect(w[0]!.slice(0, 11)).toEqual([0x06, 0xa1, 0xb2, 0xc3, 0xd4, 0x44, 0x20, 0x20, 0x42, 0x37, 4]);
    expect(keyboardProfile.encodeFeedback).toBeUndefined();
  });
});

describe('key map', () => {
  it('turns the decoded keys of each profile into actions', () => {
    const actions = (keys: string[]) => {
      const input = new KeypadInput(DEFAULT_KEY_MAP);
      return keys.map((k) => input.press(k as never)).filter((c) => c !== null);
    };
    expect(actions(KEYBOARD_KEYS)).toEqual([
      { action: 'call_next', typed: '' },
      { action: 'call_number', typed: '23' },
    ]);
    expect(actions(VENDOR_KEYS)).toEqual([
      { action: 'call_next', typed: '' },
      { action: 'call_number', typed: '12' },
      { action: 'complete', typed: '' },
    ]);
  });

  it('types prefix letters, edits with backspace and escape, ignores unmapped keys', () => {
    const input = new KeypadInput({ slash: 'A', enter: 'call_number', f6: 'transfer' });
    for (const k of ['slash', '0', '2', '9', 'backspace', '3', 'star'] as const)
      expect(input.press(k)).toBeNull();
    expect(input.press('enter')).toEqual({ action: 'call_number', typed: 'A023' });
    for (const k of ['4', 'escape', '5'] as const) input.press(k);
    expect(input.press('f6')).toEqual({ action: 'transfer', typed: '5' });
  });

  it('checks a configured map', () => {
    expect(keyMapProblems({ f1: 'call_next', slash: 'A' })).toEqual([]);
    expect(keyMapProblems({ f1: 'fire', f2: 3 })).toHaveLength(2);
  });
});
