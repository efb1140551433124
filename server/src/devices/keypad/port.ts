import type { EventEmitter } from 'node:events';

/**
 * The keypad port (DESIGN.md §5: "reports in, (optional) display out").
 *
 * `HidBinding` is the part of node-hid 3 the driver uses, so the real module
 * and the fake HID layer of the tests are injected into the same driver code.
 *
 * Contract of a `HidHandle`, as node-hid behaves:
 * - 'data' carries one input report (a Buffer); reports arrive asynchronously.
 * - 'error' is emitted once when the device goes away (unplugged, receiver
 *   reset); the handle is then dead: `write` rejects and further reads never come.
 * - `write` on a closed handle rejects; `close` twice is harmless.
 */

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
  interface: number;
}

export interface HidHandle extends EventEmitter {
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

export interface HidBinding {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

/** A key as a keypad reports it, independent of the profile that decoded it. */
export type Key =
  | '0'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9'
  | 'enter'
  | 'plus'
  | 'minus'
  | 'star'
  | 'slash'
  | 'dot'
  | 'backspace'
  | 'escape'
  | 'f1'
  | 'f2'
  | 'f3'
  | 'f4'
  | 'f5'
  | 'f6'
  | 'f7'
  | 'f8';

// The commands a keypad sends belong to the use cases that carry them out.
export {
  KEYPAD_ACTIONS,
  type KeypadAction,
  type KeypadCommand,
} from '../../app/window-devices/keypad-contract.js';

/** One decoded key press; `address` is the wireless keypad's address on a shared receiver. */
export interface KeyPress {
  key: Key;
  address: string | null;
}

/** What a keypad's display or buzzer can show after a press. */
export type KeypadFeedback =
  { kind: 'show'; number: string | null; waiting: number | null } | { kind: 'refused'; code: string };

/**
 * A profile turns raw reports into key presses, and feedback into output
 * reports when the hardware has a display or buzzer. Decoders keep state
 * (held keys, half a frame) so each opened device gets its own.
 */
export interface KeypadProfile {
  name: string;
  /** Known hardware ids, for discovery when a keypad's config names none. */
  match: { vendorId: number; productId: number; usagePage?: number }[];
  /** Whether reports carry the address of a wireless keypad. */
  addressed: boolean;
  newDecoder(): (report: Buffer) => KeyPress[];
  /** Output report(s) for feedback, or null when the hardware has no display or buzzer. */
  encodeFeedback?(feedback: KeypadFeedback, address: string | null): number[][] | null;
}
