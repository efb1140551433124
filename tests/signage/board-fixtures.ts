import type { Page } from '@playwright/test';

/**
 * What the board specs and the bench put into a board page: a fake speech
 * engine and chime (installed before the board starts, as
 * `window.hallSpeechEngine` / `window.hallChime`) that record what they were
 * asked to say, when each utterance started and ended, and the most
 * utterances ever under way at once.
 */

export interface SpokenEntry {
  what: 'chime' | 'speech';
  text: string;
  voiceText: string;
  start: number;
  end: number | null;
}

export interface SpeechRecord {
  entries: SpokenEntry[];
  maxActive: number;
}

/** The page's globals the fake uses (this file is type-checked without the DOM library). */
interface FakeSpeechGlobals {
  hallSpeechRecord: SpeechRecord;
}

/**
 * The fake as page script text: a function would be transpiled by whoever
 * runs the caller (Playwright's loader, tsx), and tsx wraps inner functions
 * in a helper the page does not have.
 */
const FAKE_SPEECH = (utteranceMs: number) => `
(() => {
  const record = { entries: [], maxActive: 0 };
  let active = 0;
  const run = (entry, duration) => {
    active += 1;
    record.maxActive = Math.max(record.maxActive, active);
    record.entries.push(entry);
    return new Promise((resolve) =>
      setTimeout(() => {
        active -= 1;
        entry.end = performance.now();
        resolve();
      }, duration),
    );
  };
  globalThis.hallSpeechRecord = record;
  globalThis.hallSpeechEngine = {
    kind: 'speech',
    speak: (u) => run({ what: 'speech', text: u.text, voiceText: u.voiceText, start: performance.now(), end: null }, ${utteranceMs}),
  };
  globalThis.hallChime = {
    play: () => run({ what: 'chime', text: '', voiceText: '', start: performance.now(), end: null }, 30),
  };
})();
`;

/** `utteranceMs`: how long the fake takes to say something (its `end` comes after that). */
export async function installFakeSpeech(page: Page, utteranceMs = 120): Promise<void> {
  await page.addInitScript({ content: FAKE_SPEECH(utteranceMs) });
}

export function speechRecord(page: Page): Promise<SpeechRecord> {
  return page.evaluate(() => (globalThis as unknown as FakeSpeechGlobals).hallSpeechRecord);
}

/** Waits until `n` utterances (words, not chimes) have ended. */
export async function waitForSpoken(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (count) =>
      (globalThis as unknown as FakeSpeechGlobals).hallSpeechRecord.entries.filter(
        (e) => e.what === 'speech' && e.end !== null,
      ).length >= count,
    n,
    { timeout: 30_000 },
  );
}

/** The voice texts spoken, in order, one per utterance. */
export function spokenTexts(record: SpeechRecord): string[] {
  return record.entries.filter((e) => e.what === 'speech').map((e) => e.voiceText);
}

/** Every utterance (chimes included) ended before the next one started. */
export function overlaps(record: SpeechRecord): number {
  let count = 0;
  const sorted = [...record.entries].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (prev.end === null || prev.end > sorted[i]!.start) count += 1;
  }
  return count;
}
