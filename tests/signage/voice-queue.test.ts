import { describe, expect, it } from 'vitest';
import { isMandarin, pickMandarinVoice } from '../../signage/src/shared/mandarin.js';
import { isQuiet } from '../../signage/src/shared/quiet-hours.js';
import { VoiceQueue, type VoiceOptions } from '../../signage/src/shared/voice-queue.js';
import type { ChimePlayer, SpeechEngine, Utterance } from '../../signage/src/shared/voice-types.js';

/**
 * The board's voice queue with a scripted engine: it records what it was
 * asked to say and ends each utterance only when the test says so, so
 * "never overlapping" is checked by construction, not by timing.
 */

class ScriptedEngine implements SpeechEngine {
  readonly kind = 'speech' as const;
  readonly said: string[] = [];
  active = 0;
  maxActive = 0;
  private pending: (() => void)[] = [];

  speak(u: Utterance): Promise<void> {
    this.said.push(u.text);
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    return new Promise((resolve) =>
      this.pending.push(() => {
        this.active -= 1;
        resolve();
      }),
    );
  }

  /** Ends the utterance under way and lets the queue move on. */
  async finish(): Promise<void> {
    const end = this.pending.shift();
    if (!end) throw new Error('nothing is being said');
    end();
    await settle();
  }
}

const chime: ChimePlayer & { count: number } = {
  count: 0,
  play() {
    this.count += 1;
    return Promise.resolve();
  },
};

/** Lets promise callbacks and the repeat pause run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 450));

function queue(options: Partial<VoiceOptions> = {}) {
  const engine = new ScriptedEngine();
  const q = new VoiceQueue(engine, chime, () => ({
    repeat: 1,
    volume: 1,
    chime: true,
    quiet: false,
    ...options,
  }));
  return { engine, q };
}

describe('VoiceQueue', () => {
  it('says call-outs one after another, in order, each repeated, never two at once', async () => {
    const { engine, q } = queue({ repeat: 2 });
    q.enqueue({ callId: 'h:1', voiceText: '请A001号到1号窗口办理' });
    q.enqueue({ callId: 'h:2', voiceText: '重呼，请B012号到10号窗口办理' });
    await settle();
    expect(engine.said).toEqual(['请 A 零 零 一 号，到 一 号窗口办理']);
    for (let i = 0; i < 3; i++) await engine.finish();
    await engine.finish();
    expect(engine.said).toEqual([
      '请 A 零 零 一 号，到 一 号窗口办理',
      '请 A 零 零 一 号，到 一 号窗口办理',
      '重呼，请 B 零 一 二 号，到 十 号窗口办理',
      '重呼，请 B 零 一 二 号，到 十 号窗口办理',
    ]);
    expect(engine.maxActive).toBe(1);
    expect(q.current).toBeNull();
  });

  it('says a call id once, however often it is offered', async () => {
    const { engine, q } = queue();
    expect(q.enqueue({ callId: 'h:7', voiceText: '请A007号到1号窗口办理' })).toBe(true);
    expect(q.enqueue({ callId: 'h:7', voiceText: '请A007号到1号窗口办理' })).toBe(false);
    await settle();
    await engine.finish();
    expect(q.enqueue({ callId: 'h:7', voiceText: '请A007号到1号窗口办理' })).toBe(false);
    expect(engine.said).toHaveLength(1);
  });

  it('stays silent in quiet hours and at volume 0', async () => {
    for (const options of [{ quiet: true }, { volume: 0 }]) {
      const { engine, q } = queue(options);
      q.enqueue({ callId: 'h:1', voiceText: '请A001号到1号窗口办理' });
      await settle();
      expect(engine.said).toEqual([]);
      expect(q.length).toBe(0);
    }
  });

  it('keeps bounded memory: remembered ids and waiting call-outs are capped', async () => {
    const { engine, q } = queue();
    for (let i = 0; i < 1000; i++) q.enqueue({ callId: `h:${i}`, voiceText: '请A001号到1号窗口办理' });
    expect(q.length).toBeLessThanOrEqual(50);
    expect((q as unknown as { spoken: Set<string> }).spoken.size).toBeLessThanOrEqual(200);
    // The newest call-outs are the ones kept: they are what the hall is waiting to hear.
    expect(q.enqueue({ callId: 'h:999', voiceText: '请A001号到1号窗口办理' })).toBe(false);
    await settle();
    expect(engine.said).toHaveLength(1);
    q.stop();
  });

  it('after stop, says nothing more of what waited, and takes new call-outs', async () => {
    const { engine, q } = queue({ repeat: 2 });
    q.enqueue({ callId: 'h:1', voiceText: '请A001号到1号窗口办理' });
    q.enqueue({ callId: 'h:2', voiceText: '请A002号到1号窗口办理' });
    await settle();
    q.stop();
    await engine.finish();
    expect(engine.said).toEqual(['请 A 零 零 一 号，到 一 号窗口办理']);
    q.enqueue({ callId: 'h:3', voiceText: '请A003号到2号窗口办理' });
    await settle();
    expect(engine.said.at(-1)).toBe('请 A 零 零 三 号，到 二 号窗口办理');
  });
});

describe('Mandarin voices', () => {
  it('recognises the ways voices report Mandarin, and not Cantonese', () => {
    for (const lang of ['zh-CN', 'zh', 'cmn', 'cmn-Hans-CN', 'zh_CN', 'zh-Hans', 'zh-TW'])
      expect(isMandarin(lang), lang).toBe(true);
    for (const lang of ['zh-HK', 'yue', 'en-US', 'ja-JP']) expect(isMandarin(lang), lang).toBe(false);
  });

  it('prefers a mainland voice on the device', () => {
    const v = (lang: string, localService: boolean) => ({ lang, localService });
    expect(pickMandarinVoice([v('zh-TW', true), v('zh-CN', false), v('cmn-Hans-CN', true)])).toEqual(
      v('cmn-Hans-CN', true),
    );
    expect(pickMandarinVoice([v('zh-HK', true), v('zh-TW', false)])).toEqual(v('zh-TW', false));
    expect(pickMandarinVoice([v('en-US', true)])).toBeNull();
  });
});

describe('quiet hours in the hall’s time', () => {
  // 2026-01-05 13:30 in Asia/Shanghai is 05:30 UTC.
  const at = Date.UTC(2026, 0, 5, 5, 30);
  it('take the hall’s time zone, and spans may wrap midnight', () => {
    expect(isQuiet(at, 'Asia/Shanghai', [{ from: '12:00', to: '14:00' }])).toBe(true);
    expect(isQuiet(at, 'UTC', [{ from: '12:00', to: '14:00' }])).toBe(false);
    expect(isQuiet(at, 'UTC', [{ from: '22:00', to: '07:00' }])).toBe(true);
    expect(isQuiet(at, 'Asia/Shanghai', [{ from: '22:00', to: '07:00' }])).toBe(false);
    expect(isQuiet(at, 'Asia/Shanghai', [])).toBe(false);
  });
});
