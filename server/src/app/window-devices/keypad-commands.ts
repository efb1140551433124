/**
 * What a keypad can ask of its window, and the settings that say how it is
 * read. This is the keypad port's vocabulary: the use cases own it, and the
 * drivers and the keypad agent in server/src/devices/keypad speak it.
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
