import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Spoken prompts for elder mode, through the browser's speech synthesis.
 * Only when a voice for the language exists: a kiosk without one stays
 * silent rather than reading Chinese with an English voice.
 */
export class VoiceController implements ReactiveController {
  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    globalThis.speechSynthesis?.cancel();
  }

  available(lang: 'zh' | 'en'): boolean {
    return this.voice(lang) !== null;
  }

  speak(text: string, lang: 'zh' | 'en'): void {
    const voice = this.voice(lang);
    if (!voice) return;
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 0.9; // a little slower for older listeners
    globalThis.speechSynthesis.cancel();
    globalThis.speechSynthesis.speak(u);
  }

  private voice(lang: 'zh' | 'en'): SpeechSynthesisVoice | null {
    const voices = globalThis.speechSynthesis?.getVoices() ?? [];
    return voices.find((v) => v.lang.toLowerCase().startsWith(lang)) ?? null;
  }
}
