/** What the voice queue needs from a speech engine and a chime; no DOM types, so Node tests use it too. */

export type EngineKind = 'speech' | 'hub-audio' | 'chime';

export interface Utterance {
  /** The words, as `spokenText` reads the call-out (digits one by one). */
  text: string;
  /** The hub's voice text, which the hub's audio route accepts. */
  voiceText: string;
}

export interface SpeechEngine {
  readonly kind: EngineKind;
  /** Resolves when the utterance has ended (or failed): the queue never overlaps two. */
  speak(utterance: Utterance, options: { volume: number }): Promise<void>;
  /** Stop at once (the board is going away). */
  cancel?(): void;
}

export interface ChimePlayer {
  play(volume: number): Promise<void>;
}
