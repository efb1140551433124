import { spawn } from 'node:child_process';
import { spokenText } from './spoken.js';

/**
 * The hub's fallback voice: espeak-ng with its Mandarin voice that reads
 * Latin letters as pinyin (`cmn-latn-pinyin`), for boards whose browser has
 * no Mandarin speech voice. espeak-ng is optional: it is looked for at run
 * time, and without it boards fall back to the chime alone.
 *
 * espeak-ng runs without a shell, its text as one argument, with a time and
 * size limit; at most a few run at once and recent results are kept, since
 * every board in the hall asks for the same call-out at the same moment.
 */

export const ESPEAK_VOICE = 'cmn-latn-pinyin';
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

export class EspeakVoice {
  private available: Promise<boolean> | null = null;
  private readonly cache = new Map<string, Buffer>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly bin = 'espeak-ng') {}

  /** Whether espeak-ng with the Mandarin voice is installed; asked once per process. */
  isAvailable(): Promise<boolean> {
    this.available ??= run(this.bin, ['--voices=cmn']).then(
      (out) => out.toString('utf8').includes(ESPEAK_VOICE),
      () => false,
    );
    return this.available;
  }

  /** WAV audio of a call-out text (read as `spokenText` says). */
  async wav(voiceText: string): Promise<Buffer> {
    if (!(await this.isAvailable())) {
      throw new VoiceError(
        'unavailable',
        `espeak-ng with the ${ESPEAK_VOICE} voice is not installed on this hub.`,
      );
    }
    const cached = this.cache.get(voiceText);
    if (cached) return cached;
    await this.slot();
    try {
      const wav = await run(this.bin, ['-v', ESPEAK_VOICE, '-s', '140', '--stdout', spokenText(voiceText)]);
      this.cache.set(voiceText, wav);
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

/** The hub's one voice; boards share its cache. */
export const hubVoice = new EspeakVoice();
