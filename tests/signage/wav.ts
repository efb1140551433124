/**
 * Reads a PCM WAV file back into samples, checking each chunk the way a
 * browser's decoder would: RIFF/WAVE, a `fmt ` chunk of 16-bit PCM, a `data`
 * chunk of whole samples. espeak-ng writes its stream with a length of
 * 0x7fffffff in the headers when it cannot seek; the data then runs to the end.
 */
export interface DecodedWav {
  sampleRate: number;
  channels: number;
  samples: Int16Array;
  seconds: number;
}

export function decodeWav(bytes: Buffer): DecodedWav {
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let offset = 12;
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const declared = bytes.readUInt32LE(offset + 4);
    const start = offset + 8;
    if (id === 'fmt ') {
      fmt = {
        format: bytes.readUInt16LE(start),
        channels: bytes.readUInt16LE(start + 2),
        sampleRate: bytes.readUInt32LE(start + 4),
        bits: bytes.readUInt16LE(start + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('data before fmt');
      if (fmt.format !== 1 || fmt.bits !== 16) throw new Error(`not 16-bit PCM (${fmt.format}/${fmt.bits})`);
      const end = Math.min(bytes.length, start + declared);
      const usable = end - start - ((end - start) % 2);
      const samples = new Int16Array(usable / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(start + i * 2);
      return {
        sampleRate: fmt.sampleRate,
        channels: fmt.channels,
        samples,
        seconds: samples.length / fmt.channels / fmt.sampleRate,
      };
    }
    offset = start + declared + (declared % 2);
  }
  throw new Error('no data chunk');
}

/** Root mean square of the samples, 0 … 32767. */
export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}
