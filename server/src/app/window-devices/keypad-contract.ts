/**
 * The contract between the use cases and the keypad drivers: what a keypad
 * can ask of its window, and the settings that say how a keypad is found and
 * read. The use cases own it; the driver and the keypad agent in
 * server/src/devices/keypad speak it.
 */

/** The window actions a key can trigger (DESIGN.md §2, the clerk's buttons). */
export const KEYPAD_ACTIONS = [
  'call_next',
  'recall',
  'start',
  'complete',
  'no_show',
  'transfer',
  'pause',
  'resume',
  'call_number',
] as const;
export type KeypadAction = (typeof KEYPAD_ACTIONS)[number];

/** What the driver asks the hub to do: an action plus what was typed before it (a number). */
export interface KeypadCommand {
  action: KeypadAction;
  /** Typed digits/letters: a ticket number for call_number, a window number for transfer. */
  typed: string;
}

/** The report formats the hub can read (docs/hardware.md); a keypad's `profile` setting names one. */
export const PROFILE_NAMES = ['keyboard', 'vendor', 'wireless'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * Keys to actions, per keypad (`device.config.keyMap`), by key name
 * (docs/hardware.md). A value is an action, or one letter that types a ticket
 * prefix (a numeric keypad has no letters: map `slash` to `A` to type A023).
 */
export type KeyMap = Partial<Record<string, KeypadAction | string>>;

/** One configured keypad, from `device.config` (docs/hardware.md), as the driver needs it. */
export interface KeypadSpec {
  /** The hub's device id (or a local name in the agent). */
  id: string;
  profile: ProfileName;
  vendorId?: number;
  productId?: number;
  usagePage?: number;
  /** The keypad's USB serial number, or the wireless receiver's. */
  serial?: string;
  /** The wireless keypad's address on its receiver (profile `wireless`). */
  receiverAddress?: string;
  keyMap?: KeyMap;
}

/** A key mapped to a capital letter types that ticket prefix. */
export const PREFIX_LETTER = /^[A-Z]$/;

export function isKeypadAction(value: string): value is KeypadAction {
  return (KEYPAD_ACTIONS as readonly string[]).includes(value);
}

/** Checks a configured key map (`device.config.keyMap`); returns the problems, empty when it is usable. */
export function keyMapProblems(map: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string' || !(isKeypadAction(value) || PREFIX_LETTER.test(value)))
      problems.push(`keyMap.${key}: an action (${KEYPAD_ACTIONS.join(', ')}) or one capital letter`);
  }
  return problems;
}
