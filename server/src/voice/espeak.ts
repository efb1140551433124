import { spawn } from 'node:child_process';
import { spokenText, type SpokenStyle } from './spoken.js';
import type { SpeechSynth, VoiceEngineChoice } from './synth.js';
import { WasmEspeak } from './wasm-espeak.js';

/**
 * The hub's fallback voice, for boards whose browser has no Mandarin speech
 * voice: espeak-ng with its Mandarin voice that reads Latin letters as pinyin
 * (`cmn-latn-pinyin`). The espeak-ng program is used when it is installed;
 * otherwise its WebAssembly build from npm, so a fresh install speaks too.
 * `VOICE_ENGINE` (auto | system | wasm | off) forces one.
 *
 * The program runs without a shell, its text as one argument, with a time
 * and size limit; at most a few call-outs are voiced at once and recent
 * results are kept, since every board in the hall asks for the same call-out
 * at the same moment.
 */

export const ESPEAK_VOICE = 'cmn-latn-pinyin';
const SPEED = 140;
const TIMEOUT_MS = 5_000;
const MAX_WAV_BYTES = 4 * 1024 * 1024;
const CACHE_SIZE = 32;
const MAX_RUNNING = 2;
const MAX_WAITING = 16;

/** Errors carry a flag, so the route maps them without reading message text. */
export class VoiceError extends Error {
  constructor(
    readonly reason: 'unavailable' | 'busy' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'VoiceError';
  }
}

function run(bin: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'ignore'], timeout: TIMEOUT_MS });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_WAV_BYTES) child.kill('SIGKILL');
      else chunks.push(c);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0 && size <= MAX_WAV_BYTES) resolve(Buffer.concat(chunks));
      else reject(new Error(`${bin} ended with ${code ?? 'a signal'}`));
    });
  });
}

/** The espeak-ng program installed on the machine. */
export class SystemEspeak implements SpeechSynth {
  readonly name = 'system';
  private found: Promise<boolean> | null = null;

  constructor(private readonly bin = 'espeak-ng') {}

  available(): Promise<boolean> {
    this.found ??= run(this.bin, ['--voices=cmn']).then(
      (out) => out.toString('utf8').includes(ESPEAK_VOICE),
      () => false,
    );
    return this.found;
  }

  wav(words: string, voice: string, speed: number): Promise<Buffer> {
    return run(this.bin, ['-v', voice, '-s', String(speed), '--stdout', words]);
  }
}

export class HubVoice {
  private chosen: Promise<SpeechSynth | null> | null = null;
  private readonly cache = new Map<string, Buffer>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly choice: VoiceEngineChoice = 'auto',
    private readonly engines: { system: SpeechSynth; wasm: SpeechSynth } = {
      system: new SystemEspeak(),
      wasm: new WasmEspeak(),
    },
  ) {}

  /** The synthesizer in use, or null when boards can only chime; chosen once per process. */
  engine(): Promise<SpeechSynth | null> {
    this.chosen ??= this.pick();
    return this.chosen;
  }

  private async pick(): Promise<SpeechSynth | null> {
    const order: SpeechSynth[] =
      this.choice === 'off'
        ? []
        : this.choice === 'system'
          ? [this.engines.system]
          : this.choice === 'wasm'
            ? [this.engines.wasm]
            : [this.engines.system, this.engines.wasm];
    for (const e of order) if (await e.available()) return e;
    return null;
  }

  /** Whether the hub can voice call-outs (else boards without a browser voice only chime). */
  async isAvailable(): Promise<boolean> {
    return (await this.engine()) !== null;
  }

  /** WAV audio of a call-out text, read as `spokenText` says in the hall's style. */
  async wav(voiceText: string, style: SpokenStyle = {}): Promise<Buffer> {
    const engine = await this.engine();
    if (!engine) {
      throw new VoiceError('unavailable', `No espeak-ng with the ${ESPEAK_VOICE} voice on this hub.`);
    }
    const words = spokenText(voiceText, style);
    const cached = this.cache.get(words);
    if (cached) return cached;
    await this.slot();
    try {
      const wav = await engine.wav(words, ESPEAK_VOICE, SPEED);
      this.cache.set(words, wav);
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
      return wav;
    } catch (err) {
      throw new VoiceError('failed', err instanceof Error ? err.message : 'espeak-ng failed');
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async slot(): Promise<void> {
    if (this.running < MAX_RUNNING) {
      this.running++;
      return;
    }
    if (this.waiting.length >= MAX_WAITING) throw new VoiceError('busy', 'Too many call-outs being voiced.');
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
  }
}

/** The hub's voice when none is given (tests, tools): the program if installed, else the WebAssembly build. */
export const hubVoice = new HubVoice();
