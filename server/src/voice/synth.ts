/**
 * A speech synthesizer the hub can voice call-outs with: the espeak-ng
 * program installed on the machine (`system`), or its WebAssembly build
 * shipped as an npm package (`wasm`).
 */
export interface SpeechSynth {
  readonly name: 'system' | 'wasm';
  /** Whether it can speak Mandarin here; asked once per process. */
  available(): Promise<boolean>;
  /** WAV audio of `words` in `voice` at `speed` words per minute. */
  wav(words: string, voice: string, speed: number): Promise<Buffer>;
}

/** `auto`: the installed program when there is one (faster), else the WebAssembly build. */
export const VOICE_ENGINES = ['auto', 'system', 'wasm', 'off'] as const;
export type VoiceEngineChoice = (typeof VOICE_ENGINES)[number];
