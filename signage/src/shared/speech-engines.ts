import { pickMandarinVoice } from './mandarin.js';
import type { ChimePlayer, SpeechEngine, Utterance } from './voice-types.js';

/**
 * Ways to say a call-out. The board uses the first that works here: the
 * browser's speech synthesis with a Mandarin voice, else the hub's audio
 * (espeak-ng), else the chime alone. A test page can install its own engine
 * as `window.hallSpeechEngine` (and chime as `window.hallChime`) before the
 * board starts, to record what was said and when.
 */

declare global {
  interface Window {
    hallSpeechEngine?: SpeechEngine;
    hallChime?: ChimePlayer;
  }
}

/** A stuck engine (an `end` event that never comes) must not silence the hall for good. */
function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void work.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const deadlineFor = (text: string) => 5_000 + text.length * 600;

export class BrowserSpeech implements SpeechEngine {
  readonly kind = 'speech';
  constructor(private readonly voice: SpeechSynthesisVoice) {}

  speak(u: Utterance, { volume }: { volume: number }): Promise<void> {
    const done = new Promise<void>((resolve) => {
      const utterance = new SpeechSynthesisUtterance(u.text);
      utterance.voice = this.voice;
      utterance.lang = this.voice.lang;
      utterance.volume = volume;
      utterance.rate = 0.9;
      utterance.onend = () => resolve();
      utterance.onerror = () => resolve();
      speechSynthesis.speak(utterance);
    });
    return withDeadline(done, deadlineFor(u.text));
  }

  cancel(): void {
    speechSynthesis.cancel();
  }
}

export class HubAudio implements SpeechEngine {
  readonly kind = 'hub-audio';
  private playing: HTMLAudioElement | null = null;
  constructor(
    private readonly baseUrl = '',
    /** The hub reads the call-out in this hall's sentence and number reading. */
    private readonly hallId: string | null = null,
  ) {}

  speak(u: Utterance, { volume }: { volume: number }): Promise<void> {
    const hall = this.hallId ? `&hall=${encodeURIComponent(this.hallId)}` : '';
    const audio = new Audio(`${this.baseUrl}/api/v1/voice?text=${encodeURIComponent(u.voiceText)}${hall}`);
    audio.volume = volume;
    this.playing = audio;
    const done = new Promise<void>((resolve) => {
      audio.onended = () => resolve();
      audio.onerror = () => resolve();
      audio.play().catch(() => resolve());
    });
    return withDeadline(done, deadlineFor(u.text)).finally(() => {
      if (this.playing === audio) this.playing = null;
    });
  }

  cancel(): void {
    this.playing?.pause();
  }
}

/** The chime already played before the words; nothing more to say. */
export class ChimeOnly implements SpeechEngine {
  readonly kind = 'chime';
  speak(): Promise<void> {
    return Promise.resolve();
  }
}

function voicesNow(): Promise<SpeechSynthesisVoice[]> {
  if (typeof speechSynthesis === 'undefined') return Promise.resolve([]);
  const now = speechSynthesis.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  // Chromium fills the list asynchronously; an empty list after a moment means none.
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(speechSynthesis.getVoices()), 2_000);
    speechSynthesis.addEventListener(
      'voiceschanged',
      () => {
        clearTimeout(timer);
        resolve(speechSynthesis.getVoices());
      },
      { once: true },
    );
  });
}

/** The injected engine, else browser Mandarin, else the hub's audio when it has espeak-ng, else the chime. */
export async function chooseEngine(options: {
  hubAudio: boolean;
  baseUrl?: string;
  hallId?: string;
}): Promise<SpeechEngine> {
  if (window.hallSpeechEngine) return window.hallSpeechEngine;
  const voice = pickMandarinVoice(await voicesNow());
  if (voice) return new BrowserSpeech(voice);
  if (options.hubAudio) return new HubAudio(options.baseUrl, options.hallId ?? null);
  return new ChimeOnly();
}
