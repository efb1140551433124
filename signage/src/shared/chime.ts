import type { ChimePlayer } from './voice-types.js';

/**
 * The two-tone chime (叮咚) before a call-out, made with the Web Audio API so
 * the board needs no sound file. The promise resolves when the chime is over
 * by the clock, even if the audio context could not start (autoplay rules),
 * so the voice queue keeps its pace either way.
 */

const NOTES = [
  { freq: 880, at: 0, length: 0.45 },
  { freq: 698.46, at: 0.4, length: 0.7 },
];
const TOTAL_MS = 1_150;

export class WebAudioChime implements ChimePlayer {
  private ctx: AudioContext | null = null;

  async play(volume: number): Promise<void> {
    try {
      this.ctx ??= new AudioContext();
      if (this.ctx.state === 'suspended') await Promise.race([this.ctx.resume(), delay(200)]);
      const ctx = this.ctx;
      const start = ctx.currentTime + 0.02;
      for (const n of NOTES) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = n.freq;
        gain.gain.setValueAtTime(0, start + n.at);
        gain.gain.linearRampToValueAtTime(0.6 * volume, start + n.at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + n.at + n.length);
        osc.connect(gain).connect(ctx.destination);
        osc.start(start + n.at);
        osc.stop(start + n.at + n.length + 0.05);
      }
    } catch {
      // No audio device: the pause still separates call-outs.
    }
    await delay(TOTAL_MS);
  }

  close(): void {
    void this.ctx?.close();
    this.ctx = null;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
