import {
  PREFIX_LETTER,
  isKeypadAction,
  type KeypadAction,
  type KeypadCommand,
} from '../../app/window-devices/keypad-contract.js';
import type { Key } from './port.js';

export { isKeypadAction, keyMapProblems } from '../../app/window-devices/keypad-contract.js';

/**
 * Keys to actions, per keypad (`device.config.keyMap`, the contract's `KeyMap`
 * with the key names this driver knows). A value is an action, or one letter
 * that types a ticket prefix (a numeric keypad has no letters: map `slash` to
 * `A` to type A023). Digits always type.
 */
export type KeyMap = Partial<Record<Key, KeypadAction | string>>;

/**
 * The default for a plain numeric keypad, where F-keys are absent: the
 * operators are the actions, Enter calls the typed number. F1–F8 follow the
 * console's order for keypads that have them.
 */
export const DEFAULT_KEY_MAP: KeyMap = {
  plus: 'call_next',
  minus: 'recall',
  star: 'start',
  slash: 'complete',
  dot: 'no_show',
  enter: 'call_number',
  f1: 'call_next',
  f2: 'recall',
  f3: 'start',
  f4: 'complete',
  f5: 'no_show',
  f6: 'transfer',
  f7: 'pause',
  f8: 'resume',
};

const DIGIT = /^[0-9]$/;
/** Longest thing one types: a prefix of up to 3 letters and a 4-digit sequence, with room. */
const MAX_TYPED = 8;

/**
 * Turns presses into commands: digits and mapped letters are collected, an
 * action key sends the action with what was typed and clears it. Backspace
 * and Escape (unless mapped) edit what was typed. Unmapped keys are ignored.
 */
export class KeypadInput {
  private typed = '';

  constructor(private readonly map: KeyMap = DEFAULT_KEY_MAP) {}

  press(key: Key): KeypadCommand | null {
    const mapped = this.map[key];
    if (mapped !== undefined && isKeypadAction(mapped)) {
      const command = { action: mapped, typed: this.typed };
      this.typed = '';
      return command;
    }
    if (mapped !== undefined && PREFIX_LETTER.test(mapped)) return this.type(mapped);
    if (DIGIT.test(key)) return this.type(key);
    if (key === 'backspace') this.typed = this.typed.slice(0, -1);
    if (key === 'escape') this.typed = '';
    return null;
  }

  /** What has been typed and not yet sent (for a display that echoes it). */
  get pending(): string {
    return this.typed;
  }

  private type(c: string): null {
    if (this.typed.length < MAX_TYPED) this.typed += c;
    return null;
  }
}
