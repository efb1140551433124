import { createRequire } from 'node:module';
import type { SpeechSynth } from './synth.js';

/**
 * espeak-ng compiled to WebAssembly (npm `espeak-ng`), so a hub speaks
 * Mandarin after `npm install` alone, on a PC where nobody installed the
 * espeak-ng program. The build carries the Mandarin dictionary: with voice
 * `cmn-latn-pinyin` it reads 汉字 as Mandarin (and pinyin with tone numbers
 * too), the way the system program does.
 *
 * The build is the espeak-ng command line: each call-out runs it once in a
 * fresh instance (about a third of a second), writing the WAV to the
 * instance's in-memory file system. Its exit status is caught, so a failed
 * run never sets the hub's own exit code.
 */

interface EspeakInstance {
  FS: { readFile(path: string): Uint8Array };
}
type EspeakFactory = (module: {
  arguments: string[];
  print: (s: string) => void;
  printErr: (s: string) => void;
  quit: (status: number, toThrow: unknown) => void;
}) => Promise<EspeakInstance>;

const OUT = '/call-out.wav';

async function loadFactory(): Promise<EspeakFactory | null> {
  try {
    // Resolved first, so a missing package reads as "not available", not as a crash.
    createRequire(import.meta.url).resolve('espeak-ng');
    const mod = (await import('espeak-ng')) as { default: EspeakFactory };
    return mod.default;
  } catch {
    return null;
  }
}

export class WasmEspeak implements SpeechSynth {
  readonly name = 'wasm';
  private factory: Promise<EspeakFactory | null> | null = null;

  available(): Promise<boolean> {
    this.factory ??= loadFactory();
    return this.factory.then((f) => f !== null);
  }

  /** Runs espeak-ng once; `args` as on its command line (without the output file). */
  async run(args: string[], output = true): Promise<{ wav: Buffer | null; printed: string }> {
    this.factory ??= loadFactory();
    const factory = await this.factory;
    if (!factory) throw new Error('the espeak-ng WebAssembly build is not installed');
    let status = 0;
    const printed: string[] = [];
    const instance = await factory({
      arguments: [...args.slice(0, -1), ...(output ? ['-w', OUT] : []), ...args.slice(-1)],
      print: (s) => printed.push(s),
      printErr: () => {},
      quit: (code, toThrow) => {
        status = code;
        throw toThrow;
      },
    });
    if (status !== 0) throw new Error(`espeak-ng (WebAssembly) ended with ${status}`);
    return { wav: output ? Buffer.from(instance.FS.readFile(OUT)) : null, printed: printed.join('\n') };
  }

  async wav(words: string, voice: string, speed: number): Promise<Buffer> {
    const { wav } = await this.run(['-v', voice, '-s', String(speed), words]);
    if (!wav || wav.length === 0) throw new Error('espeak-ng (WebAssembly) wrote no audio');
    return wav;
  }

  /** The phonemes espeak-ng would say (`-x`): tells Mandarin tones from English letters in tests. */
  async phonemes(words: string, voice: string): Promise<string> {
    return (await this.run(['-v', voice, '-q', '-x', words], false)).printed;
  }
}
