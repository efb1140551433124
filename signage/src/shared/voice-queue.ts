import { spokenText, type SpokenStyle } from '@hall-queue/server/protocol';
import type { ChimePlayer, SpeechEngine } from './voice-types.js';

/**
 * Call-outs spoken one after another, never overlapping and never cutting
 * each other off: each waits for the previous one's end. Each call-out is a
 * chime, then the words `repeat` times. A call id is spoken once, however
 * often it is offered (a replay after a reconnect). Memory is bounded: a
 * fixed number of remembered ids and of waiting call-outs.
 */

export interface Announcement {
  callId: string;
  voiceText: string;
}

export interface VoiceOptions {
  repeat: number;
  volume: number;
  chime: boolean;
  /** In quiet hours call-outs are shown but not voiced. */
  quiet: boolean;
  /** The hall's sentence and number reading (default: 请 A 零 二 三 号，到 三 号窗口办理). */
  style?: SpokenStyle;
}

const REMEMBERED = 200;
/** A hall never has this many call-outs waiting to be said; past it the oldest are dropped. */
const MAX_WAITING = 50;
/** Between two repeats, so the second is heard as a repeat. */
const REPEAT_GAP_MS = 400;

export class VoiceQueue {
  private readonly waiting: Announcement[] = [];
  private readonly spoken = new Set<string>();
  private running = false;
  /** Bumped by `stop()`: a call-out being said belongs to the generation it started in. */
  private generation = 0;
  /** The call-out being said now, for the screen. */
  current: Announcement | null = null;

  constructor(
    private engine: SpeechEngine,
    private readonly chime: ChimePlayer,
    private readonly options: () => VoiceOptions,
    private readonly onChange: () => void = () => {},
  ) {}

  get kind(): SpeechEngine['kind'] {
    return this.engine.kind;
  }

  get length(): number {
    return this.waiting.length;
  }

  setEngine(engine: SpeechEngine): void {
    this.engine = engine;
    this.onChange();
  }

  /** False when this call id was already said or queued. */
  enqueue(a: Announcement): boolean {
    if (this.spoken.has(a.callId)) return false;
    this.spoken.add(a.callId);
    if (this.spoken.size > REMEMBERED) this.spoken.delete(this.spoken.values().next().value as string);
    this.waiting.push(a);
    if (this.waiting.length > MAX_WAITING) this.waiting.shift();
    void this.run();
    return true;
  }

  /** Silence now and forget what waits (the board left the page); what is offered later is said again. */
  stop(): void {
    this.generation += 1;
    this.waiting.length = 0;
    this.engine.cancel?.();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
        this.current = next;
        this.onChange();
        await this.say(next);
      }
    } finally {
      this.current = null;
      this.running = false;
      this.onChange();
    }
  }

  private async say(a: Announcement): Promise<void> {
    const o = this.options();
    const generation = this.generation;
    if (o.quiet || o.volume <= 0) return;
    try {
      if (o.chime || this.engine.kind === 'chime') await this.chime.play(o.volume);
      const utterance = { text: spokenText(a.voiceText, o.style), voiceText: a.voiceText };
      for (let i = 0; i < o.repeat && generation === this.generation; i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, REPEAT_GAP_MS));
        await this.engine.speak(utterance, { volume: o.volume });
      }
    } catch {
      // An engine that throws loses this call-out's voice, never the queue: the next one is said.
    }
  }
}
